#!/usr/bin/env python3
"""Writes tools/geodata/wof-localities.csv: the Who's On First localities of Azerbaijan (from the
copy in ../shared/reference/wof-az, whosonfirst-data/whosonfirst-data-admin-az at commit
e174b861629f63b02aac49a97e766b4078f6703e) that lie in a box around Nagorno-Karabakh, the seven
districts around it and their neighbours (45.0-48.2 E, 38.7-41.0 N), columns as there. The
box only bounds the file; tools/build-geodata keeps the places inside the districts the recipe
names (recipe.json, "wof_localities"). Run once; the output is committed with its provenance.

    tools/geodata/extract-wof.py ../shared/reference/wof-az/localities.csv > tools/geodata/wof-localities.csv
"""
import csv, sys

WEST, EAST, SOUTH, NORTH = 45.0, 48.2, 38.7, 41.0
rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
out = csv.DictWriter(sys.stdout, fieldnames=rows.fieldnames, lineterminator="\n")
out.writeheader()
kept = [row for row in rows if row["placetype"] == "locality" and row["latitude"] and row["longitude"]
        and WEST <= float(row["longitude"]) <= EAST and SOUTH <= float(row["latitude"]) <= NORTH]
for row in sorted(kept, key=lambda row: int(row["wof_id"])):
    out.writerow(row)
print("%d localities" % len(kept), file=sys.stderr)
