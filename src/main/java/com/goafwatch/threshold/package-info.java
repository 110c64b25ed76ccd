/**
 * Deformation threshold rules per project, phase or parcel (the most specific wins), with several warning
 * levels in one rule (blue &lt; yellow &lt; orange &lt; red), hysteresis, pending periods, no-data handling
 * and spike filtering; and the baselines cumulative metrics are measured from.
 */
package com.goafwatch.threshold;
