package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generator and ground truth of one simulated field year (2025, site time Asia/Shanghai), seeded so every run
 * writes the same readings. Independent of the engine: the truth is the growth law of each event.
 *
 * <p>Site: parcels P1..P4, 100 m squares in a row from E0 (EPSG:4548). Cable C-1 (trench, coupling 0.4) along
 * N0+50 from E0−20 to E0+420, fiber distance = chainage (P2 at 120–220 m); cable C-2 along N0+80 from E0+210 to
 * E0+410 (P3 at 0–90 m, P4 at 90–190 m), first trace on day 182. Settlement markers M1..M8 along N0+30 at
 * E0+25, +75, …, +375 (two per parcel, 50 m apart).
 *
 * <p>Cadence: one trace per cable each day at 02:00 site time plus 0–20 min interrogator jitter; samples every
 * 1 m; raw reading = 0.4 × ground strain + 20 µε/°C × (T − 15 °C) + N(0, 8 µε) (3σ = the ±25 µε of
 * PPP-BOTDA), temperature reported with
 * N(0, 0.1 °C); seasonal T = 15 + 8 sin(2π(day − 110)/365) °C. Levelling on the 1st and 16th of each month at
 * 09:00 site time (intervals 13–16 days), each marker ± uniform 1.5 mm.
 *
 * <p>Events: (1) a strain bulge on C-1 at 170 m (parcel P2), Gaussian σ 3 m, peak ground strain growing
 * 40 µε/d from day 100 to a plateau of 2400 µε on day 160; (2) marker M5 (parcel P3) settling 0.25 mm/d from
 * day 150. Background: M7 and M8 (parcel P4) settle 0.065 mm/d all year (≤ 12 mm in any six months, 24 mm over
 * the year: residual settlement that has not ended but stays within "30 mm in 6 months"); the others are stable.
 * Interrogator outage: no traces on days 300–302 (both cables). Spikes (one sample, 2600 µε ground): one on
 * C-1 on a random day 10–90, one in C-2's first trace, one in C-1's first trace after the outage, each at a
 * random position outside parcel P2.
 */
final class FieldYear {

    static final ZoneId SITE = ZoneId.of("Asia/Shanghai");
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    static final int DAYS = 365;
    static final Instant START = FIRST_DAY.atStartOfDay(SITE).toInstant();
    static final Instant END = START.plus(Duration.ofDays(DAYS));
    static final double COUPLING = 0.4;
    static final int C1_LENGTH_M = 440;
    static final int C2_LENGTH_M = 200;
    static final int C2_FIRST_DAY = 182;
    static final int OUTAGE_FIRST_DAY = 300;
    static final int OUTAGE_LAST_DAY = 302;
    static final double BULGE_AT_M = 170;
    static final double BULGE_SIGMA_M = 3;
    static final int BULGE_ONSET_DAY = 100;
    static final double BULGE_GROWTH_UE_PER_DAY = 40;
    static final double BULGE_PLATEAU_UE = 2400;
    static final int SETTLING_ONSET_DAY = 150;
    static final double SETTLING_MM_PER_DAY = 0.25;
    static final double RESIDUAL_MM_PER_DAY = 0.065;
    static final double SPIKE_GROUND_UE = 2600;
    /** Longest gap between levellings of this schedule (Jan 16 → Feb 1 and the like). */
    static final Duration LEVELLING_INTERVAL = Duration.ofDays(16);
    static final Duration TRACE_INTERVAL = Duration.ofDays(1);

    record Spike(String cable, int day, int distanceM) {
    }

    private final long seed;
    final List<Spike> spikes = new ArrayList<>();
    /** What the generator wrote, as a reader of the raw values would judge it: the largest ground-equivalent strain of
     * each C-1 trace inside parcel P2 ((raw − 20 × (reported T − 15)) ÷ 0.4), and each marker's levelled settlement. */
    final java.util.TreeMap<Instant, Double> measuredBulgeUe = new java.util.TreeMap<>();
    final java.util.Map<Integer, java.util.TreeMap<Instant, Double>> measuredMm = new java.util.HashMap<>();

    FieldYear(long seed) {
        this.seed = seed;
        Random r = new Random(seed ^ 0x5EED5L);
        spikes.add(new Spike("C-1", 10 + r.nextInt(81), outsideP2OnC1(r)));
        spikes.add(new Spike("C-2", C2_FIRST_DAY, 5 + r.nextInt(181)));
        spikes.add(new Spike("C-1", OUTAGE_LAST_DAY + 1, outsideP2OnC1(r)));
    }

    /** The parcel a spike lies in (C-1: easting = distance − 20 m; C-2: easting = distance + 210 m). */
    static String parcelOf(Spike s) {
        double e = s.cable().equals("C-1") ? s.distanceM() - 20 : s.distanceM() + 210;
        return "P" + (int) (e / 100 + 1);
    }

    private static int outsideP2OnC1(Random r) {
        // P1 at 20–120 m, P3 and P4 at 220–420 m; 5 m clear of every boundary
        int k = r.nextInt(91 + 191);
        return k < 91 ? 25 + k : 225 + (k - 91);
    }

    static Instant day(double days) {
        return START.plusMillis(Math.round(days * 86_400_000L));
    }

    static double dayOf(Instant t) {
        return (t.toEpochMilli() - START.toEpochMilli()) / 86_400_000.0;
    }

    static boolean traced(String cable, int day) {
        return (day < OUTAGE_FIRST_DAY || day > OUTAGE_LAST_DAY) && (cable.equals("C-1") || day >= C2_FIRST_DAY);
    }

    /** Peak ground strain of the bulge (µε) at a time, from its growth law. */
    static double bulgeUe(Instant t) {
        double d = dayOf(t) - BULGE_ONSET_DAY;
        return d <= 0 ? 0 : Math.min(BULGE_PLATEAU_UE, BULGE_GROWTH_UE_PER_DAY * d);
    }

    /** First instant the bulge's peak reaches {@code ue}, or null if it never does. */
    static Instant bulgeReaches(double ue) {
        return ue > BULGE_PLATEAU_UE ? null : day(BULGE_ONSET_DAY + ue / BULGE_GROWTH_UE_PER_DAY);
    }

    /** Noise-free settlement (mm, positive downward) of marker {@code i} (1..8). */
    static double settlementMm(int i, Instant t) {
        double d = dayOf(t);
        if (i == 5) {
            return Math.max(0, d - SETTLING_ONSET_DAY) * SETTLING_MM_PER_DAY;
        }
        return i >= 7 ? Math.max(0, d) * RESIDUAL_MM_PER_DAY : 0;
    }

    /** The parcel of marker {@code i}: two markers per parcel, M1 and M2 in P1. */
    static String parcelOfMarker(int i) {
        return "P" + (i + 1) / 2;
    }

    /**
     * First instant (hour by hour) a parcel's settlement <em>change within the window</em> (settlement now minus
     * settlement a window earlier, or at the zero reading) reaches {@code mm} at one of its markers: what "≤ 30 mm in
     * six months" means. Null if never within the year.
     */
    static Instant settlementChangeReaches(String parcel, double mm, Duration window) {
        for (Instant t = START; t.isBefore(END); t = t.plus(Duration.ofHours(1))) {
            Instant from = t.minus(window).isBefore(START) ? START : t.minus(window);
            for (int i = 1; i <= 8; i++) {
                if (parcelOfMarker(i).equals(parcel) && settlementMm(i, t) - settlementMm(i, from) >= mm) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The first levelling whose written change within the window (this reading minus the first inside the window) reaches {@code mm}. */
    Instant firstMeasuredChangeAtOrAbove(String parcel, double mm, Duration window) {
        Instant first = null;
        for (int i = 1; i <= 8; i++) {
            java.util.TreeMap<Instant, Double> series = measuredMm.getOrDefault(i, new java.util.TreeMap<>());
            if (!parcelOfMarker(i).equals(parcel)) {
                continue;
            }
            for (var e : series.entrySet()) {
                var start = series.ceilingEntry(e.getKey().minus(window));
                if (e.getValue() - start.getValue() >= mm && (first == null || e.getKey().isBefore(first))) {
                    first = e.getKey();
                    break;
                }
            }
        }
        return first;
    }

    static double markerEasting(int i) {
        return E0 + 25 + 50 * (i - 1);
    }

    static double temperatureC(Instant t) {
        return 15 + 8 * Math.sin(2 * Math.PI * (dayOf(t) - 110) / 365.0);
    }

    /** Time of a cable's trace on a day: 02:00 site time plus jitter (the same for both cables, one interrogator). */
    Instant traceTime(int day) {
        long jitterMs = new Random(seed * 31 + day).nextInt(20 * 60_000);
        return FIRST_DAY.plusDays(day).atTime(LocalTime.of(2, 0)).atZone(SITE).toInstant().plusMillis(jitterMs);
    }

    /** The first reading (of {@code measured}) at or above {@code limit}: the earliest an alert can be confirmed from. */
    static Instant firstReadingAtOrAbove(java.util.TreeMap<Instant, Double> measured, double limit) {
        return measured.entrySet().stream().filter(e -> e.getValue() >= limit).map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The levelling instants of the year (1st and 16th of each month, 09:00 site time). */
    static List<Instant> levellings() {
        List<Instant> out = new ArrayList<>();
        for (LocalDate d = FIRST_DAY; d.isBefore(FIRST_DAY.plusDays(DAYS)); d = d.plusDays(1)) {
            if (d.getDayOfMonth() == 1 || d.getDayOfMonth() == 16) {
                out.add(d.atTime(9, 0).atZone(SITE).toInstant());
            }
        }
        return out;
    }

    /** Line protocol of every trace of one cable over the year. */
    List<String> traces(String cable) {
        Random noise = new Random(seed + cable.hashCode());
        int length = cable.equals("C-1") ? C1_LENGTH_M : C2_LENGTH_M;
        List<String> out = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            if (!traced(cable, day)) {
                continue;
            }
            Instant t = traceTime(day);
            double temperature = temperatureC(t);
            double peak = cable.equals("C-1") ? bulgeUe(t) : 0;
            long ns = t.toEpochMilli() * 1_000_000L;
            StringBuilder lp = new StringBuilder(length * 90);
            for (int d = 0; d <= length; d++) {
                double ground = peak * Math.exp(-(d - BULGE_AT_M) * (d - BULGE_AT_M) / (2 * BULGE_SIGMA_M * BULGE_SIGMA_M));
                for (Spike s : spikes) {
                    if (s.cable().equals(cable) && s.day() == day && s.distanceM() == d) {
                        ground = SPIKE_GROUND_UE;
                    }
                }
                double raw = COUPLING * ground + 20 * (temperature - 15) + 8 * noise.nextGaussian();
                double reported = temperature + 0.1 * noise.nextGaussian();
                if (cable.equals("C-1") && d > 120 && d < 220) {
                    measuredBulgeUe.merge(t, (raw - 20 * (reported - 15)) / COUPLING, Math::max);
                }
                lp.append(String.format(Locale.ROOT, "fiber_strain,cable=%s distance_m=%d,strain_ue=%.3f,temperature_c=%.3f %d%n", cable,
                        d, raw, reported, ns));
            }
            out.add(lp.toString());
        }
        return out;
    }

    /** Line protocol of every levelling of the year (marker i read 3 i minutes into the run). */
    String levelling() {
        Random noise = new Random(seed + 7);
        StringBuilder lp = new StringBuilder();
        for (Instant run : levellings()) {
            for (int i = 1; i <= 8; i++) {
                Instant t = run.plus(Duration.ofMinutes(3L * i));
                double mm = settlementMm(i, t) + (noise.nextDouble() * 3 - 1.5);
                measuredMm.computeIfAbsent(i, k -> new java.util.TreeMap<>()).put(t, mm);
                lp.append(String.format(Locale.ROOT, "settlement,sensor=M%d settlement_mm=%.3f %d%n", i, mm, t.toEpochMilli() * 1_000_000L));
            }
        }
        return lp.toString();
    }

    static double[] c1Route() {
        return new double[] {E0 - 20, N0 + 50, E0 + 420, N0 + 50};
    }

    static double[] c2Route() {
        return new double[] {E0 + 210, N0 + 80, E0 + 410, N0 + 80};
    }
}
