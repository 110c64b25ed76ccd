package com.goafwatch.fiber;

/** A stretch of the mapped route, in chainage metres, that lies inside one parcel. */
public record ParcelSpan(double chainageFromM, double chainageToM, long parcelId) {

    boolean contains(double chainageM) {
        return chainageM >= chainageFromM && chainageM <= chainageToM;
    }
}
