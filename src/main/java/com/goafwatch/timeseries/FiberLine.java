package com.goafwatch.timeseries;

/**
 * Encodes one {@link FiberSeries#MEASUREMENT} point straight into line protocol, exactly as {@link LinePoint#toLine()}
 * would (tags in sorted order, the same fields in the same order, Java's shortest number form) but without a tag
 * map, a field map and boxed numbers per sample: ingestion encodes every sample of every trace. The tag values are
 * the service's own (a cable id, a parcel id or {@code none}/{@code unmapped}, a position in digits), so nothing
 * needs escaping; absent fields are passed as NaN.
 */
public final class FiberLine {

    private FiberLine() {
    }

    /** Appends the line (no line break) to {@code b}. */
    public static StringBuilder append(StringBuilder b, long cableId, String parcelTag, double distanceM, double strainUe,
            double rawStrainUe, double temperatureC, double chainageM, long timeMs) {
        b.append(FiberSeries.MEASUREMENT).append(',').append(FiberSeries.TAG_CABLE).append('=').append(cableId)
                .append(',').append(FiberSeries.TAG_PARCEL).append('=').append(parcelTag)
                .append(',').append(FiberSeries.TAG_POSITION).append('=').append(FiberSeries.positionTag(distanceM));
        field(b, ' ', FiberSeries.FIELD_STRAIN, strainUe);
        optional(b, FiberSeries.FIELD_RAW_STRAIN, rawStrainUe);
        optional(b, FiberSeries.FIELD_TEMPERATURE, temperatureC);
        field(b, ',', FiberSeries.FIELD_DISTANCE, distanceM);
        optional(b, FiberSeries.FIELD_CHAINAGE, chainageM);
        return b.append(' ').append(timeMs);
    }

    private static void optional(StringBuilder b, String name, double v) {
        if (!Double.isNaN(v)) {
            field(b, ',', name, v);
        }
    }

    private static void field(StringBuilder b, char separator, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("field " + name + " is not finite");
        }
        b.append(separator).append(name).append('=').append(v);
    }
}
