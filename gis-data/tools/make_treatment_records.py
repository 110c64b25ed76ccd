#!/usr/bin/env python3
"""Writes the SYNTHETIC treatment records of the sample site's phase 1 (deterministic, seed 7):

- boreholes.csv: per parcel 8 directional grouting holes (orders 1-3, takes shrinking with the order as
  the goaf fills), one curtain hole at a corner and two check holes between grouting holes;
- borehole-survey.csv: each grouting hole kicks off at 15 m and builds to horizontal at the goaf (65 m)
  on a radius of 50 m, heading along or across the strips;
- qa-tests.csv: per check hole a re-injection test, a core, a wave-velocity log and a borehole-TV log;
  parcel RC-P1-07 has one weak core (8.1 MPa) so that the sample shows a failing test.

Run from the repository root: python3 gis-data/tools/make_treatment_records.py
"""
import datetime
import json
import math
import random

SITE = "gis-data/sample-site/"


def inside(pt, ring):
    x, y = pt
    c = False
    for i in range(len(ring) - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c


def main():
    random.seed(7)
    fc = json.load(open(SITE + "parcels.geojson"))
    phase1 = [f for f in fc["features"] if f["properties"]["phase"] == 1]
    reg = ["code,type,order,easting,northing,elevation_m,measured_depth_m,depth_to_goaf_m,drilled_from,drilled_to,grouted_on,"
           "grout_take_m3,waste_share,grout_pressure_mpa,parcel,notes"]
    survey = ["code,md_m,inclination_deg,azimuth_deg"]
    qa = ["code,type,borehole,parcel,tested_on,fluid_loss,reinjection_m3,core_strength_mpa,wave_velocity_ms,defect_found,notes"]
    start = datetime.date(2019, 10, 20)
    for pi, f in enumerate(phase1):
        code = f["properties"]["code"]
        g = f["geometry"]
        ring = g["coordinates"][0] if g["type"] == "Polygon" else g["coordinates"][0][0]
        xs = [c[0] for c in ring]
        ys = [c[1] for c in ring]
        holes = []
        for k in range(8):
            for _ in range(200):
                x = random.uniform(min(xs), max(xs))
                y = random.uniform(min(ys), max(ys))
                if inside((x, y), ring):
                    break
            order = 1 if k < 4 else (2 if k < 7 else 3)
            hc = f"G{pi + 1:02d}-{k + 1:02d}"
            day = start + datetime.timedelta(days=pi * 25 + k * 3)
            take = round(random.uniform(180, 320) * (1.0 if order == 1 else 0.55 if order == 2 else 0.3), 1)
            md = round(random.uniform(150, 210), 1)
            reg.append(f"{hc},grouting,{order},{x:.2f},{y:.2f},{random.uniform(36, 39):.2f},{md},{round(random.uniform(62, 70), 1)},"
                       f"{day},{day + datetime.timedelta(days=2)},{day + datetime.timedelta(days=4)},{take},"
                       f"{random.choice([0.28, 0.3, 0.32, 0.35])},{random.choice([1.5, 2.0, 2.5])},{code},")
            az = random.choice([60, 150, 240, 330])
            survey.append(f"{hc},15,0,{az}")
            survey.append(f"{hc},{15 + 50 * math.pi / 2:.2f},90,{az}")
            holes.append((hc, x, y))
        ex, ey = ring[0]
        reg.append(f"C{pi + 1:02d}-01,curtain,,{ex + 3:.2f},{ey + 3:.2f},37.5,80,66,{start + datetime.timedelta(days=pi * 25)},"
                   f"{start + datetime.timedelta(days=pi * 25 + 1)},{start + datetime.timedelta(days=pi * 25 + 2)},95.0,0.3,1.5,{code},"
                   f"curtain against grout loss to the neighbour")
        for j in range(2):
            a, b = holes[j], holes[j + 1]
            kx, ky = (a[1] + b[1]) / 2, (a[2] + b[2]) / 2
            kc = f"K{pi + 1:02d}-{j + 1:02d}"
            day = datetime.date(2020, 8, 5) + datetime.timedelta(days=pi * 4 + j)
            reg.append(f"{kc},check,,{kx:.2f},{ky:.2f},37.8,80,66,{day},{day},,,,,{code},check hole")
            weak = pi == 6 and j == 1
            qa.append(f"QA{pi + 1:02d}-{j * 5 + 1:02d},check_hole,{kc},,{day},{'minor' if j else 'none'},"
                      f"{round(random.uniform(4, 12), 1)},,,,re-injection test")
            qa.append(f"QA{pi + 1:02d}-{j * 5 + 2:02d},core_strength,{kc},,{day},,,"
                      f"{8.1 if weak else round(random.uniform(10.5, 14.5), 1)},,,grout-stone core at goaf depth")
            qa.append(f"QA{pi + 1:02d}-{j * 5 + 3:02d},wave_velocity,{kc},,{day},,,,{round(random.uniform(2300, 3100))},,")
            qa.append(f"QA{pi + 1:02d}-{j * 5 + 4:02d},borehole_tv,{kc},,{day},,,,,no,grout stone continuous; fissures filled")
    for name, lines in (("boreholes.csv", reg), ("borehole-survey.csv", survey), ("qa-tests.csv", qa)):
        with open(SITE + name, "w") as out:
            out.write("\n".join(lines) + "\n")
    print(f"{len(reg) - 1} boreholes, {len(survey) - 1} survey stations, {len(qa) - 1} QA tests")


if __name__ == "__main__":
    main()
