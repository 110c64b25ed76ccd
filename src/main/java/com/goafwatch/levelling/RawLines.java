package com.goafwatch.levelling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The non-blank lines of a raw file with their 1-based numbers, at most {@code goafwatch.levelling.max-lines} of them. */
final class RawLines {

    interface Handler {
        void line(long number, String text);
    }

    private RawLines() {
    }

    static void each(BufferedReader in, LevellingProperties limits, RawFileErrors errors, Handler handler) {
        long line = 0;
        try {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                if (++line > limits.maxLines()) {
                    errors.add(line, "more than " + limits.maxLines() + " lines (goafwatch.levelling.max-lines)");
                    return;
                }
                if (!text.isBlank()) {
                    handler.line(line, text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
