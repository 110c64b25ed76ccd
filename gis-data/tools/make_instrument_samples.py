#!/usr/bin/env python3
"""Writes the SYNTHETIC instrument samples of gis-data/instruments/ (Brillouin, Febus G1, levelling raw files).

Nothing here was measured: the numbers are made up so that the expected results can be computed by hand
(see gis-data/instruments/README.md). Run: python3 gis-data/tools/make_instrument_samples.py
"""
import datetime
import os

OUT = os.path.join(os.path.dirname(__file__), '..', 'instruments')

# --- Brillouin: cable T-B1, reference fiber compensation, C_eps 0.05 MHz/ue, C_T 1.0 MHz/C (both fibers)
def nu0(d):          # reference trace of the strain fiber, MHz
    return 10850.00 + 0.01 * d
def ref0(d):         # reference trace of the loose-tube fiber, MHz
    return 10845.00
def ground(d):       # strain the measurement adds, ue
    return {19: 100.0, 20: 200.0, 21: 100.0}.get(d, 0.0)
WARMING_C = 5.0      # both fibers 5 C warmer than at the reference

def brillouin():
    with open(os.path.join(OUT, 'brillouin-reference-T-B1.csv'), 'w') as f:
        f.write('# SYNTHETIC reference (baseline) trace of cable T-B1, 2026-03-01 08:00 site time, 15.0 C\n')
        f.write('timestamp,distance_m,shift_mhz,reference_shift_mhz,temperature_c\n')
        for d in range(0, 41):
            f.write(f'2026-03-01T08:00:00+08:00,{d}.0,{nu0(d):.2f},{ref0(d):.2f},15.0\n')
    with open(os.path.join(OUT, 'brillouin-trace-T-B1.csv'), 'w') as f:
        f.write('# SYNTHETIC Brillouin trace of cable T-B1, 2026-05-01 08:00 site time: 5 C warmer, 200 ue peak at 20 m\n')
        f.write('timestamp,distance_m,shift_mhz,reference_shift_mhz\n')
        for d in range(0, 41):
            nu = nu0(d) + 0.05 * ground(d) + 1.0 * WARMING_C
            f.write(f'2026-05-01T08:00:00+08:00,{d}.0,{nu:.2f},{ref0(d) + 1.0 * WARMING_C:.2f}\n')

def febus():
    start = datetime.datetime(2026, 5, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)
    epoch = start.timestamp()
    name = 'febus-g1_C1_2026-05-01T00.00.00+0000.bsl'
    with open(os.path.join(OUT, name), 'w') as f:
        f.write('Param;spatial resolution;1\n')
        f.write('Param;sampling resolution;0.500000\n')
        f.write('Param;channel;1\n')
        f.write(f'Param;start time;{epoch:.6f};2026-05-01T00:00:00+0000\n')
        f.write(f'Param;end time;{epoch + 62:.6f};2026-05-01T00:01:02+0000\n')
        f.write('Param;temperature;24.850000\n')
        f.write('Param;average;96140\n')
        f.write('Param;mode;strain\n')
        f.write('Param;freqRef;10975\n')
        f.write('Param;fiberLength;100\n')
        f.write('Param;fiberFrom;10\n')
        f.write('Param;fiberTo;30\n')
        f.write('Param;ZoneCount;0;\n')
        for i in range(40):          # 10.0 .. 29.5 m
            f.write(f'{12.5 * i - 100:.6f}\n')   # -100 ue at 10 m rising 12.5 ue per 0.5 m

# --- Levelling: BM1 (35.0000 m) -> SM-01 -> TP1 -> SM-02 -> BM2 (35.1200 m), BF, distances per sight
SETUPS = [('BM1', 1.5000, 30.0, 'SM-01', 1.4000, 30.0),
          ('SM-01', 1.3000, 25.0, 'TP1', 1.6000, 25.0),
          ('TP1', 1.4500, 35.0, 'SM-02', 1.2500, 35.0),
          ('SM-02', 1.6000, 40.0, 'BM2', 1.4788, 40.0)]   # misclosure +1.2 mm

def gsi_word(wi, unit, value, width, point=False):
    if point:
        return f'{wi}{"0001" if len(wi) == 2 else "001"}+{value.rjust(width, "0")}'
    info = wi + '.' * (5 - len(wi)) + unit
    sign = '-' if value < 0 else '+'
    return f'{info}{sign}{str(round(abs(value) * 100000)).rjust(width, "0")}'

def gsi(path, setups, width):
    star = '*' if width == 16 else ''
    with open(path, 'w') as f:
        for back, b, db, fore, r, df in setups:
            f.write(star + ' '.join([gsi_word('11', '', back, width, True), gsi_word('32', '8', db, width), gsi_word('331', '8', b, width)]) + ' \n')
            f.write(star + ' '.join([gsi_word('11', '', fore, width, True), gsi_word('32', '8', df, width), gsi_word('332', '8', r, width)]) + ' \n')

def dini(path, setups):
    def line(adr, info, b3='', b4='', b5=''):
        return f'For M5|Adr {adr:5d}|{info:<31}|{b3:<22}|{b4:<22}|{b5:<22}| \n'
    def block(t, v, unit='m'):
        return f'{t:<2} {v:>14} {unit:<4}'
    adr = 1
    with open(path, 'w') as f:
        f.write(line(adr, 'TO  SYNTHETIC-run.dat')); adr += 1
        f.write(line(adr, 'TO  Start-Line        BF  1')); adr += 1
        for back, b, db, fore, r, df in setups:
            f.write(line(adr, f'KD1 {back:>8}     08:00:01 1', block('Rb', f'{b:.5f}'), block('HD', f'{db:.3f}'))); adr += 1
            f.write(line(adr, f'KD1 {fore:>8}     08:00:41 1', block('Rf', f'{r:.5f}'), block('HD', f'{df:.3f}'))); adr += 1
        f.write(line(adr, 'TO  End-Line              1'))

if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    brillouin()
    febus()
    gsi(os.path.join(OUT, 'levelling-run-gsi16.gsi'), SETUPS, 16)
    gsi(os.path.join(OUT, 'levelling-run-gsi8.gsi'), SETUPS, 8)
    dini(os.path.join(OUT, 'levelling-run-dini.dat'), SETUPS)
    over = SETUPS[:3] + [('SM-02', 1.6000, 40.0, 'BM2', 1.4740, 40.0)]   # misclosure +6.0 mm
    gsi(os.path.join(OUT, 'levelling-run-over-tolerance.gsi'), over, 16)
