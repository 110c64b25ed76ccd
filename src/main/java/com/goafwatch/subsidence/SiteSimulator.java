package com.goafwatch.subsidence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic monitoring data for the demo site: residual subsidence over the strip panels (probability-
 * integral surface × Knothe time function from the end of grouting), horizontal ground strain along each
 * trench times the cable's coupling coefficient, apparent thermal strain from seasonal and daily
 * temperature swings (which the service compensates), interrogator noise, and occasional faults: a
 * one-sample spike, or a dropped trace. Deterministic for a seed, trace time and cable.
 */
public final class SiteSimulator {

    /** Share of traces that never arrive (interrogator or link fault). */
    static final double DROPPED_TRACE_SHARE = 0.03;
    /** Share of traces with a single-sample spike (connector reflection, bad fit). */
    static final double SPIKE_SHARE = 0.02;
    static final double SPIKE_UE = 800;
    static final double NOISE_UE = 3.0;
    static final double MARKER_NOISE_MM = 0.3;

    private final SubsidenceField residual;
    private final KnotheTime knothe;
    private final Instant groutedAt;
    private final long seed;
    private final ZoneId zone = ZoneId.of("Asia/Shanghai");

    /**
     * @param residual  the surface of the subsidence still to come after grouting (final state)
     * @param groutedAt time zero of the Knothe function
     */
    public SiteSimulator(SubsidenceField residual, KnotheTime knothe, Instant groutedAt, long seed) {
        this.residual = residual;
        this.knothe = knothe;
        this.groutedAt = groutedAt;
        this.seed = seed;
    }

    /** Residual settlement at a point and time, mm (positive downward), without noise. */
    public double settlementMm(double e, double n, Instant t) {
        return residual.subsidenceMm(e, n) * knothe.fraction(days(t));
    }

    /** A levelling reading of a marker: settlement plus levelling noise. */
    public double markerReadingMm(String code, double e, double n, Instant t) {
        return settlementMm(e, n, t) + random(code, t).nextGaussian() * MARKER_NOISE_MM;
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
        int samples = (int) Math.floor(cable.fiberLengthM() / spacingM) + 1;
        int spikeAt = rng.nextDouble() < SPIKE_SHARE ? rng.nextInt(samples) : -1;
        double fraction = knothe.fraction(days(t));
        StringBuilder csv = new StringBuilder(samples * 48).append("timestamp,distance_m,strain_ue,temperature_c\n");
        String time = t.toString();
        for (int k = 0; k < samples; k++) {
            double distance = k * spacingM;
            double chainage = cable.fiberToChainage().applyAsDouble(distance);
            double groundUe = Double.isNaN(chainage) ? 0 : groundStrainUe(cable, chainage) * fraction;
            double temperature = temperatureC(cable, Double.isNaN(chainage) ? 0 : chainage, t) + rng.nextGaussian() * 0.05;
            double raw = groundUe * cable.couplingCoefficient()
                    + cable.tempCoefficientUePerC() * (temperature - cable.baselineTemperatureC())
                    + rng.nextGaussian() * NOISE_UE + (k == spikeAt ? SPIKE_UE : 0);
            csv.append(time).append(',').append(String.format(Locale.ROOT, "%.2f,%.2f,%.3f", distance, raw, temperature)).append('\n');
        }
        return csv.toString();
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
        ZonedDateTime local = t.atZone(zone);
        double season = 6.0 * Math.sin(2 * Math.PI * (local.getDayOfYear() - 110) / 365.0);
        double day = 0.6 * Math.sin(2 * Math.PI * (local.getHour() + local.getMinute() / 60.0 - 9) / 24.0);
        if (cable.borehole()) {
            double damping = Math.exp(-chainageM / 5.0);
            return 15.0 + (season + day) * damping + 0.03 * chainageM;
        }
        return 15.0 + season + day + 0.4 * Math.sin(chainageM / 90.0);
    }

    private double days(Instant t) {
        return Duration.between(groutedAt, t).toMillis() / 86_400_000.0;
    }

    private Random random(String code, Instant t) {
        return new Random(seed ^ code.hashCode() * 31L ^ t.toEpochMilli());
    }
}
