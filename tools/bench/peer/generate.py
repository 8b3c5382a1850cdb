#!/usr/bin/env python3
"""Synthetic but realistic Frontline data, reproducible from a seed.

A hexagonal tessellation of a 6 x 3 degree theatre into N regions, a baseline split along a wavy
north-south line (AM west, AZ east), two settlements per region, and M claims over D dates:
settlement claims, whole-region claims (some partial: unlocated), and polygon claims (some
clipped to a region), with statuses spread over claimed, assessed, confirmed and retracted.

    generate.py OUT_DIR --regions N --claims M --dates D [--seed S]
"""
import argparse, json, math, os, random
import shapely
from shapely.geometry import Polygon, Point, box, mapping
from shapely.ops import unary_union
from shapely.geometry.polygon import orient

WEST, SOUTH, EAST, NORTH = 44.0, 38.5, 50.0, 41.5
# Longest edge, in degrees (about 400 m): edges are geodesics for the measures but straight
# lines in longitude/latitude for the overlays; on short edges the two agree to well under 1e-6.
STEP = 0.004

def ring(geometry):
    return [[round(x, 7), round(y, 7)] for x, y in geometry.exterior.coords]

def polygon_json(geometry):
    geometry = orient(geometry, 1.0)
    if geometry.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(geometry)] + [[[round(x, 7), round(y, 7)] for x, y in i.coords] for i in geometry.interiors]}
    return {"type": "MultiPolygon", "coordinates": [[ring(orient(p, 1.0))] + [[[round(x, 7), round(y, 7)] for x, y in i.coords] for i in p.interiors] for p in geometry.geoms]}

def hexagons(n):
    area = (EAST - WEST) * (NORTH - SOUTH)
    radius = math.sqrt(2 * area / (3 * math.sqrt(3) * n))
    width, height = math.sqrt(3) * radius, 1.5 * radius
    theatre = box(WEST, SOUTH, EAST, NORTH)
    # Vertices come from integer lattice steps (half a width across, half a radius up), so that
    # neighbouring hexagons share exactly the same vertex coordinates: a clean coverage.
    across, up = width / 2, radius / 2
    corners = [(1, 1), (0, 2), (-1, 1), (-1, -1), (0, -2), (1, -1)]
    pieces = max(1, math.ceil(radius / STEP))
    def edge(a, b):
        # Points of a lattice edge, computed from its lower-ordered end so that both hexagons
        # sharing the edge get exactly the same coordinates.
        first, last = min(a, b), max(a, b)
        points = [(round(WEST + (first[0] * (pieces - k) + last[0] * k) / pieces * across, 7),
                   round(SOUTH + (first[1] * (pieces - k) + last[1] * k) / pieces * up, 7)) for k in range(pieces)]
        points.append((round(WEST + last[0] * across, 7), round(SOUTH + last[1] * up, 7)))
        return points if first == a else points[::-1]
    cells, row = [], 0
    while SOUTH + 3 * row * up < NORTH + radius:
        column = 0
        while WEST + (2 * column + row % 2) * across < EAST + width:
            i, j = 2 * column + row % 2, 3 * row
            lattice = [(i + dx, j + dy) for dx, dy in corners]
            outline = []
            for k in range(6):
                outline += edge(lattice[k], lattice[(k + 1) % 6])[:-1]
            clipped = Polygon(outline).intersection(theatre)
            if clipped.area > 1e-9 and clipped.geom_type == "Polygon":
                cells.append(shapely.set_precision(shapely.segmentize(clipped, STEP), 1e-7))
            column += 1
        row += 1
    return cells, radius

def front(lat):
    return 46.0 + 0.4 * math.sin(lat * 3.0)

def write(path, value):
    with open(path, "w") as f:
        json.dump(value, f, separators=(",", ":"), sort_keys=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--regions", type=int, required=True)
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--dates", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "claims"), exist_ok=True)

    cells, radius = hexagons(args.regions)
    regions = [{"type": "Feature", "id": "H%05d" % i, "geometry": polygon_json(cell),
                "properties": {"name": "Hex %d" % i, "country": "XX", "level": "admin1"}} for i, cell in enumerate(cells)]
    write(os.path.join(args.out, "regions.geojson"), {"type": "FeatureCollection", "features": regions})

    west = [cell for cell in cells if cell.centroid.x < front(cell.centroid.y)]
    east = [cell for cell in cells if cell.centroid.x >= front(cell.centroid.y)]
    baseline = {"type": "FeatureCollection", "date": "2000-01-01", "features": [
        {"type": "Feature", "id": "baseline:AM", "geometry": polygon_json(unary_union(west)), "properties": {"controller": "AM"}},
        {"type": "Feature", "id": "baseline:AZ", "geometry": polygon_json(unary_union(east)), "properties": {"controller": "AZ"}}]}
    write(os.path.join(args.out, "baseline.geojson"), baseline)
    write(os.path.join(args.out, "actors.json"), [{"id": "AZ", "name": "East", "color": "#1f6fb4"}, {"id": "AM", "name": "West", "color": "#d6452b"}])

    settlements = []
    for i, cell in enumerate(cells):
        minx, miny, maxx, maxy = cell.bounds
        placed = 0
        while placed < 2:
            point = Point(round(rng.uniform(minx, maxx), 7), round(rng.uniform(miny, maxy), 7))
            if cell.contains(point):
                settlements.append({"type": "Feature", "id": "s%06d" % len(settlements), "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
                                    "properties": {"name": "Place %d" % len(settlements), "region": regions[i]["id"]}})
                placed += 1
    write(os.path.join(args.out, "settlements.geojson"), {"type": "FeatureCollection", "features": settlements})

    def day(index):
        return "2000-%02d-%02d" % (1 + (index // 28) % 12, 1 + index % 28) if index < 336 else "%04d-%02d-%02d" % (2001 + (index - 336) // 336, 1 + ((index - 336) // 28) % 12, 1 + (index - 336) % 28)
    dates = sorted(set(day(i + 1) for i in range(args.dates)))
    from shapely import STRtree
    tree = STRtree(cells)
    claims = []
    for k in range(args.claims):
        date = dates[k] if k < len(dates) else rng.choice(dates)
        status = rng.choices(["claimed", "assessed", "confirmed", "retracted"], [50, 20, 20, 10])[0]
        properties = {"date": date, "controller": rng.choice(["AZ", "AM"]), "claimant": "synthetic", "status": status, "source": {"title": "synthetic %d" % k}}
        kind = rng.random()
        geometry = None
        if kind < 0.4:
            properties["settlements"] = sorted(set("s%06d" % rng.randrange(len(settlements)) for _ in range(rng.choice([1, 1, 2]))))
        elif kind < 0.7:
            region = rng.randrange(len(cells))
            properties["region"] = regions[region]["id"]
            if rng.random() < 0.05:
                properties["extent"] = "partial"
        else:
            cx, cy = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
            r, turn, sides = radius * rng.uniform(0.5, 2.0), rng.uniform(0, 360), rng.choice([3, 4, 5, 6])
            shape = shapely.segmentize(Polygon([(cx + r * math.cos(math.radians(turn + 360 * s / sides)), cy + r * math.sin(math.radians(turn + 360 * s / sides))) for s in range(sides)]), STEP)
            geometry = polygon_json(shape)
            if rng.random() < 0.5:
                properties["region"] = regions[int(tree.nearest(Point(cx, cy)))]["id"]
        claims.append({"type": "Feature", "id": "c%07d" % k, "geometry": geometry, "properties": properties})
    for start in range(0, len(claims), 10000):
        write(os.path.join(args.out, "claims", "claims-%04d.geojson" % (start // 10000)), {"type": "FeatureCollection", "features": claims[start:start + 10000]})
    print(json.dumps({"regions": len(cells), "settlements": len(settlements), "claims": len(claims), "dates": len(dates), "baseline": baseline["date"], "first": dates[0], "last": dates[-1]}))

if __name__ == "__main__":
    main()
