#ifndef FRONTLINE_CGDAL_SHIM_H
#define FRONTLINE_CGDAL_SHIM_H
// GDAL's C API only (gdal.h, ogr_api.h, ogr_srs_api.h, cpl_error.h): the vector drivers.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#endif
