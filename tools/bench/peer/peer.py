#!/usr/bin/env python3
"""The peer: the job Frontline does, written the straightforward way a GIS analyst would, with
shapely 2 and pyproj, on the same files and with the same rules:

  regions: geodesic area of every region;
  adjacency: pairs whose shared boundary is longer than 100 m (STRtree, exact boundary overlap);
  timeline: for each layer, claims applied in (date, reported, id) order to one dissolved
    polygon per controller (union for the claimant's side, difference for the others), areas
    and (claimed layer) frontline length at every date on which a claim takes effect;
  diff: gained and lost area per controller between the first and the last date.

    peer.py DATA_DIR [--budget SECONDS]   prints one JSON document on stdout

If the budget runs out during the timeline, it stops and reports how far it got, so that the
runner can extrapolate.
"""
import argparse, glob, json, math, os, sys, time
import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import shape, MultiPoint, Point, box
from shapely.ops import unary_union
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
# Areas are geodesic (an edge is a geodesic) while shapely's overlays are planar in lon/lat.
# Frontline densifies every shape it overlays along its geodesics until no straight segment
# strays more than 5 mm from its geodesic (ControlState.densifyTolerance); the peer does the
# same, so that the two compute the same thing and their answers can be compared.
TOLERANCE = 0.005
RADIUS = 6378137.0
SHORTEST = math.degrees(math.sqrt(8 * TOLERANCE / RADIUS))

def densify_ring(coords):
    points = np.asarray(coords, dtype=float)[:, :2]
    a, b = points[:-1], points[1:]
    long_edges = np.nonzero(np.hypot(b[:, 0] - a[:, 0], b[:, 1] - a[:, 1]) > SHORTEST)[0]
    if len(long_edges) == 0:
        return coords
    out, last = [], 0
    for k in long_edges:
        (lon1, lat1), (lon2, lat2) = a[k], b[k]
        forward = (lon1, lat1) < (lon2, lat2)
        if not forward:
            lon1, lat1, lon2, lat2 = lon2, lat2, lon1, lat1
        azimuth, _, distance = GEOD.inv(lon1, lat1, lon2, lat2)
        mid_lon, mid_lat, _ = GEOD.fwd(lon1, lat1, azimuth, distance / 2)
        scale = math.cos(math.radians(mid_lat))
        dx, dy = (lon2 - lon1) * scale, lat2 - lat1
        px, py = (mid_lon - lon1) * scale, mid_lat - lat1
        stray = abs(dx * py - dy * px) / math.hypot(dx, dy) * RADIUS * math.pi / 180
        steps = math.ceil(math.sqrt(stray / TOLERANCE))
        if steps <= 1:
            continue
        inner = GEOD.npts(lon1, lat1, lon2, lat2, steps - 1)
        if not forward:
            inner = inner[::-1]
        out.extend(map(tuple, points[last:k + 1]))
        out.extend(inner)
        last = k + 1
    out.extend(map(tuple, points[last:]))
    return out

def densify(geometry):
    def polygon(p):
        return shapely.Polygon(densify_ring(p.exterior.coords), [densify_ring(h.coords) for h in p.interiors])
    parts = polygons(geometry)
    if not parts:
        return geometry
    return polygon(parts[0]) if len(parts) == 1 else shapely.MultiPolygon([polygon(p) for p in parts])

def polygons(geometry):
    if geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    if geometry.geom_type == "MultiPolygon":
        return list(geometry.geoms)
    if geometry.geom_type == "GeometryCollection":
        return [p for g in geometry.geoms for p in polygons(g)]
    return []

def polygonal(geometry):
    parts = polygons(geometry)
    return shapely.MultiPolygon(parts) if len(parts) != 1 else parts[0] if parts else shapely.MultiPolygon()

def ring_area(ring):
    lons, lats = ring.xy
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0])

def area_km2(geometry):
    total = 0.0
    for polygon in polygons(geometry):
        total += max(0.0, ring_area(polygon.exterior) - sum(ring_area(hole) for hole in polygon.interiors))
    return total / 1e6

def length_km(geometry):
    lines = []
    def walk(g):
        if g.geom_type in ("LineString", "LinearRing"):
            lines.append(g)
        elif hasattr(g, "geoms"):
            for part in g.geoms:
                walk(part)
    walk(geometry)
    return sum(GEOD.geometry_length(line) for line in lines) / 1e3

def load(path):
    with open(path) as f:
        return json.load(f)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--budget", type=float, default=float("inf"))
    args = parser.parse_args()
    started = time.monotonic()
    timings = {}
    out = {"timings": timings}

    t = time.monotonic()
    regions = {f["id"]: shape(f["geometry"]) for f in load(os.path.join(args.data, "regions.geojson"))["features"]}
    baseline_doc = load(os.path.join(args.data, "baseline.geojson"))
    settlements = [(f["id"], f["properties"]["region"], tuple(f["geometry"]["coordinates"])) for f in load(os.path.join(args.data, "settlements.geojson"))["features"]]
    claims = [f for path in sorted(glob.glob(os.path.join(args.data, "claims", "*.geojson"))) for f in load(path)["features"]]
    timings["load"] = time.monotonic() - t

    t = time.monotonic()
    out["regions"] = {rid: area_km2(g) for rid, g in regions.items()}
    timings["regions"] = time.monotonic() - t

    t = time.monotonic()
    regions = {rid: densify(g) for rid, g in regions.items()}
    ids = sorted(regions)
    geometries = [regions[i] for i in ids]
    tree = STRtree(geometries)
    adjacency = {}
    for i, geometry in enumerate(geometries):
        for j in tree.query(geometry, predicate="intersects"):
            if j <= i:
                continue
            shared = length_km(geometry.boundary.intersection(geometries[j].boundary))
            if shared > 0.1:
                adjacency[ids[i] + "|" + ids[j]] = shared
    out["adjacency"] = adjacency
    timings["adjacency"] = time.monotonic() - t

    t = time.monotonic()
    theatre = unary_union([shape(f["geometry"]) for f in baseline_doc["features"]])
    sites, site_of = [], {}
    for sid, region, xy in settlements:
        if xy not in site_of:
            site_of[xy] = len(sites)
            sites.append(xy)
    minx = min(g.bounds[0] for g in geometries); miny = min(g.bounds[1] for g in geometries)
    maxx = max(g.bounds[2] for g in geometries); maxy = max(g.bounds[3] for g in geometries)
    cells = shapely.voronoi_polygons(MultiPoint(sites), extend_to=box(minx, miny, maxx, maxy).buffer(1))
    cell_tree = STRtree([Point(xy) for xy in sites])
    cell_of_site = {}
    for cell in cells.geoms:
        for k in cell_tree.query(cell, predicate="intersects"):
            if k not in cell_of_site:
                cell_of_site[k] = cell
                break
    clipped = {}
    def settlement_cell(sid, region, xy):
        if sid not in clipped:
            clipped[sid] = polygonal(cell_of_site[site_of[xy]].intersection(regions[region]))
        return clipped[sid]
    by_id = {sid: (region, xy) for sid, region, xy in settlements}
    resolved = []
    for claim in claims:
        p = claim["properties"]
        parts = []
        if claim["geometry"] is not None and claim["geometry"]["type"] in ("Polygon", "MultiPolygon"):
            parts.append(shape(claim["geometry"]))
        for sid in p.get("settlements", []):
            cell = settlement_cell(sid, *by_id[sid])
            if not cell.is_empty:
                parts.append(cell)
        region = p.get("region")
        if not parts:
            if region is None or p.get("extent", "full") != "full":
                area = None
            else:
                area = regions[region]
        else:
            area = unary_union(parts) if len(parts) > 1 else parts[0]
            if region is not None:
                area = polygonal(area.intersection(regions[region]))
        if area is not None:
            if not theatre.covers(area):
                area = polygonal(area.intersection(theatre))
            area = densify(area)
            if area_km2(area) == 0:
                area = None
        resolved.append((p["date"], p.get("reported", p["date"]), claim["id"], p["controller"], p["status"], area))
    resolved.sort(key=lambda c: (c[0], c[1], c[2]))
    timings["resolve"] = time.monotonic() - t

    t = time.monotonic()
    dates = sorted({baseline_doc["date"]} | {c[0] for c in resolved if c[4] != "retracted"})
    layers = {"assessed": lambda s: s in ("assessed", "confirmed"), "claimed": lambda s: s != "retracted"}
    series, first_last = {}, {}
    done, total = 0, sum(1 for c in resolved for layer in layers if layers[layer](c[4]))
    for layer, member in layers.items():
        control = {f["properties"]["controller"]: densify(shape(f["geometry"])) for f in baseline_doc["features"]}
        pending = [c for c in resolved if member(c[4])]
        position, rows, changed = 0, [], True
        for date in dates:
            while position < len(pending) and pending[position][0] <= date:
                _, _, _, controller, _, area = pending[position]
                position += 1
                done += 1
                if area is None:
                    continue
                for other in list(control):
                    if other != controller:
                        control[other] = polygonal(control[other].difference(area))
                control[controller] = polygonal(control.get(controller, shapely.MultiPolygon()).union(area))
                changed = True
                if time.monotonic() - started > args.budget:
                    out["timed_out"] = {"phase": "timeline", "claims_done": done, "claims_total": total, "timeline_seconds": time.monotonic() - t}
                    timings["timeline"] = time.monotonic() - t
                    print(json.dumps(out))
                    return
            if changed:
                areas = {c: area_km2(g) for c, g in control.items()}
                frontline = {}
                if layer == "claimed":
                    names = sorted(control)
                    for i, a in enumerate(names):
                        for b in names[i + 1:]:
                            shared = length_km(control[a].boundary.intersection(control[b]))
                            frontline[a] = frontline.get(a, 0) + shared
                            frontline[b] = frontline.get(b, 0) + shared
                changed = False
            rows.append({"date": date, "areas": areas, "frontline": frontline})
            if layer == "claimed" and date in (dates[0], dates[-1]):
                first_last[date] = dict(control)
        series[layer] = rows
    timeline = []
    for index, date in enumerate(dates):
        assessed, claimed = series["assessed"][index], series["claimed"][index]
        for controller in sorted(set(assessed["areas"]) | set(claimed["areas"])):
            timeline.append({"date": date, "controller": controller, "assessed_km2": assessed["areas"].get(controller, 0),
                             "claimed_km2": claimed["areas"].get(controller, 0), "frontline_km": claimed["frontline"].get(controller, 0)})
    out["timeline"] = timeline
    timings["timeline"] = time.monotonic() - t

    t = time.monotonic()
    before, after = first_last[dates[0]], first_last[dates[-1]]
    diff = {}
    for controller in sorted(set(before) | set(after)):
        old, new = before.get(controller, shapely.MultiPolygon()), after.get(controller, shapely.MultiPolygon())
        diff[controller] = {"gained_km2": area_km2(new.difference(old)), "lost_km2": area_km2(old.difference(new))}
    out["diff"] = {"from": dates[0], "to": dates[-1], "controllers": diff}
    timings["diff"] = time.monotonic() - t
    print(json.dumps(out))

if __name__ == "__main__":
    main()
