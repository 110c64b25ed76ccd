package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.util.function.Consumer;

/** Streams the samples of one interrogator export, reporting rows it cannot read to {@link RowErrors}. */
interface TraceReader {

    void read(BufferedReader in, Timestamps timestamps, Consumer<FiberSample> samples, RowErrors errors);
}
