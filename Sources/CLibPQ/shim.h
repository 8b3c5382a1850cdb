#ifndef FRONTLINE_CLIBPQ_SHIM_H
#define FRONTLINE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
