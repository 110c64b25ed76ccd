package com.goafwatch.fiber;

/**
 * A stretch of fiber, in fiber-distance metres, whose samples fall in one parcel ({@code parcelId}
 * null: mapped onto the route but outside every parcel). Chainage runs from {@code chainageFromM} at
 * {@code fiberFromM} to {@code chainageToM} at {@code fiberToM} (it may run backwards on a turn-around).
 */
public record FiberInterval(double fiberFromM, double fiberToM, double chainageFromM, double chainageToM, Long parcelId) {
}
