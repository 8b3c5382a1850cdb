#ifndef FRONTLINE_CPROJ_SHIM_H
#define FRONTLINE_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
