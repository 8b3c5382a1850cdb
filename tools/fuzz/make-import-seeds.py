#!/usr/bin/env python3
"""Writes the seed corpus of the FuzzImport target (tools/fuzz/corpus/import): a valid
Shapefile polygon alone and with its dBASE table, the reliability issue's crafted files (a NaN
and an infinite coordinate, a table claiming 0xFFFFFFFF records) and, with GDAL's ogr2ogr, a
GeoPackage made from the NaN Shapefile. Each seed starts with the byte that picks the format
(0 .shp, 1 .shp + .dbf split at bytes 1-2, 2 .gpkg), as FuzzImport/main.swift reads them."""
import os, struct, subprocess, sys, tempfile

def shp(ring):
    xs = [p[0] for p in ring]; ys = [p[1] for p in ring]
    box = [min(xs), min(ys), max(xs), max(ys)] if all(x == x for x in xs) else [0, 0, 0, 0]
    content = struct.pack("<i4d2ii", 5, *box, 1, len(ring), 0) + b"".join(struct.pack("<2d", *p) for p in ring)
    record = struct.pack(">2i", 1, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(record)) // 2) + struct.pack("<2i4d4d", 1000, 5, *box, 0, 0, 0, 0)
    return header + record

def dbf(records, claimed=None):
    fields = struct.pack("<11sc4xBB14x", b"name", b"C", 10, 0)
    header_length = 32 + len(fields) + 1
    header = struct.pack("<BBBBIHH20x", 3, 126, 1, 1, len(records) if claimed is None else claimed, header_length, 11)
    return header + fields + b"\r" + b"".join(b" " + name.ljust(10).encode() for name in records) + b"\x1a"

def pair(shp_bytes, dbf_bytes):
    return bytes([1]) + struct.pack(">H", len(shp_bytes)) + shp_bytes + dbf_bytes

clockwise = [(46.9, 39.5), (47.0, 39.7), (47.1, 39.5), (46.9, 39.5)]
nan = [(46.9, 39.5), (float("nan"), 39.7), (47.1, 39.5), (46.9, 39.5)]
inf = [(46.9, 39.5), (47.0, float("inf")), (47.1, 39.5), (46.9, 39.5)]
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "import")
os.makedirs(out, exist_ok=True)
seeds = {
    "shp-polygon": bytes([0]) + shp(clockwise),
    "shp-dbf-polygon": pair(shp(clockwise), dbf(["Fuzuli"])),
    "shp-nan": bytes([0]) + shp(nan),
    "shp-infinity": bytes([0]) + shp(inf),
    "dbf-claims-4294967295-records": pair(shp(clockwise), dbf(["Fuzuli"], claimed=0xFFFFFFFF)),
}
with tempfile.TemporaryDirectory() as work:
    with open(os.path.join(work, "nan.shp"), "wb") as f: f.write(shp(nan))
    with open(os.path.join(work, "nan.dbf"), "wb") as f: f.write(dbf(["Fuzuli"]))
    gpkg = os.path.join(work, "nan.gpkg")
    if subprocess.run(["ogr2ogr", "--config", "SHAPE_RESTORE_SHX", "YES", "-f", "GPKG", gpkg, os.path.join(work, "nan.shp")], capture_output=True).returncode == 0:
        with open(gpkg, "rb") as f: seeds["gpkg-nan"] = bytes([2]) + f.read()
for name, content in seeds.items():
    with open(os.path.join(out, name), "wb") as f: f.write(content)
    print(f"{name}: {len(content)} bytes")
