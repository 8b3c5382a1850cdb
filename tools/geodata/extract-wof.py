#!/usr/bin/env python3
"""Writes tools/geodata/wof-localities.csv: the Who's On First localities of Azerbaijan (from the
copy in ../shared/reference/wof-az, whosonfirst-data/whosonfirst-data-admin-az at commit
e174b861629f63b02aac49a97e766b4078f6703e) that lie in a box around Nagorno-Karabakh, the seven
districts around it and their neighbours (45.0-48.2 E, 38.7-41.0 N), columns as there. The
box only bounds the file; tools/build-geodata keeps the places inside the districts the recipe
names (recipe.json, "wof_localities"). Run once; the output is committed with its provenance.

    tools/geodata/extract-wof.py ../shared/reference/wof-az/localities.csv > tools/geodata/wof-localities.csv

Given the regions file instead, it writes tools/geodata/wof-districts.geojson: the district (rayon)
polygons the recipe's "wof_districts" block names and the country's polygon, coordinates and names unchanged (Mesoshapes, CC0):

    tools/geodata/extract-wof.py ../shared/reference/wof-az/regions.geojson tools/geodata/recipe.json > tools/geodata/wof-districts.geojson
"""
import csv, json, sys

if sys.argv[1].endswith(".geojson"):
    block = json.load(open(sys.argv[2]))["wof_districts"]
    wanted = {wof for district in block["districts"] for wof in district["wof"]} | {block["country"]}
    kept = sorted((feature for feature in json.load(open(sys.argv[1]))["features"] if feature["properties"]["wof:id"] in wanted),
                  key=lambda feature: feature["properties"]["wof:id"])
    names = ("wof:id", "wof:name", "wof:placetype", "wof:parent_id", "name:eng_x_preferred", "src:geom")
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": feature["properties"]["wof:id"], "properties": {key: feature["properties"][key] for key in names if key in feature["properties"]},
         "geometry": feature["geometry"]} for feature in kept]}
    json.dump(collection, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
    print("%d district polygons of %d named" % (len(kept), len(wanted)), file=sys.stderr)
    sys.exit(0)

WEST, EAST, SOUTH, NORTH = 45.0, 48.2, 38.7, 41.0
rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
out = csv.DictWriter(sys.stdout, fieldnames=rows.fieldnames, lineterminator="\n")
out.writeheader()
kept = [row for row in rows if row["placetype"] == "locality" and row["latitude"] and row["longitude"]
        and WEST <= float(row["longitude"]) <= EAST and SOUTH <= float(row["latitude"]) <= NORTH]
for row in sorted(kept, key=lambda row: int(row["wof_id"])):
    out.writerow(row)
print("%d localities" % len(kept), file=sys.stderr)
