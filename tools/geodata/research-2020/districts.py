#!/usr/bin/env python3
"""Natural Earth's districts (GeoData/regions.geojson) against Who's On First's (../shared/reference/wof-az/regions.geojson):
geodesic area (pyproj, WGS84) beside the published area, and whether each contains its seat town (GeoData/settlements.geojson).

    tools/bench/.venv/bin/python districts.py
"""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
REF = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'reference'))
from shapely.geometry import shape, Point
from pyproj import Geod
g = Geod(ellps="WGS84")
def area(geom):
    return abs(g.geometry_area_perimeter(geom)[0]) / 1e6
ne = {f['id']: f for f in json.load(open(ROOT + '/GeoData/regions.geojson'))['features']}
wof = json.load(open(REF + '/wof-az/regions.geojson'))['features']
wofr = {f['properties']['wof:name']: f for f in wof if f['properties'].get('wof:placetype') == 'region'}
sett = {f['id']: f for f in json.load(open(ROOT + '/GeoData/settlements.geojson'))['features']}
pairs = [('AZ-CAB','Cəbrayıl','jabrayil'),('AZ-FUZ','Füzuli','fuzuli'),('AZ-ZAN','Zəngilan','zangilan'),('AZ-QBI','Qubadli','qubadli'),
         ('AZ-LAC','Lankaran','lachin'),('AZ-KAL','Kəlbəcər','kalbajar'),('AZ-AGM','Ağdam','aghdam'),('AZ-TAR','Tərtər','tartar'),
         ('AZ-XVD','Xocavənd','khojavend'),('AZ-XCI','Xocalı','khojaly'),('AZ-SUS','Şuşa','shusha'),('AZ-AGC','Ağcabədi','agdzhabedy'),('AZ-BAR','Bərdə','barda')]
print('| district | published km² | Natural Earth km² (rel.) | WOF km² (rel.) | seat in NE | seat in WOF |')
print('|---|---:|---:|---:|---|---|')
for rid, wname, seat in pairs:
    n = ne[rid]; pub = n['properties'].get('official_area_km2')
    cands = [f for f in wof if f['properties']['wof:name'] == wname and f['properties'].get('wof:placetype') == 'region']
    if rid == 'AZ-LAC':
        cands = [f for f in cands if f['properties']['wof:id'] == 85668621]
    w = max(cands, key=lambda f: area(shape(f['geometry']))) if cands else None
    a_ne = area(shape(n['geometry'])); a_w = area(shape(w['geometry'])) if w else float('nan')
    s = sett.get(seat); p = Point(s['geometry']['coordinates']) if s else None
    rel = lambda a: '%+.0f%%' % (100 * (a - pub) / pub) if pub else ''
    print('| %s (%s) | %s | %.0f (%s) | %.0f (%s) | %s | %s |' % (n['properties']['name'], rid, pub, a_ne, rel(a_ne), a_w, rel(a_w),
          'yes' if p and shape(n['geometry']).contains(p) else ('no' if p else '?'), 'yes' if p and w and shape(w['geometry']).contains(p) else ('no' if p else '?')))
