package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a /write body is split into lanes: every line exactly once, a series (its key found here by a reference split
 * written independently, on characters) always in one lane, each lane in the body's order, escaped spaces and commas
 * part of the key.
 */
class SpoolLanesTest {

    /** The series key as the line-protocol reference defines it: up to the first space no backslash escapes. */
    private static String referenceKey(String line) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                break;
            }
            key.append(c);
            if (c == '\\' && i + 1 < line.length()) {
                key.append(line.charAt(++i));
            }
        }
        return key.toString();
    }

    /** Lines with escaped spaces, commas and equals signs in measurement and tags, repeated series, non-ASCII text. */
    private static List<String> lines(int count, long seed) {
        String[] measurements = {"fiber_strain", "sensor\\ reading", "m\\,x", "Süd"};
        String[] values = {"a", "a\\ b", "a\\ c", "a\\,b", "x\\=y", "é\\ ü", "a\\\\", "p7"};
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = measurements[random.nextInt(measurements.length)] + ",cable=" + values[random.nextInt(values.length)]
                    + ",pos=" + random.nextInt(40) + " v=" + i + ",s=\"x y\" " + (1_700_000_000_000L + random.nextInt(3));
            lines.add(line);
        }
        return lines;
    }

    @Test
    void theKeyEndsAtTheFirstUnescapedSpace() {
        for (String line : lines(2_000, 7)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            String key = new String(bytes, 0, SpoolLanes.seriesKeyEnd(bytes, 0, bytes.length), StandardCharsets.UTF_8);
            assertThat(key).as(line).isEqualTo(referenceKey(line));
        }
        byte[] noSpace = "m,t=a\\".getBytes(StandardCharsets.UTF_8); // a trailing backslash ends the line, not more
        assertThat(SpoolLanes.seriesKeyEnd(noSpace, 0, noSpace.length)).isEqualTo(noSpace.length);
    }

    @ParameterizedTest(name = "{0} lane(s)")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void everyLineOnceASeriesInOneLaneInTheBodysOrder(int laneCount) {
        List<String> input = lines(3_000, laneCount);
        List<SpoolLanes.Lane> lanes = SpoolLanes.split(body(input), body(input).length, laneCount);

        Map<String, Integer> laneOfKey = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            SpoolLanes.Lane l = lanes.get(lane);
            String text = new String(l.bytes(), 0, l.length(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            List<String> laneLines = text.lines().toList();
            assertThat(laneLines).hasSize(l.lines());
            // in the body's order: a subsequence of the input (each line is unique: it holds its index)
            Set<String> inLane = new HashSet<>(laneLines);
            assertThat(input.stream().filter(inLane::contains).toList()).isEqualTo(laneLines);
            for (String line : laneLines) {
                Integer before = laneOfKey.put(referenceKey(line), lane);
                assertThat(before == null || before == lane).as("series %s in one lane", referenceKey(line)).isTrue();
            }
            all.addAll(laneLines);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(input);
        assertThat(lanes).as("lanes used by %d series", laneOfKey.size()).hasSize(laneCount);
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {2, 4})
    void fiberSeriesSpreadEvenly(int laneCount) {
        List<String> input = new ArrayList<>();
        for (int pos = 0; pos < 10_000; pos++) {
            input.add("fiber_strain,cable=C-0001,parcel=P-0007,pos=" + pos + " distance_m=" + pos + ",strain_ue=1.5 1700000000000");
        }
        byte[] body = body(input);
        for (SpoolLanes.Lane lane : SpoolLanes.split(body, body.length, laneCount)) {
            assertThat(lane.lines()).isBetween(10_000 / laneCount * 8 / 10, 10_000 / laneCount * 12 / 10);
        }
    }

    @Test
    void aLastLineWithoutLineBreakGetsOneAndEmptyLinesAreDropped() {
        byte[] body = "a v=1 1\n\n\nb v=2 2".getBytes(StandardCharsets.UTF_8);
        List<SpoolLanes.Lane> lanes = SpoolLanes.split(body, body.length, 1);
        assertThat(lanes).hasSize(1);
        assertThat(new String(lanes.get(0).bytes(), 0, lanes.get(0).length(), StandardCharsets.UTF_8)).isEqualTo("a v=1 1\nb v=2 2\n");
        assertThat(lanes.get(0).lines()).isEqualTo(2);
        assertThat(SpoolLanes.split(new byte[10], 0, 3)).isEmpty();
    }

    private static byte[] body(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
