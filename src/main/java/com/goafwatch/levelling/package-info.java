/**
 * Levelling runs from digital-level raw files (Leica GSI-8/GSI-16, Trimble DiNi M5): set-ups assembled from
 * the readings, heights carried from a benchmark, the misclosure checked against the tolerance of the
 * levelling order (GB/T 12897-2006, GB/T 12898-2009) and distributed, marker heights stored as settlement
 * readings. Readers and arithmetic are pure; the service and repository do the I/O.
 */
package com.goafwatch.levelling;
