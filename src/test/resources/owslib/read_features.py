"""Drives GoafWatch's OGC API - Features with OWSLib (Debian python3-owslib), as a GIS user's script would.

Reads GW_URL (the landing page, with a trailing slash as users type it), GW_TOKEN, GW_BBOX (CRS84
minx,miny,maxx,maxy) and prints one JSON object of what OWSLib saw.
"""
import json
import os

from owslib.ogcapi.features import Features

api = Features(os.environ["GW_URL"], headers={"Authorization": "Bearer " + os.environ["GW_TOKEN"]})
bbox = [float(v) for v in os.environ["GW_BBOX"].split(",")]
parcels = api.collection_items("parcels", limit=100)
boxed = api.collection_items("parcels", bbox=bbox, limit=100)
in_4548 = api.collection_items("parcels", limit=1, crs="http://www.opengis.net/def/crs/EPSG/0/4548")
print(json.dumps({
    "links": sorted(link["rel"] for link in api.links),
    "conformance": api.conformance()["conformsTo"],
    "collections": sorted(c["id"] for c in api.collections()["collections"]),
    "parcelsCollection": api.collection("parcels")["id"],
    "parcels": sorted(f["properties"]["code"] for f in parcels["features"]),
    "bboxParcels": sorted(f["properties"]["code"] for f in boxed["features"]),
    "firstEasting": in_4548["features"][0]["geometry"]["coordinates"][0][0][0][0],
}))
