package com.goafwatch.levelling;

import java.util.List;

/** The staff readings of one raw file in recording order, and the format they came in ({@code gsi8}, {@code gsi16}, {@code dini}). */
record RawRun(String format, List<Observation> observations) {
}
