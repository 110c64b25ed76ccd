package com.goafwatch.fiber;

/** A cable's route, calibration or parcel intervals changed; cached layouts must be reloaded. */
record CableLayoutChanged(long cableId) {
}
