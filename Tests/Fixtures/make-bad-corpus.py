#!/usr/bin/env python3
"""Writes the bad-input corpus: one file per defect, each otherwise a valid claims file for the
shipped GeoData (so every command that reads files can be driven over it). The expected message
of each file is kept beside it in NAME.expected (written by hand, checked by the CLI tests)."""
import json, os, copy
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad")
os.makedirs(here, exist_ok=True)

SQUARE = [[[47.1, 39.55], [47.2, 39.55], [47.2, 39.65], [47.1, 39.65], [47.1, 39.55]]]
def claim(**overrides):
    properties = {"date": "2020-10-05", "controller": "AZ", "claimant": "corpus", "status": "claimed",
                  "region": "AZ-FUZ", "source": {"title": "bad-input corpus"}}
    feature = {"type": "Feature", "id": "c1", "geometry": {"type": "Polygon", "coordinates": copy.deepcopy(SQUARE)}, "properties": properties}
    for key, value in overrides.items():
        if key.startswith("p_"):
            name = key[2:]
            if value is DELETE: properties.pop(name, None)
            else: properties[name] = value
        elif value is DELETE: feature.pop(key, None)
        else: feature[key] = value
    return feature
DELETE = object()
def fc(*features):
    return {"type": "FeatureCollection", "features": list(features)}
def dump(value):
    return json.dumps(value, ensure_ascii=False)

files = {}
good = dump(fc(claim()))
# --- JSON syntax
files["truncated.geojson"] = good[: len(good) // 2]
files["trailing-comma-array.geojson"] = dump(fc(claim())).replace("]]]", "],]]", 1)
files["trailing-comma-object.geojson"] = good.replace('"status": "claimed",', '"status": "claimed",}', 1).replace('}, "region"', ', "region"', 0)
files["trailing-comma-object.geojson"] = good[:-1] + ",}"
files["bom.geojson"] = "\ufeff" + good
files["invalid-utf8.geojson"] = None  # bytes, below
files["utf16.geojson"] = None
files["nan.geojson"] = good.replace("47.1, 39.55]", "NaN, 39.55]", 1)
files["infinity.geojson"] = good.replace("47.1, 39.55]", "Infinity, 39.55]", 1)
files["minus-infinity.geojson"] = good.replace("47.1, 39.55]", "-Infinity, 39.55]", 1)
files["number-overflow.geojson"] = good.replace("47.1, 39.55]", "1e999, 39.55]", 1)
files["leading-zero.geojson"] = good.replace("47.1, 39.55]", "047.1, 39.55]", 1)
files["single-quotes.geojson"] = good.replace('"type": "FeatureCollection"', "'type': 'FeatureCollection'", 1)
files["comment.geojson"] = "// ledger\n" + good
files["duplicate-member.geojson"] = good.replace('"status": "claimed"', '"status": "claimed", "status": "confirmed"', 1)
files["control-character.geojson"] = good.replace("corpus", "cor\u0001pus", 1)
files["lone-surrogate.geojson"] = good.replace("corpus", "cor\\ud800pus", 1)
files["empty-file.geojson"] = ""
files["whitespace-only.geojson"] = "  \n\t \n"
files["trailing-garbage.geojson"] = good + " {}"
files["unterminated-string.geojson"] = '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "c1'
files["bare-word.geojson"] = '{"type": FeatureCollection, "features": []}'
files["deep-nesting.geojson"] = '{"type": "FeatureCollection", "features": ' + "[" * 100000 + "]" * 100000 + "}"
files["deep-object-nesting.geojson"] = dump(fc(claim(p_note=None))).replace('"note": null', '"note": ' + '{"a": ' * 100000 + "1" + "}" * 100000)
# --- GeoJSON structure
files["top-level-array.geojson"] = dump([claim()])
files["missing-type.geojson"] = dump({"features": [claim()]})
files["unknown-type.geojson"] = dump({"type": "Layer", "features": [claim()]})
files["lowercase-type.geojson"] = dump({"type": "featurecollection", "features": [claim()]})
files["type-not-string.geojson"] = dump({"type": 7, "features": [claim()]})
files["missing-features.geojson"] = dump({"type": "FeatureCollection"})
files["features-not-array.geojson"] = dump({"type": "FeatureCollection", "features": {"c1": claim()}})
files["feature-not-object.geojson"] = dump(fc("c1"))
files["collection-of-collections.geojson"] = dump(fc(fc(claim())))
files["missing-geometry.geojson"] = dump(fc(claim(geometry=DELETE)))
files["missing-properties.geojson"] = dump(fc(claim(properties=DELETE)))
files["properties-array.geojson"] = dump(fc(claim(properties=[1, 2])))
files["id-array.geojson"] = dump(fc(claim(id=["c1"])))
files["geometry-string.geojson"] = dump(fc(claim(geometry="POLYGON((47.1 39.55, 47.2 39.55, 47.2 39.65, 47.1 39.55))")))
files["missing-coordinates.geojson"] = dump(fc(claim(geometry={"type": "Polygon"})))
files["coordinates-string.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": "47.1 39.55"})))
files["position-one-number.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": [47.1]})))
files["position-four-numbers.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": [47.1, 39.5, 0, 1]})))
files["position-strings.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": ["47.1", "39.5"]})))
files["mixed-dimensions.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[47.1, 39.55], [47.2, 39.55, 100], [47.2, 39.65], [47.1, 39.55]]]})))
files["linestring-one-position.geojson"] = dump(fc(claim(geometry={"type": "LineString", "coordinates": [[47.1, 39.55]]})))
files["ring-unclosed.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [SQUARE[0][:-1]]})))
files["ring-three-positions.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[47.1, 39.55], [47.2, 39.55], [47.1, 39.55]]]})))
files["polygon-too-shallow.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": SQUARE[0]})))
files["multipolygon-too-shallow.geojson"] = dump(fc(claim(geometry={"type": "MultiPolygon", "coordinates": SQUARE})))
files["longitude-out-of-range.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": [247.1, 39.5]})))
files["latitude-out-of-range.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": [47.1, 95]})))
files["swapped-latitude-longitude.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[39.55, 47.1], [39.55, 147.2], [39.65, 147.2], [39.55, 47.1]]]})))
files["projected-coordinates.geojson"] = dump(fc(claim(geometry={"type": "Point", "coordinates": [5234567.0, 4398765.0]})))
files["antimeridian.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[179.5, 10], [-179.5, 10], [-179.5, 11], [179.5, 11], [179.5, 10]]]})))
files["bbox-three-numbers.geojson"] = dump({"type": "FeatureCollection", "bbox": [47, 39, 48], "features": [claim()]})
files["bbox-strings.geojson"] = dump(fc(claim(bbox=["47", "39", "48", "40"])))
files["collection-missing-geometries.geojson"] = dump(fc(claim(geometry={"type": "GeometryCollection"})))
files["crs-projected.geojson"] = dump({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}, "features": [claim()]})
# --- invalid geometry (GEOS reason and location)
files["self-intersecting.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[47.1, 39.55], [47.2, 39.65], [47.2, 39.55], [47.1, 39.65], [47.1, 39.55]]]})))
files["hole-outside-shell.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": SQUARE + [[[47.3, 39.7], [47.35, 39.7], [47.35, 39.75], [47.3, 39.7]]]})))
files["overlapping-parts.geojson"] = dump(fc(claim(geometry={"type": "MultiPolygon", "coordinates": [SQUARE, [[[47.15, 39.6], [47.25, 39.6], [47.25, 39.7], [47.15, 39.7], [47.15, 39.6]]]]})))
files["spike.geojson"] = dump(fc(claim(geometry={"type": "Polygon", "coordinates": [[[47.1, 39.55], [47.2, 39.55], [47.3, 39.55], [47.2, 39.55], [47.2, 39.65], [47.1, 39.65], [47.1, 39.55]]]})))
# --- claims
files["unknown-actor.geojson"] = dump(fc(claim(p_controller="RU")))
files["unknown-region.geojson"] = dump(fc(claim(p_region="AZ-XYZ")))
files["unknown-settlement.geojson"] = dump(fc(claim(p_settlements=["fuzuli", "atlantis"])))
files["impossible-date.geojson"] = dump(fc(claim(p_date="2020-02-30")))
files["impossible-month.geojson"] = dump(fc(claim(p_date="2020-13-01")))
files["date-not-iso.geojson"] = dump(fc(claim(p_date="5 October 2020")))
files["date-number.geojson"] = dump(fc(claim(p_date=20201005)))
files["reported-impossible.geojson"] = dump(fc(claim(p_reported="2021-02-29")))
files["before-baseline.geojson"] = dump(fc(claim(p_date="1993-04-02")))
files["duplicate-ids.geojson"] = dump(fc(claim(), claim()))
files["missing-source.geojson"] = dump(fc(claim(p_source=DELETE)))
files["source-without-url-or-title.geojson"] = dump(fc(claim(p_source={"publisher": "nobody"})))
files["source-url-number.geojson"] = dump(fc(claim(p_source={"url": 42})))
files["unknown-status.geojson"] = dump(fc(claim(p_status="rumoured")))
files["unknown-extent.geojson"] = dump(fc(claim(p_extent="most")))
files["missing-controller.geojson"] = dump(fc(claim(p_controller=DELETE)))
files["controller-number.geojson"] = dump(fc(claim(p_controller=1)))
files["settlements-not-array.geojson"] = dump(fc(claim(p_settlements="fuzuli")))
files["id-number.geojson"] = dump(fc(claim(id=7)))
files["empty-id.geojson"] = dump(fc(claim(id="")))
files["claim-linestring.geojson"] = dump(fc(claim(geometry={"type": "LineString", "coordinates": [[47.1, 39.55], [47.2, 39.65]]})))
files["empty-multipolygon.geojson"] = dump(fc(claim(geometry={"type": "MultiPolygon", "coordinates": []})))
files["empty-geometry-collection.geojson"] = dump(fc(claim(geometry={"type": "GeometryCollection", "geometries": []})))
files["claimant-empty.geojson"] = dump(fc(claim(p_claimant="")))

for name, text in files.items():
    if text is None: continue
    with open(os.path.join(here, name), "w", encoding="utf-8") as f: f.write(text)
with open(os.path.join(here, "invalid-utf8.geojson"), "wb") as f:
    f.write(good.replace("corpus", "cor\x00pus").encode().replace(b"\x00", b"\xc3\x28"))
with open(os.path.join(here, "utf16.geojson"), "wb") as f:
    f.write(good.encode("utf-16"))
print(len(files), "files")
