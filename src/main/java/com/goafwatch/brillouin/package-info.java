/**
 * Brillouin (BOTDA/BOTDR) fiber data: per-cable strain and temperature coefficients and reference traces
 * of the Brillouin frequency shift, kept as append-only history, and the conversion of a measured shift
 * into temperature-compensated strain. Knows nothing of HTTP or InfluxDB except in its controller.
 */
package com.goafwatch.brillouin;
