package com.goafwatch.timeseries;

/**
 * Encodes one {@link FiberSeries#MEASUREMENT} point straight into line protocol, as {@link LinePoint#toLine()}
 * would (tags in sorted order, the same fields in the same order, Java's shortest number form, through
 * {@link DecimalText}) but without a tag map, a field map and boxed numbers per sample: ingestion encodes every
 * sample of every trace. The tag values are the service's own (a cable id, a parcel id or {@code none}/{@code unmapped},
 * a position in digits), so nothing needs escaping; absent fields are passed as NaN. A value may come with its text
 * as sent (a plain decimal InfluxDB reads as exactly that double, see {@code DecimalText.parseSimple}); it is then
 * written as it came ("15" for 15.0: the same float to InfluxDB), which saves formatting it again.
 */
public final class FiberLine {

    private FiberLine() {
    }

    /** Appends the line (no line break) to {@code b}. */
    public static StringBuilder append(StringBuilder b, long cableId, String parcelTag, double distanceM, double strainUe,
            double rawStrainUe, double temperatureC, double chainageM, long timeMs) {
        return append(b, cableId, parcelTag, distanceM, null, strainUe, rawStrainUe, null, temperatureC, null, chainageM, timeMs);
    }

    /** The same, with the texts of the values as sent (each null when not kept). */
    public static StringBuilder append(StringBuilder b, long cableId, String parcelTag, double distanceM, String distanceText,
            double strainUe, double rawStrainUe, String rawStrainText, double temperatureC, String temperatureText, double chainageM,
            long timeMs) {
        b.append(FiberSeries.MEASUREMENT).append(',').append(FiberSeries.TAG_CABLE).append('=').append(cableId)
                .append(',').append(FiberSeries.TAG_PARCEL).append('=').append(parcelTag)
                .append(',').append(FiberSeries.TAG_POSITION).append('=');
        FiberSeries.appendPositionTag(b, distanceM);
        field(b, ' ', FiberSeries.FIELD_STRAIN, strainUe, null);
        optional(b, FiberSeries.FIELD_RAW_STRAIN, rawStrainUe, rawStrainText);
        optional(b, FiberSeries.FIELD_TEMPERATURE, temperatureC, temperatureText);
        field(b, ',', FiberSeries.FIELD_DISTANCE, distanceM, distanceText);
        optional(b, FiberSeries.FIELD_CHAINAGE, chainageM, null);
        return b.append(' ').append(timeMs);
    }

    private static void optional(StringBuilder b, String name, double v, String text) {
        if (!Double.isNaN(v)) {
            field(b, ',', name, v, text);
        }
    }

    private static void field(StringBuilder b, char separator, String name, double v, String text) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("field " + name + " is not finite");
        }
        b.append(separator).append(name).append('=');
        if (text != null) {
            b.append(text);
        } else {
            DecimalText.append(b, v);
        }
    }
}
