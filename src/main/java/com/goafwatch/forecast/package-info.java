/**
 * Settlement forecasts from levelling series: the hyperbolic, Asaoka and Knothe (exponential) models fitted to a
 * marker's daily means, the final and residual settlement, and the date the project's stability criterion (rate over
 * the last N days) is expected to be met, with a band from the fit's parameter uncertainty. Pure domain code here;
 * {@link com.goafwatch.forecast.ForecastService} reads the series from InfluxDB.
 */
package com.goafwatch.forecast;
