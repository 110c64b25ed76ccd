/**
 * Fiber-optic cables: routes (trench) or boreholes, the calibration from fiber distance to chainage,
 * and the locator that puts every fiber sample on its chainage and parcel. Strain is in microstrain
 * (µε), tension positive; chainage in metres along the mapped route (or depth below the borehole top).
 */
package com.goafwatch.fiber;
