package com.goafwatch.timeseries;

/** Published when spool batch {@code sequence} (and so every earlier one) is in InfluxDB. */
public record BatchWritten(long sequence) {
}
