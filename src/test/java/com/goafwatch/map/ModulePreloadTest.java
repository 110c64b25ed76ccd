package com.goafwatch.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The page's {@code <link rel="modulepreload">} list is its module graph: every module main.js imports, directly or
 * not, is preloaded (else it is fetched only once its importer has arrived, a level at a time, before the first
 * render), and nothing else is. The graph is read here from the import statements of the files themselves.
 */
class ModulePreloadTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern IMPORT = Pattern.compile("^import [^;]*? from '([^']+)';", Pattern.MULTILINE);
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");

    @Test
    void everyModuleOfThePageIsPreloadedAndNothingElse() throws Exception {
        Set<String> graph = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("/app/main.js");
        while (!todo.isEmpty()) {
            String module = todo.poll();
            if (!graph.add(module)) {
                continue;
            }
            Path file = STATIC.resolve(module.substring(1));
            assertThat(file).as(module).exists();
            if (module.startsWith("/vendor/")) {
                continue; // a bundle: its own chunks are not the page's
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String dep = m.group(1);
                todo.add(dep.startsWith("/") ? dep : Path.of(module).resolveSibling(dep).normalize().toString());
            }
        }
        graph.remove("/app/main.js"); // the page's own module script
        Set<String> preloaded = new LinkedHashSet<>();
        Matcher m = PRELOAD.matcher(Files.readString(STATIC.resolve("index.html")));
        while (m.find()) {
            preloaded.add(m.group(1));
        }
        assertThat(preloaded).containsExactlyInAnyOrderElementsOf(graph);
        assertThat(preloaded.iterator().next()).as("the largest module first").isEqualTo("/vendor/maplibre-gl/maplibre-gl.mjs");
    }
}
