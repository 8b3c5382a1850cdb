#!/usr/bin/env python3
"""Names the villages of the ledger's "N villages" claims from the very articles those claims cite
(control-figures-2020.md: "Named villages behind the 'N villages' rows are listed in the articles
those rows already cite"), adds the 5 October Jabrayil claim those articles name, and then writes
the war's result per district (the English Wikipedia's infobox, assessed) over every place the
ledger's Azerbaijani announcements name up to 10 November. Run after convert.py, on
tools/geodata/claims.json in place; the articles were read in their archived copies.

Each name is tried in the claim's district, then, spelled as the source spells it and in the
source's other spellings (separated by |), anywhere in the gazetteer's Karabakh districts: a
single match there is taken (a claim of its own for that district, saying so); what stays
unmatched is named in the claim's note as not located.

    fill-named.py FRONTLINE DATA
"""
import collections, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEDGER = os.path.normpath(os.path.join(HERE, '..', 'claims.json'))
FRONTLINE, DATA = sys.argv[1], sys.argv[2]

TIMETURK = 'https://timeturk.com/dunya/azerbaycan-nereleri-kurtardi/haber-1663468'
# claim id -> (the source's words for what it lists, {region: [names, alternatives with |]})
NAMED = {
    '2020-10-09-az-hadrut-villages': ('ISW News, 10 Oct 2020, quoting President Aliyev\'s tweet of 9 Oct', {
        'AZ-XVD': ['Sur', 'Çaylı|Chayli'], 'AZ-FUZ': ['Yuxarı Güzlək|Yukhari Guzlek', 'Gorazıllı|Gorazilli'],
        'AZ-CAB': ['Qışlaq|Gishlag', 'Qaracallı|Garajali', 'Əfəndilər|Efendiler', 'Süleymanlı|Suleymanli']}),
    '2020-10-14-az-fuzuli-villages': ('timeturk.com, listing the 14 Oct announcement', {
        'AZ-FUZ': ['Karadağlı|Qaradağlı|Garadaghli', 'Hatunbulak|Xatınbulaq|Khatunbulag', 'Karakollu|Qarakollu|Garakollu']}),
    '2020-10-14-az-khojavend-villages': ('timeturk.com, listing the 14 Oct announcement', {
        'AZ-XVD': ['Bulutan', 'Melikcanlı|Məlikcanlı|Melikjanli', 'Kemertük|Kəmərtük|Kemertuk', 'Teke|Təkə', 'Tağaser|Tagaser']}),
    '2020-10-15-az-khojavend-villages': ('timeturk.com, listing the 15 Oct announcement', {
        'AZ-XVD': ['Edişe|Edişə|Edishe', 'Düdükçü|Dudukchu', 'Edilli', 'Çiraguz|Çiraquz|Chiraguz']}),
    '2020-10-17-az-villages': ('the source (Trend, President Aliyev\'s address of 17 Oct), which names them settlements of Fuzuli district', {
        'AZ-FUZ': ['Gochahmadli|Qoçəhmədli', 'Chiman|Çimən', 'Juvarli|Cuvarlı', 'Pirahmadli|Pirəhmədli', 'Musabayli|Musabəyli', 'Ishigli|İşıqlı', 'Dadali|Dədəli']}),
    '2020-10-19-az-jabrayil-villages': ('the source (haber.ba, quoting President Aliyev\'s tweet; also Daily Sabah)', {
        'AZ-CAB': ['Soltanli|Soltanlı', 'Emirvarli|Əmirvarlı', 'Mashanli|Maşanlı', 'Hasanli|Həsənli', 'Alikeykhanli|Əlikeyxanlı', 'Gumlag|Gümlaq',
                   'Hajili|Hacılı', 'Goyerchinveysalli|Göyərçin Veysəlli', 'Niyazguzlar|Niyazqullar', 'Kechel Memmedli|Keçəl Məmmədli',
                   'Shahvelli|Şahvəlli', 'Haji Ismayilli|Hacı İsmayıllı', 'Isagli|İsaqlı']}),
    '2020-10-20-az-fuzuli-villages': ('the source (Azernews, listing President Aliyev\'s announcement of 20 Oct)', {
        'AZ-FUZ': ['Dordchinar|Dördçinar', 'Kurdler|Kürdlər', 'Yukhari Abdurrahmanli|Yuxarı Əbdürrəhmanlı', 'Garghabazar|Qarğabazar',
                   'Ashagi Veysalli|Aşağı Veysəlli', 'Yukhari Aybasanli|Yuxarı Aybasanlı']}),
    '2020-10-20-az-jabrayil-villages': ('the source (Azernews, listing President Aliyev\'s announcement of 20 Oct; Anadolu adds Fughanli)', {
        'AZ-CAB': ['Sarafsha|Safarsha|Sərəfşə', 'Hasangaydi|Həsənqaydı', 'Fughanli|Fuğanlı', 'Imambaghi|İmambağı', 'Dash Veysalli|Daş Veysəlli',
                   'Aghtapa|Ağtəpə', 'Yarahmadli|Yarəhmədli']}),
    '2020-10-20-az-khojavend-villages': ('the source (Azernews, listing President Aliyev\'s announcement of 20 Oct)', {
        'AZ-XVD': ['Aghjakand|Ağcakənd', 'Mulkudara|Mülkdərə', 'Dashbashi|Daşbaşı', 'Gunashli|Günəşli', 'Vang|Çinarlı']}),
    '2020-10-20-az-zangilan-villages': ('the source (Azernews, listing President Aliyev\'s announcement of 20 Oct)', {
        'AZ-ZAN': ['Havali|Həvəli', 'Zarnali|Zərnəli', 'Mammadbayli|Məmmədbəyli', 'Hakari|Həkəri', 'Sharifan|Şərifan', 'Mughanli|Muğanlı']}),
    '2020-11-07-az-fuzuli-villages': ('timeturk.com, listing the 7 Nov announcement', {
        'AZ-FUZ': ['Yukarı Veyselli|Yuxarı Veysəlli', 'Yukarı Seyitahmetli|Yuxarı Seyidəhmədli', 'Gorgan|Qorqan', 'Üçüncü Mahmutlu|Üçüncü Mahmudlu',
                   'Gacar|Qacar', 'Divanalılar']}),
    '2020-11-07-az-jabrayil-villages': ('timeturk.com, listing the 7 Nov announcement', {'AZ-CAB': ['Yukarı Mezre|Yuxarı Məzrə', 'Yanarhac|Yanarxaç']}),
    '2020-11-07-az-qubadli-villages': ('timeturk.com, listing the 7 Nov announcement', {'AZ-QBI': ['Gezyan|Gəzyan', 'Balasoltanlı', 'Merdanlı|Mərdanlı']}),
    '2020-11-07-az-zangilan-villages': ('timeturk.com, listing the 7 Nov announcement', {'AZ-ZAN': ['Beşdeli|Beşdəli']}),
    '2020-11-07-az-khojaly-villages': ('timeturk.com, listing the 7 Nov announcement', {'AZ-XCI': ['Karabulak|Qarabulaq', 'Moşhmaat|Moşxmaat']}),
    '2020-11-07-az-khojavend-villages': ('timeturk.com, listing the 7 Nov announcement', {'AZ-XVD': ['Atagut|Atağut', 'Tsakuri|Sağsağan']}),
    '2020-11-09-az-fuzuli-villages': ('the source (Azernews, quoting President Aliyev\'s tweet of 9 Nov)', {
        'AZ-FUZ': ['Qobu Dilagharda|Qobu Dilağarda', 'Yal Pirahmadli|Yal Pirəhmədli', 'Yukhari Yaghlivand|Yuxarı Yağlıvənd', 'Seyid Mahmudlu|Seyid Mahmudlu',
                   'Asgarli|Ələsgərli']}),
    '2020-11-09-az-khojaly-villages': ('the source (Azernews, quoting President Aliyev\'s tweet of 9 Nov)', {
        'AZ-XCI': ['Darmichilar|Dəmirçilər', 'Chanagchi|Çanaqçı', 'Madatkand|Mədətkənd', 'Sighnag|Sığnaq']}),
    '2020-11-09-az-khojavend-villages': ('the source (Azernews, quoting President Aliyev\'s tweet of 9 Nov)', {
        'AZ-XVD': ['Susanliq|Susanlıq', 'Domi', 'Tugh|Tuğ', 'Akaku', 'Azikh|Azıx']}),
    '2020-11-09-az-jabrayil-villages': ('the source (Azernews, quoting President Aliyev\'s tweet of 9 Nov; Anadolu and Yeni Çağ put Kechikli and Ordekli in Zangilan)', {
        'AZ-CAB': ['Huseynalilar|Hüseynalılar', 'Soyudlu|Söyüdlü', 'Asahgi Sirik|Aşağı Sirik'], 'AZ-ZAN': ['Kechikli|Keçikli', 'Odakli|Ordekli|Ördəkli']}),
    '2020-11-09-az-qubadli-villages': ('the source (Azernews, quoting President Aliyev\'s tweet of 9 Nov)', {
        'AZ-QBI': ['Yukhari Molu|Yuxarı Mollu', 'Ashaghi Molu|Aşağı Mollu', 'Khocik|Xocik']}),
}
NEW_CLAIMS = [{
    'file': '2020-war', 'id': '2020-10-05-az-jabrayil-villages', 'date': '2020-10-05', 'controller': 'AZ', 'claimant': 'AZ:president', 'status': 'claimed',
    'source': {'url': TIMETURK, 'title': 'timeturk.com: Azerbaycan nereleri kurtardı? (also gundemtube.com, quoting President Aliyev\'s tweet)'},
    'region': 'AZ-CAB', 'extent': 'partial', 'named': {'AZ-CAB': ['Şıhali Ağalı|Şıxəli Ağalı', 'Sarıcalı', 'Mezre|Məzrə']},
    'note': 'President Aliyev on Twitter: three villages of Jabrayil district and several strategic heights taken.'}]
KARABAKH = ['AZ-AGM', 'AZ-CAB', 'AZ-FUZ', 'AZ-KAL', 'AZ-LAC', 'AZ-QBI', 'AZ-SUS', 'AZ-TAR', 'AZ-XA', 'AZ-XCI', 'AZ-XVD', 'AZ-ZAN']

cache = {}
def matches(name, region):
    key = (name, region)
    if key not in cache:
        args = [FRONTLINE, 'places', name, '--data', DATA, '--format', 'json'] + (['--region', region] if region else [])
        p = subprocess.run(args, capture_output=True, text=True)
        found = json.loads(p.stdout) if p.returncode == 0 else []
        cache[key] = [(m['id'], m['region']) for m in found if region or m['region'] in KARABAKH]
    return cache[key]

def near(sid, region):
    """Whether the settlement lies within about 15 km (0.15°) of the region's bounding box."""
    lon, lat = position[sid]
    (west, south), (east, north) = boxes[region]
    return west - 0.15 <= lon <= east + 0.15 and south - 0.15 <= lat <= north + 0.15

def locate(spellings, region, anchor=None):
    """(spelling, settlement id, its region) of the first spelling with one match in the region,
    else with one match among those in the Karabakh districts that lie near it. With `anchor` (the
    centre of the announcement's places found so far), a name with several matches in the region
    (or, with none there, near it) takes the one at least twice as close to it as any other (the
    research's rule, NOTES.md)."""
    for scope in (region, None):
        for spelling in spellings.split('|'):
            found = [m for m in matches(spelling, scope) if scope or near(m[0], region)]
            if len(found) == 1:
                return spelling, found[0][0], found[0][1]
    if anchor:
        for spelling in spellings.split('|'):
            found = matches(spelling, region)
            if len(found) < 2: found = [m for m in matches(spelling, None) if near(m[0], region)]
            if len(found) < 2: continue
            by_distance = sorted(found, key=lambda m: distance(position[m[0]], anchor))
            if 2 * distance(position[by_distance[0][0]], anchor) <= distance(position[by_distance[1][0]], anchor):
                return None, by_distance[0][0], by_distance[0][1]
    return None

def distance(a, b):
    """Kilometres between two (lon, lat), on a sphere: enough to rank candidates."""
    import math
    (x1, y1), (x2, y2) = [(math.radians(p[0]), math.radians(p[1])) for p in (a, b)]
    return 6371 * math.acos(min(1, math.sin(y1) * math.sin(y2) + math.cos(y1) * math.cos(y2) * math.cos(x2 - x1)))

regions = {f['id']: f['properties']['name'] for f in json.load(open(DATA + '/regions.geojson'))['features']}
def corners(geometry):
    points = [p for polygon in (geometry['coordinates'] if geometry['type'] == 'MultiPolygon' else [geometry['coordinates']]) for ring in polygon for p in ring]
    return (min(p[0] for p in points), min(p[1] for p in points)), (max(p[0] for p in points), max(p[1] for p in points))
boxes = {f['id']: corners(f['geometry']) for f in json.load(open(DATA + '/regions.geojson'))['features']}
position = {f['id']: f['geometry']['coordinates'] for f in json.load(open(DATA + '/settlements.geojson'))['features']}
doc = json.load(open(LEDGER))
claims = [c for c in doc['claims'] if not c['id'].startswith('2020-11-10-az-war-result-')]
for new in NEW_CLAIMS:
    if not any(c['id'] == new['id'] for c in claims):
        claims.append({k: v for k, v in new.items() if k != 'named'})
        NAMED[new['id']] = (new['source']['title'], new['named'])

out = []
for claim in claims:
    if claim['id'] not in NAMED or claim.get('places') or claim.get('settlements'):
        out.append(claim); continue
    what, named = NAMED[claim['id']]
    groups = collections.OrderedDict()
    moved, missing, chosen = [], [], []
    found_at = []
    for attempt in (0, 1):
        for region, names in named.items():
            for spellings in names:
                if attempt == 1 and spellings.split('|')[0] not in missing: continue
                anchor = None
                if attempt == 1:
                    if not found_at: continue
                    missing.remove(spellings.split('|')[0])
                    anchor = (sum(p[0] for p in found_at) / len(found_at), sum(p[1] for p in found_at) / len(found_at))
                hit = locate(spellings, region, anchor)
                if hit is None:
                    missing.append(spellings.split('|')[0]); continue
                spelling, sid, where = hit
                found_at.append(position[sid])
                places, ids = groups.setdefault(where, ([], []))
                # The name when it finds exactly that settlement in its region, else the id.
                if spelling and matches(spelling, where) == [(sid, where)]:
                    if spelling not in places: places.append(spelling)
                elif sid not in ids: ids.append(sid)
                if where != region: moved.append('%s (%s)' % (spelling or spellings.split('|')[0], regions[where]))
                if attempt == 1: chosen.append('%s as %s' % (spellings.split('|')[0], sid))
    home = claim.get('region') if claim.get('region') in groups else next(iter(groups), None)
    for index, region in enumerate(([home] if home else []) + [r for r in groups if r != home]):
        places, ids = groups[region]
        made = dict(claim) if index == 0 else dict(claim, id=claim['id'] + '-' + region.lower())
        made['region'] = region
        made['extent'] = 'partial'
        if places: made['places'] = places
        if ids: made['settlements'] = ids
        note = claim.get('note', '').replace('; not named.', '.').replace('neither named nor placed in a district by the source', 'named by ' + what)
        if index == 0:
            note += ' Villages named by %s.' % what if 'named by' not in note else ''
            if moved: note += ' The gazetteer places %s outside the district the source gives.' % ', '.join(moved)
            if chosen: note += ' Of several places of that name in the district, the one at least twice as near the announcement\'s other places as any other: %s.' % ', '.join(chosen)
            if missing: note += ' Not located: %s (no single gazetteer match).' % ', '.join(missing)
        else:
            note += ' Those of the announcement the gazetteer places in %s.' % regions[region]
        made['note'] = note.strip()
        out.append(made)
    if not groups:
        claim['note'] = claim.get('note', '') + ' Named by %s, none found in the gazetteer: %s.' % (what, ', '.join(missing))
        out.append(claim)

# The war's result as a third party states it (the English Wikipedia's infobox, in its own
# voice): Azerbaijan regained and kept what it took in the fighting. Its tally (286 villages, 5
# cities, 4 towns) is that of Azerbaijan's announcements, and it names no place, so the account
# is read as covering the places those announcements name: one assessed claim per district on
# 10 November, with every place located there by an Azerbaijani announcement up to that day.
INFOBOX = {'title': 'English Wikipedia, 2020 Nagorno-Karabakh war (infobox: territorial changes)', 'url': 'https://en.wikipedia.org/wiki/2020_Nagorno-Karabakh_war',
           'quote': 'Azerbaijan regains control of 5 cities, 4 towns, 286 villages, and the entire Azerbaijan–Iran border; Azerbaijan retains control of territories captured during the war'}
settlement_region = {f['id']: f['properties']['region'] for f in json.load(open(DATA + '/settlements.geojson'))['features']}
gains = collections.OrderedDict()
for c in out:
    if c['controller'] != 'AZ' or not c['claimant'].startswith('AZ:') or not ('2020-09-27' <= c['date'] <= '2020-11-10') or c.get('status') == 'retracted':
        continue
    for name in c.get('places', []):
        g = gains.setdefault(c['region'], ([], []))
        if name not in g[0]: g[0].append(name)
    for sid in c.get('settlements', []):
        g = gains.setdefault(settlement_region[sid], ([], []))
        if sid not in g[1]: g[1].append(sid)
for region in sorted(gains):
    places, ids = gains[region]
    claim = {'file': '2020-war', 'id': '2020-11-10-az-war-result-' + region.lower(), 'date': '2020-11-10', 'controller': 'AZ', 'claimant': 'third party (English Wikipedia)',
             'status': 'assessed', 'source': INFOBOX, 'region': region, 'extent': 'partial'}
    if places: claim['places'] = places
    if ids: claim['settlements'] = ids
    claim['note'] = ('The war\'s result as the English Wikipedia states it in its own voice: the places of %s that Azerbaijan announced taken up to 10 November '
                     '(%d, each from a claim of its own in this ledger). Its tally is that of the announcements and names no place, so the account is read as covering the places they name.' % (regions[region], len(places) + len(ids)))
    out.append(claim)

doc['claims'] = out
open(LEDGER, 'w').write(json.dumps(doc, ensure_ascii=False, indent=1) + '\n')
print('claims: %d' % len(out), file=sys.stderr)
