package com.goafwatch.levelling;

/**
 * One staff reading as recorded by a digital level.
 *
 * @param line      1-based line of the raw file, for messages
 * @param point     point code (benchmark, turning point or settlement marker)
 * @param sight     backsight, foresight or intermediate sight
 * @param readingM  staff reading, metres
 * @param distanceM horizontal distance instrument → staff, metres (NaN when the file has none)
 */
public record Observation(long line, String point, Sight sight, double readingM, double distanceM) {

    /** Backsight (B), foresight (F) or intermediate sight (I, a side shot from the set-up). */
    public enum Sight {
        BACK, FORE, INTERMEDIATE
    }
}
