package com.goafwatch.geo;

/**
 * Why one feature of a batch was refused.
 *
 * @param index 0-based position in the FeatureCollection's {@code features}
 * @param code  the feature's {@code code} property when it had one
 */
public record FeatureError(int index, String code, String reason) {
}
