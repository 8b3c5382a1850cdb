/* The same GEOS calls as the Swift wrapper benchmark, made directly from C: the floor the
 * wrapper is measured against. Prints "name nanoseconds-per-call" lines. */
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static GEOSGeometry *square(GEOSContextHandle_t ctx, double x, double y, double size) {
    double coords[10] = {x, y, x + size, y, x + size, y + size, x, y + size, x, y};
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(ctx, coords, 5, 0, 0);
    GEOSGeometry *ring = GEOSGeom_createLinearRing_r(ctx, seq);
    return GEOSGeom_createPolygon_r(ctx, ring, NULL, 0);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSGeometry *a = square(ctx, 46, 39, 1), *b = square(ctx, 46.5, 39.5, 1);
    volatile long sink = 0;
    double t0 = now();
    for (long i = 0; i < n; i++) sink += GEOSIntersects_r(ctx, a, b);
    printf("intersects %.1f\n", (now() - t0) / n * 1e9);

    t0 = now();
    for (long i = 0; i < n; i++) {
        GEOSGeometry *g = square(ctx, 46 + (i & 7), 39, 1);
        double xmin;
        GEOSGeom_getXMin_r(ctx, g, &xmin);  /* the wrapper caches the envelope on creation too */
        GEOSGeom_destroy_r(ctx, g);
    }
    printf("create_polygon %.1f\n", (now() - t0) / n * 1e9);

    long m = n / 10;
    t0 = now();
    for (long i = 0; i < m; i++) {
        GEOSGeometry *g = GEOSIntersection_r(ctx, a, b);
        double area, xmin;
        GEOSGeom_getXMin_r(ctx, g, &xmin);
        GEOSArea_r(ctx, g, &area);
        sink += (long)area;
        GEOSGeom_destroy_r(ctx, g);
    }
    printf("intersection_area %.1f\n", (now() - t0) / m * 1e9);

    const GEOSPreparedGeometry *p = GEOSPrepare_r(ctx, a);
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx, 46.5, 39.5);
    t0 = now();
    for (long i = 0; i < n; i++) sink += GEOSPreparedIntersects_r(ctx, p, pt);
    printf("prepared_intersects_point %.1f\n", (now() - t0) / n * 1e9);
    GEOSPreparedGeom_destroy_r(ctx, p);
    GEOSGeom_destroy_r(ctx, pt);
    GEOSGeom_destroy_r(ctx, a);
    GEOSGeom_destroy_r(ctx, b);
    GEOS_finish_r(ctx);
    return sink == -1;
}
