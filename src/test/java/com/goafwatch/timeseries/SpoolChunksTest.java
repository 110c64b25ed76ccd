package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a batch file is cut into /write bodies: even parts of about linesPerWrite lines, every byte sent once, in order. */
class SpoolChunksTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} lines at {1} per write: {2}")
    @CsvSource(delimiter = '|', value = {
            "0     | 100 | ''",
            "1     | 100 | 1",
            "100   | 100 | 100",
            "149   | 100 | 149",            // a small remainder rides along instead of costing a write of its own
            "150   | 100 | 75 75",          // 1.5 rounds to 2 parts
            "10030 | 10000 | 10030",        // one request's samples and its rollups: one write
            "25000 | 10000 | 8334 8334 8332", // 2.5 rounds to 3 parts
            "35000 | 10000 | 8750 8750 8750 8750",
            "7     | 100 | 7"})
    void partsAndTheirLines(int lines, int linesPerWrite, String expectedParts) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("m,t=").append(i).append(" v=").append(i).append(".5 ").append(i).append('\n');
        }
        Path batch = Files.writeString(dir.resolve("b.lp"), text);
        List<Integer> parts = new ArrayList<>();
        StringBuilder sent = new StringBuilder();
        SpoolChunks.forEach(batch, linesPerWrite, (body, length, n) -> {
            String part = new String(body, 0, length, StandardCharsets.UTF_8);
            assertThat(part.chars().filter(c -> c == '\n').count()).isEqualTo(n);
            parts.add(n);
            sent.append(part);
        });
        assertThat(String.join(" ", parts.stream().map(String::valueOf).toList())).isEqualTo(expectedParts);
        assertThat(sent.toString()).isEqualTo(text.toString());
    }

    @ParameterizedTest(name = "a last line without a line break is sent too: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"y v=2 2", "z"})
    void unterminatedLastLine(String lastLine) throws IOException {
        Path batch = Files.writeString(dir.resolve("u.lp"), "x v=1 1\n" + lastLine);
        List<Integer> parts = new ArrayList<>();
        StringBuilder sent = new StringBuilder();
        SpoolChunks.forEach(batch, 100, (body, length, n) -> {
            parts.add(n);
            sent.append(new String(body, 0, length, StandardCharsets.UTF_8));
        });
        assertThat(parts).containsExactly(2);
        assertThat(sent.toString()).isEqualTo("x v=1 1\n" + lastLine);
    }
}
