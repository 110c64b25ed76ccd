#!/usr/bin/env python3
"""Generates the SYNTHETIC sample site in gis-data/sample-site/ (deterministic: same output every run):
parcels, strip panels, fiber cables with calibrations, settlement markers and the demo-feed model parameters.

The layout is shaped after the Rencheng strip-mining subsidence project (see seeds/ and domain.md):
about 5000 mu in three phases, phase 1 about 1500 mu, north-west of Jining's centre, with parcels laid
out along strip panels that run at an azimuth of about 70 degrees. Coordinates are written in
CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548), the survey CRS a Chinese site team would use;
the service transforms them to EPSG:4490 in PostGIS on import.

Usage: python3 gis-data/tools/make_sample_site.py   (rewrites the files in gis-data/sample-site/)
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


PANEL_WIDTH_M, PILLAR_WIDTH_M = 50.0, 100.0      # strip mining: 50 m panels, 100 m pillars
PANEL_NAMES = ["7330", "7332", "7334", "7336", "7338", "7340", "7342", "7344", "7346"]


def panels():
    """Strip panels in the site frame (u along, v across), running past both ends of the site."""
    out = []
    for k, name in enumerate(PANEL_NAMES):
        v0 = 25.0 + k * (PANEL_WIDTH_M + PILLAR_WIDTH_M)
        out.append({"name": name, "uFrom": -150.0, "uTo": SITE_U + 150.0, "vFrom": v0, "vTo": v0 + PANEL_WIDTH_M})
    return out


def panels_geojson(panel_list):
    features = []
    for p in panel_list:
        ring = [to_survey(p["uFrom"], p["vFrom"]), to_survey(p["uTo"], p["vFrom"]), to_survey(p["uTo"], p["vTo"]),
                to_survey(p["uFrom"], p["vTo"])]
        ring.append(ring[0])
        features.append({"type": "Feature", "properties": {"name": p["name"], "seamThicknessM": 2.6, "depthM": 280},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "name": "strip panels (SYNTHETIC, EPSG:4548)", "features": features}


def trench(code, channel, u0, v0, u1, v1, lead_in, slack=None):
    """A straight trench cable; fiber = lead-in + route (+ an optional slack loop (chainage, length))."""
    length = math.hypot(u1 - u0, v1 - v0)
    calibration = [{"fiberDistanceM": lead_in, "chainageM": 0.0, "note": "trench entry (heat test)"}]
    extra = 0.0
    if slack:
        at, loop = slack
        calibration.append({"fiberDistanceM": lead_in + at, "chainageM": at, "note": "slack loop start (tap test)"})
        calibration.append({"fiberDistanceM": lead_in + at + loop, "chainageM": at, "note": "slack loop end (tap test)"})
        extra = loop
    calibration.append({"fiberDistanceM": round(lead_in + length + extra, 3), "chainageM": round(length, 3), "note": "trench end"})
    return {"type": "Feature",
            "properties": {"code": code, "channel": channel, "installation": "trench",
                           "fiberLengthM": round(lead_in + length + extra + 20, 1), "fiberType": "tight-buffered",
                           "couplingCoefficient": 0.4, "compensation": "temperature", "tempCoefficientUePerC": 20.0,
                           "baselineTemperatureC": 15.0, "calibration": calibration},
            "geometry": {"type": "LineString", "coordinates": [to_survey(u0, v0), to_survey(u1, v1)]}}


def borehole(code, channel, u, v, depth):
    return {"type": "Feature",
            "properties": {"code": code, "channel": channel, "installation": "borehole", "depthM": depth,
                           "fiberLengthM": depth + 30, "fiberType": "tight-buffered", "couplingCoefficient": 0.5,
                           "compensation": "temperature", "tempCoefficientUePerC": 20.0, "baselineTemperatureC": 17.0,
                           "calibration": [{"fiberDistanceM": 30.0, "chainageM": 0.0, "note": "borehole collar"},
                                           {"fiberDistanceM": 30.0 + depth, "chainageM": depth, "note": "borehole bottom"}]},
            "geometry": {"type": "Point", "coordinates": to_survey(u, v)}}


def cables():
    features = [
        trench("F-L1", "BOTDA-1", 20, 200, 1550, 200, 35.0, slack=(700.0, 8.0)),   # along panel 7332, phases 1-2
        trench("F-L2", "BOTDA-2", 20, 700, 2380, 700, 42.0),                          # along a pillar, all phases
        trench("F-C1", "BOTDA-3", 350, 20, 350, 1380, 28.0),                          # across the panels, phase 1
        trench("F-C2", "BOTDA-4", 1150, 20, 1150, 1380, 31.0, slack=(650.0, 6.0)),  # across, phase 2
        trench("F-C3", "BOTDA-5", 2000, 20, 2000, 1380, 25.0),                       # across, phase 3
        borehole("BH-01", "BOTDA-6", 200, 200, 280.0),
        borehole("BH-02", "BOTDA-7", 1100, 500, 280.0),
        borehole("BH-03", "BOTDA-8", 1900, 1050, 280.0),
    ]
    return {"type": "FeatureCollection", "name": "fiber cables (SYNTHETIC, EPSG:4548)", "features": features}


def sensors(rng):
    features = []
    n = 0
    for u in (150, 450, 750, 1050, 1350, 1650, 1950, 2250):
        for v in (250, 600, 1150):   # the middle row keeps clear of the fish pond in RC-P3-05
            n += 1
            features.append({"type": "Feature",
                             "properties": {"code": f"SM-{n:02d}", "type": "settlement-marker",
                                            "baselineElevationM": round(35.0 + rng.uniform(-0.8, 0.8), 4),
                                            "installedAt": "2020-08-01T08:00:00+08:00"},
                             "geometry": {"type": "Point", "coordinates": to_survey(u, v)}})
    for k, (u, v) in enumerate([(400, 450), (1250, 950)], start=1):
        features.append({"type": "Feature",
                         "properties": {"code": f"TM-{k:02d}", "type": "tiltmeter", "installedAt": "2020-08-01T08:00:00+08:00"},
                         "geometry": {"type": "Point", "coordinates": to_survey(u, v)}})
    return {"type": "FeatureCollection", "name": "point sensors (SYNTHETIC, EPSG:4548)", "features": features}


def write(name, doc):
    out = pathlib.Path(__file__).resolve().parent.parent / "sample-site" / name
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


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
    write("parcels.geojson", {"type": "FeatureCollection", "name": "rencheng-sample-parcels (SYNTHETIC, EPSG:4548)",
                              "features": features})
    panel_list = panels()
    write("panels.geojson", panels_geojson(panel_list))
    write("cables.geojson", cables())
    write("sensors.geojson", sensors(rng))
    origin = to_survey(0, 0)
    write("subsidence.json", {
        "_comment": "SYNTHETIC mining and model parameters for the demo feed (probability-integral method, domain.md)",
        "frame": {"originE": origin[0], "originN": origin[1], "rotationDeg": ROTATION_DEG},
        "panels": panel_list,
        "seamThicknessM": 2.6, "dipDeg": 3.0, "depthM": 280.0, "q": 0.08, "tanBeta": 2.0, "b": 0.3,
        "inflectionOffsetM": 14.0, "residualShare": 0.15, "knotheCPerDay": 0.015})


if __name__ == "__main__":
    main()
