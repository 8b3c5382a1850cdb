#!/usr/bin/env python3
"""Turned the research in this folder into ledger claims with "places" (run once: its output is
tools/geodata/claims.json, hand-kept since). It reads the ledger as it was before (give that file
as LEDGER, e.g. from git: `git show 5302f76:tools/geodata/claims.json`) and a GeoData built with the
Who's On First gazetteer and districts. Each place is kept by the name the source spells when
`frontline places NAME --region R` finds exactly that settlement, else by its settlement id;
places the gazetteer puts in another district become a claim of their own for that district,
saying so. Writes claims.new.json here.

    convert.py FRONTLINE DATA_WITH_WOF_GAZETTEER [LEDGER]
"""
import json, os, re, subprocess, sys, collections
HERE=os.path.dirname(os.path.abspath(__file__))
ROOT=os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
FRONTLINE=sys.argv[1]
GD=sys.argv[2]
claims_doc=json.load(open(sys.argv[3] if len(sys.argv)>3 else ROOT+'/tools/geodata/claims.json'))
A=json.load(open(HERE+'/existing-claims-places.json'))
B=json.load(open(HERE+'/wikipedia-events.json'))
R=json.load(open(HERE+'/reference-events.json'))
sett=json.load(open(GD+'/settlements.geojson'))['features']
by_wof={str(f['properties']['wof_id']):f for f in sett if 'wof_id' in f['properties']}
regions={f['id']:f['properties']['name'] for f in json.load(open(GD+'/regions.geojson'))['features']}
ARTICLES={'aras_valley_campaign.md':'Aras Valley campaign','battle_of_hadrut.md':'Battle of Hadrut','battle_of_shusha_(2020).md':'Battle of Shusha (2020)',
 'lachin_offensive.md':'Lachin offensive','madagiz_offensive.md':'Madagiz offensive','2020_nagorno-karabakh_war.md':'2020 Nagorno-Karabakh war'}
cache={}
def resolves(name, region, sid):
    key=(name,region)
    if key not in cache:
        args=[FRONTLINE,'places',name,'--data',GD,'--format','json']+(['--region',region] if region else [])
        p=subprocess.run(args,capture_output=True,text=True)
        cache[key]=[r['id'] for r in json.loads(p.stdout)] if p.returncode==0 else []
    return cache[key]==[sid]

def picks(resolved):
    """name -> wof id chosen (sure, likely, or the preferred of an ambiguous set); names left unlocated."""
    chosen={}; names=[]; left=[]
    for r in resolved:
        if r['name'] not in names: names.append(r['name'])
        if r['confidence'] in ('sure','likely') or (r['confidence']=='ambiguous' and r.get('preferred')):
            chosen.setdefault(r['name'], r['wof_id'])
    for n in names:
        if n not in chosen: left.append(n)
    return [(n,chosen[n]) for n in names if n in chosen], left

def located(pairs, default_region):
    """Groups the chosen places by the settlement's region: region -> (places names, settlement ids)."""
    groups=collections.OrderedDict(); missing=[]
    for name,wof in pairs:
        f=by_wof.get(str(wof))
        if f is None: missing.append(name); continue
        region=f['properties']['region']; sid=f['id']
        g=groups.setdefault(region,([],[]))
        if resolves(name, region, sid):
            if name not in g[0]: g[0].append(name)
        elif sid not in g[1]: g[1].append(sid)
    return groups, missing

def strip_gazetteer(note):
    note=re.sub(r';? ?(none of them is|not) in the gazetteer\.?', '.', note)
    return note.replace('..','.').replace(' .','.')

out=[]; stats=collections.Counter()
for c in claims_doc['claims']:
    a=A.get(c['id'])
    if not a or not a['places'] or c.get('settlements') or c.get('geometry_from'):
        out.append(c); continue
    pairs,left=picks(a['resolved'])
    groups,missing=located(pairs,c.get('region'))
    left+=missing
    # The claim keeps its id and region; places this gazetteer puts in another region become claims of their own.
    moved = c.get('region') not in groups and groups and not left
    if c.get('region') in groups: groups.move_to_end(c['region'], last=False)
    elif not moved: groups[c.get('region')]=([],[]); groups.move_to_end(c.get('region'), last=False)
    base=dict(c)
    first=True
    for region,(places,ids) in groups.items():
        claim=dict(base) if first else dict(base, id=base['id']+'-'+region.lower())
        claim['region']=region
        if places: claim['places']=places
        if ids: claim['settlements']=ids
        if region is None: claim.pop('region', None)
        note=strip_gazetteer(claim.get('note',''))
        if region!=c.get('region') and (moved or not first):
            note+=' The source names %s in %s; this gazetteer places %s in %s%s.' % (', '.join(places+ids), regions.get(c.get('region'),'?'), 'it' if len(places+ids)==1 else 'them', regions[region], ', a claim of its own here' if not first else '')
        if left and first: note+=' Not located: %s (not in this gazetteer, or, near the Aras, outside the district polygons).' % ', '.join(left)
        claim['note']=note.strip()
        out.append(claim); stats['existing claims located' if first else 'split off']+=1
        first=False

def wiki_claims(e, file, source):
    pairs,left=picks(e['resolved'])
    groups,missing=located(pairs,None)
    left+=missing
    made=[]
    note=e.get('note') or ''
    if e.get('date_basis'): note+=' Date: '+e['date_basis']
    for i,(region,(places,ids)) in enumerate(groups.items()):
        claim={'file':file,'id':e['id']+('' if i==0 else '-'+region.lower()),'date':e['date'],'controller':e['controller'],'claimant':e['claimant'],
               'status':e['status'],'source':source,'region':region,'extent':'partial'}
        if places: claim['places']=places
        if ids: claim['settlements']=ids
        n=note
        if i==0 and left: n+=' Not located: %s.' % ', '.join(left)
        claim['note']=n.strip()
        made.append(claim)
    if not made:
        # Nothing located: the claim stays a claim, unlocated (its region when the source names one).
        claim={'file':file,'id':e['id'],'date':e['date'],'controller':e['controller'],'claimant':e['claimant'],
               'status':e['status'],'source':source}
        region=DISTRICTS.get(e.get('district'))
        if region: claim['region']=region
        if e.get('kind')!='district': claim['extent']='partial'
        n=note
        if left: n+=' Not located: %s (no such place in the gazetteer).' % ', '.join(left)
        claim['note']=n.strip()
        return [claim], left
    return made, left

DISTRICTS={'Jabrayil':'AZ-CAB','Fuzuli':'AZ-FUZ','Zangilan':'AZ-ZAN','Qubadli':'AZ-QBI','Lachin':'AZ-LAC','Khojavend':'AZ-XVD','Khojaly':'AZ-XCI','Shusha':'AZ-SUS','Tartar':'AZ-TAR','Kalbajar':'AZ-KAL','Aghdam':'AZ-AGM'}

added=[]; skipped=[]
CLAIMANTS={'unattributed (article narrative)':'Wikipedia (narrative)','unattributed (article narrative, from Azerbaijani accounts)':'Wikipedia (narrative, from Azerbaijani accounts)'}
for e in B:
    e=dict(e, claimant=CLAIMANTS.get(e['claimant'], e['claimant']))
    if e['date'] is None:
        e['date']=e['date_latest']; e['note']=(e.get('note') or '')+' Dated at the latest day the text allows (%s to %s).' % (e['date_earliest'], e['date_latest'])
    if e['controller'] not in ('AZ','AM'):
        skipped.append((e['id'],'controller '+e['controller'])); continue
    title=ARTICLES[e['article']]
    source={'title':'English Wikipedia, '+title,'url':'https://en.wikipedia.org/wiki/'+title.replace(' ','_'),'quote':e['quote']}
    made,left=wiki_claims(e,'2020-war' if e['date']<='2020-11-10' else '2020-ceasefire',source)
    if left: skipped.append((e['id'],'not located: '+', '.join(left)))
    added+=made
for e in R:
    e=dict(e, id='2020-12-12-az-hin-tagher-khtsaberd')
    source={'url':e['primary_source'][0],'title':'news.am; also '+e['primary_source'][1],'quote':e['quote']}
    made,left=wiki_claims(e,'2020-ceasefire',source)
    added+=made
claims=out+added

# The war's result per district is written by fill-named.py, run next.
claims_doc['claims']=claims
json.dump(claims_doc, open(HERE+'/claims.new.json','w'), ensure_ascii=False, indent=1)
print(stats, 'added', len(added), 'skipped', skipped, file=sys.stderr)
