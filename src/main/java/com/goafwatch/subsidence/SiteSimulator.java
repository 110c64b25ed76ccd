package com.goafwatch.subsidence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Synthetic monitoring data for the demo site: residual subsidence over the strip panels (probability-
 * integral surface × Knothe time function from the end of grouting), horizontal ground strain along each
 * trench times the cable's coupling coefficient, apparent thermal strain from seasonal and daily
 * temperature swings (which the service compensates), interrogator noise, and occasional faults: a
 * one-sample spike, or a dropped trace; optionally a local {@link DevelopingVoid} on top. Deterministic
 * for a seed, trace time and cable.
 */
public final class SiteSimulator {

    /** Share of traces that never arrive (interrogator or link fault). */
    static final double DROPPED_TRACE_SHARE = 0.03;
    /** Share of traces with a single-sample spike (connector reflection, bad fit). */
    static final double SPIKE_SHARE = 0.02;
    /** Raw fiber strain of a spike: an outlier well above the noise, yet (÷ coupling) below the class I limit. */
    static final double SPIKE_UE = 500;
    static final double NOISE_UE = 3.0;
    /** Levelling noise (one standard deviation): readings scatter by ±1–2 mm. */
    static final double MARKER_NOISE_MM = 1.0;

    private final SubsidenceField residual;
    private final KnotheTime knothe;
    private final Instant groutedAt;
    private final long seed;
    private final DevelopingVoid event;
    private final ZoneId zone = ZoneId.of("Asia/Shanghai");
    private final java.util.Map<String, Layout> layouts = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param residual  the surface of the subsidence still to come after grouting (final state)
     * @param groutedAt time zero of the Knothe function
     */
    public SiteSimulator(SubsidenceField residual, KnotheTime knothe, Instant groutedAt, long seed) {
        this(residual, knothe, groutedAt, seed, null);
    }

    /** @param event a local event on top of the residual subsidence, or null */
    public SiteSimulator(SubsidenceField residual, KnotheTime knothe, Instant groutedAt, long seed, DevelopingVoid event) {
        this.residual = residual;
        this.knothe = knothe;
        this.groutedAt = groutedAt;
        this.seed = seed;
        this.event = event;
    }

    /** Settlement at a point and time since grouting, mm (positive downward), without noise. */
    public double settlementMm(double e, double n, Instant t) {
        return residual.subsidenceMm(e, n) * knothe.fraction(days(t)) + (event == null ? 0 : event.settlementMm(e, n, t));
    }

    /** A levelling reading of a marker: settlement plus levelling noise. */
    public double markerReadingMm(String code, double e, double n, Instant t) {
        return settlementMm(e, n, t) + random(code, t).nextGaussian() * MARKER_NOISE_MM;
    }

    /**
     * A levelling reading as the site reports it: settlement since the marker's zero reading (the first
     * levelling after it was set), plus levelling noise.
     */
    public double levellingMm(String code, double e, double n, Instant t, Instant zeroReading) {
        return markerReadingMm(code, e, n, t) - settlementMm(e, n, zeroReading);
    }

    /**
     * One interrogator trace as the plain CSV of the ingestion API, samples every {@code spacingM} of
     * fiber; null when this trace is dropped.
     */
    public String traceCsv(SimulatedCable cable, Instant t, double spacingM) {
        Random rng = random(cable.code(), t);
        if (rng.nextDouble() < DROPPED_TRACE_SHARE) {
            return null;
        }
        Layout layout = layouts.computeIfAbsent(cable.code() + "@" + spacingM, k -> layout(cable, spacingM));
        int samples = layout.chainage.length;
        int spikeAt = rng.nextDouble() < SPIKE_SHARE ? rng.nextInt(samples) : -1;
        double fraction = knothe.fraction(days(t));
        double[] swings = swingsC(t);
        StringBuilder csv = new StringBuilder(samples * 56).append("timestamp,distance_m,strain_ue,temperature_c\n");
        String time = t.toString();
        for (int k = 0; k < samples; k++) {
            double chainage = layout.chainage[k];
            boolean mapped = !Double.isNaN(chainage);
            double groundUe = mapped ? layout.regionalUe[k] * fraction + eventStrainUe(cable, layout, k, t) : 0;
            double temperature = temperatureC(cable, mapped ? chainage : 0, swings) + rng.nextGaussian() * 0.05;
            double raw = groundUe * cable.couplingCoefficient()
                    + cable.tempCoefficientUePerC() * (temperature - cable.baselineTemperatureC())
                    + rng.nextGaussian() * NOISE_UE + (k == spikeAt ? SPIKE_UE : 0);
            csv.append(time).append(',');
            fixed(csv, k * spacingM, 2).append(',');
            fixed(csv, raw, 2).append(',');
            fixed(csv, temperature, 3).append('\n');
        }
        return csv.toString();
    }

    /** Where a cable's samples lie (chainage, point, direction) and their final-state ground strain: the same for every trace. */
    private record Layout(double[] chainage, double[] regionalUe, double[][] points) {
    }

    private Layout layout(SimulatedCable cable, double spacingM) {
        int samples = (int) Math.floor(cable.fiberLengthM() / spacingM) + 1;
        double[] chainage = new double[samples];
        double[] regional = new double[samples];
        double[][] points = new double[samples][];
        for (int k = 0; k < samples; k++) {
            chainage[k] = cable.fiberToChainage().applyAsDouble(k * spacingM);
            if (!Double.isNaN(chainage[k])) {
                regional[k] = groundStrainUe(cable, chainage[k]);
                points[k] = cable.borehole() ? null : cable.pointAt(chainage[k]);
            }
        }
        return new Layout(chainage, regional, points);
    }

    private double eventStrainUe(SimulatedCable cable, Layout layout, int k, Instant t) {
        double[] p = layout.points[k];
        return event == null || cable.borehole() || p == null ? 0 : event.strainUe(p[0], p[1], p[2], t);
    }

    /** {@code value} with {@code decimals} decimals, as String.format would write it, without its cost. */
    static StringBuilder fixed(StringBuilder out, double value, int decimals) {
        long scale = decimals == 2 ? 100 : decimals == 3 ? 1000 : (long) Math.pow(10, decimals);
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale).append('.');
        String fraction = Long.toString(scaled % scale);
        for (int i = fraction.length(); i < decimals; i++) {
            out.append('0');
        }
        return out.append(fraction);
    }

    /** Final-state ground strain in µε at a chainage: along the trench, or (borehole) compaction near the goaf. */
    double groundStrainUe(SimulatedCable cable, double chainageM) {
        if (cable.borehole()) {
            double heightAboveGoaf = cable.depthM() - chainageM;
            return -150 * Math.exp(-Math.max(0, heightAboveGoaf) / 30.0);
        }
        double[] p = cable.pointAt(chainageM);
        return residual.strainMmPerM(p[0], p[1], p[2]) * 1000;
    }

    /** Ground temperature at the fiber: seasonal and daily swings near the surface, geothermal gradient in boreholes. */
    double temperatureC(SimulatedCable cable, double chainageM, Instant t) {
        return temperatureC(cable, chainageM, swingsC(t));
    }

    private double temperatureC(SimulatedCable cable, double chainageM, double[] swings) {
        double season = swings[0];
        double day = swings[1];
        if (cable.borehole()) {
            double damping = Math.exp(-chainageM / 5.0);
            return 15.0 + (season + day) * damping + 0.03 * chainageM;
        }
        return 15.0 + season + day + 0.4 * Math.sin(chainageM / 90.0);
    }

    /** {seasonal, daily} temperature swing at the surface, °C, at the site's local time. */
    private double[] swingsC(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return new double[] {6.0 * Math.sin(2 * Math.PI * (local.getDayOfYear() - 110) / 365.0),
                0.6 * Math.sin(2 * Math.PI * (local.getHour() + local.getMinute() / 60.0 - 9) / 24.0)};
    }

    private double days(Instant t) {
        return Duration.between(groutedAt, t).toMillis() / 86_400_000.0;
    }

    private Random random(String code, Instant t) {
        long x = seed ^ code.hashCode() * 31L ^ t.toEpochMilli();

        // a minute apart dropped (or spiked) together
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return new Random(x ^ (x >>> 31));
    }
}
