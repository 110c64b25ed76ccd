#!/usr/bin/env python3
"""Generates the SYNTHETIC sample site in gis-data/sample-site/ (deterministic: same output every run).

The layout is shaped after the Rencheng strip-mining subsidence project (see seeds/ and domain.md):
about 5000 mu in three phases, phase 1 about 1500 mu, north-west of Jining's centre, with parcels laid
out along strip panels that run at an azimuth of about 70 degrees. Coordinates are written in
CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548), the survey CRS a Chinese site team would use;
the service transforms them to EPSG:4490 in PostGIS on import.

Usage: python3 gis-data/tools/make_sample_site.py   (rewrites gis-data/sample-site/parcels.geojson)
"""
import json
import math
import pathlib
import random

CENTRE_E, CENTRE_N = 454607.0, 3924633.0   # 116.5 E, 35.45 N in EPSG:4548
ROTATION_DEG = 20.0                         # panel axis 20 degrees north of east
SITE_U, SITE_V = 2400.0, 1400.0             # metres along and across the panels
PHASE_BREAKS = [0.0, 714.0, 1571.0, 2400.0]  # phase 1 ~1500 mu, phase 2 ~1800 mu, phase 3 ~1740 mu
PARCEL_COLUMNS_PER_PHASE = 3
V_BREAKS = [0.0, 470.0, 930.0, 1400.0]
JITTER_M = 22.0
LAND_USES = ["residential", "residential", "commercial", "green-space", "school", "residential",
             "public-facilities", "residential", "mixed-use"]
PHASE_STATUS = {1: "monitoring", 2: "treating", 3: "planned"}
POND_PARCEL = "RC-P3-05"      # keeps a retained fish pond as a hole
CHANNEL_PARCEL = "RC-P2-08"   # split in two by a 12 m drainage channel -> MultiPolygon


def u_lines():
    lines = []
    for p in range(3):
        a, b = PHASE_BREAKS[p], PHASE_BREAKS[p + 1]
        step = (b - a) / (2 * PARCEL_COLUMNS_PER_PHASE)
        lines.extend(a + i * step for i in range(2 * PARCEL_COLUMNS_PER_PHASE))
    lines.append(PHASE_BREAKS[-1])
    return lines


def v_lines():
    lines = []
    for r in range(3):
        a, b = V_BREAKS[r], V_BREAKS[r + 1]
        lines.extend([a, (a + b) / 2])
    lines.append(V_BREAKS[-1])
    return lines


def to_survey(u, v):
    """Local site frame (metres) -> EPSG:4548 easting/northing."""
    t = math.radians(ROTATION_DEG)
    x = (u - SITE_U / 2) * math.cos(t) - (v - SITE_V / 2) * math.sin(t)
    y = (u - SITE_U / 2) * math.sin(t) + (v - SITE_V / 2) * math.cos(t)
    return [round(CENTRE_E + x, 2), round(CENTRE_N + y, 2)]


def jittered_grid(us, vs, rng):
    grid = {}
    for i, u in enumerate(us):
        for j, v in enumerate(vs):
            outer_u = i in (0, len(us) - 1)
            outer_v = j in (0, len(vs) - 1)
            du = 0.0 if outer_u else rng.uniform(-JITTER_M, JITTER_M)
            dv = 0.0 if outer_v else rng.uniform(-JITTER_M, JITTER_M)
            grid[(i, j)] = (u + du, v + dv)
    return grid


def ring(grid, i0, j0, di, dj, shift_u=None):
    """Counter-clockwise boundary through every grid vertex of the block [i0, i0+di] x [j0, j0+dj]."""
    path = [(i, j0) for i in range(i0, i0 + di)]
    path += [(i0 + di, j) for j in range(j0, j0 + dj)]
    path += [(i, j0 + dj) for i in range(i0 + di, i0, -1)]
    path += [(i0, j) for j in range(j0 + dj, j0, -1)]
    pts = []
    for key in path:
        u, v = grid[key]
        if shift_u and key[0] in shift_u:
            u += shift_u[key[0]]
        pts.append(to_survey(u, v))
    pts.append(pts[0])
    return pts


def square(cu, cv, half):
    corners = [(cu - half, cv - half), (cu + half, cv - half), (cu + half, cv + half), (cu - half, cv + half)]
    pts = [to_survey(u, v) for u, v in reversed(corners)]   # clockwise: a hole
    pts.append(pts[0])
    return pts


def main():
    rng = random.Random(7300)   # the 7300 mining area
    us, vs = u_lines(), v_lines()
    grid = jittered_grid(us, vs, rng)
    features = []
    for phase in (1, 2, 3):
        n = 0
        for col in range(PARCEL_COLUMNS_PER_PHASE):
            for row in range(3):
                n += 1
                code = f"RC-P{phase}-{n:02d}"
                i0 = (phase - 1) * 2 * PARCEL_COLUMNS_PER_PHASE + 2 * col
                j0 = 2 * row
                if code == CHANNEL_PARCEL:
                    west = ring(grid, i0, j0, 1, 2, shift_u={i0 + 1: -6.0})
                    east = ring(grid, i0 + 1, j0, 1, 2, shift_u={i0 + 1: 6.0})
                    geometry = {"type": "MultiPolygon", "coordinates": [[west], [east]]}
                else:
                    rings = [ring(grid, i0, j0, 2, 2)]
                    if code == POND_PARCEL:
                        cu = (us[i0] + us[i0 + 2]) / 2
                        cv = (vs[j0] + vs[j0 + 2]) / 2
                        rings.append(square(cu, cv, 45.0))
                    geometry = {"type": "Polygon", "coordinates": rings}
                features.append({
                    "type": "Feature",
                    "properties": {
                        "code": code,
                        "name": f"Phase {phase} parcel {n}",
                        "phase": phase,
                        "landUse": LAND_USES[(n - 1 + phase) % len(LAND_USES)],
                        "status": PHASE_STATUS[phase],
                    },
                    "geometry": geometry,
                })
    out = pathlib.Path(__file__).resolve().parent.parent / "sample-site" / "parcels.geojson"
    doc = {"type": "FeatureCollection",
           "name": "rencheng-sample-parcels (SYNTHETIC, EPSG:4548)",
           "features": features}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(features)} parcels to {out}")


if __name__ == "__main__":
    main()
