#!/usr/bin/env python3
"""The tracker peer: what an analyst writes to follow a tracker with shapely 2 and pyproj.
For each daily file: union its features, clip to the regions, measure the geodesic area
(pyproj Geod) and the frontline (the clipped area's boundary off the regions' outline).

    tracker_peer.py REGIONS FILE...   prints one JSON document on stdout: {date: [km2, km]}
"""
import json, re, sys
import shapely
from shapely.geometry import shape
from shapely.ops import unary_union
from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def main():
    regions_file, files = sys.argv[1], sys.argv[2:]
    with open(regions_file) as f:
        regions = [shape(feature["geometry"]) for feature in json.load(f)["features"]]
    theatre = unary_union(regions)
    outline = theatre.boundary
    shapely.prepare(theatre)
    result = {}
    for path in files:
        day = re.search(r"(\d{8})", path.rsplit("/", 1)[-1]).group(1)
        date = "%s-%s-%s" % (day[:4], day[4:6], day[6:])
        with open(path) as f:
            shapes = [shape(feature["geometry"]) for feature in json.load(f)["features"] if feature.get("geometry")]
        occupied = shapely.force_2d(unary_union(shapes)).intersection(theatre)
        area = abs(GEOD.geometry_area_perimeter(occupied)[0])
        front = occupied.boundary.difference(outline)
        result[date] = [area / 1e6, GEOD.geometry_length(front) / 1000]
    json.dump(result, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
