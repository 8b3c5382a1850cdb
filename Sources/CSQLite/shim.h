#ifndef FRONTLINE_CSQLITE_SHIM_H
#define FRONTLINE_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
