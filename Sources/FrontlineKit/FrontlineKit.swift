// FrontlineKit: the whole library in one import, for programs built on Frontline (the
// benchmarks, the fuzzers). It adds nothing of its own; each layer below is also a module.
@_exported import FrontlineEngine
@_exported import FrontlineFormats
@_exported import FrontlineModel
@_exported import FrontlinePresentation
@_exported import GeoJSON
@_exported import Geometry
