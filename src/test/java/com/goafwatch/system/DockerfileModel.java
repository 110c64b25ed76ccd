package com.goafwatch.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The last (run) stage of a Dockerfile, read as Docker would: continuation lines joined, comments
 * dropped, one instruction per line. Enough of the grammar to check what the image will contain; not a
 * full parser (no ARG substitution, no heredocs).
 */
record DockerfileModel(String from, String workdir, String user, Map<String, String> env, Set<String> aptPackages,
        List<String> runs, List<String> copies, List<String> volumes, List<String> exposed, String healthcheck) {

    static DockerfileModel read(Path file) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.startsWith("#") || t.isEmpty()) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(t).toString());
            current.setLength(0);
        }
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        String from = argument(instructions.get(lastFrom)).split("\\s+")[0];
        String workdir = "/";
        String user = "root";
        String healthcheck = null;
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> packages = new LinkedHashSet<>();
        List<String> runs = new ArrayList<>();
        List<String> copies = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        for (String instruction : instructions.subList(lastFrom + 1, instructions.size())) {
            String arg = argument(instruction);
            switch (keyword(instruction)) {
                case "WORKDIR" -> workdir = arg;
                case "USER" -> user = arg;
                case "ENV" -> env.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                case "RUN" -> {
                    runs.add(arg);
                    packages.addAll(aptInstalls(arg));
                }
                case "COPY" -> copies.add(arg);
                case "VOLUME" -> volumes.addAll(List.of(arg.replaceAll("[\\[\\]\",]", " ").strip().split("\\s+")));
                case "EXPOSE" -> exposed.addAll(List.of(arg.split("\\s+")));
                case "HEALTHCHECK" -> healthcheck = arg;
                default -> { }
            }
        }
        return new DockerfileModel(from, workdir, user, env, packages, runs, copies, volumes, exposed, healthcheck);
    }

    /** Packages named after {@code apt-get install}, options skipped, up to the end of that command. */
    private static List<String> aptInstalls(String run) {
        List<String> names = new ArrayList<>();
        for (String command : run.split("&&|;")) {
            String[] words = command.strip().split("\\s+");
            int install = List.of(words).indexOf("install");
            if (install < 0 || !String.join(" ", words).contains("apt-get")) {
                continue;
            }
            for (int i = install + 1; i < words.length; i++) {
                if (!words[i].startsWith("-")) {
                    names.add(words[i]);
                }
            }
        }
        return names;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static String argument(String instruction) {
        String[] parts = instruction.split("\\s+", 2);
        return parts.length < 2 ? "" : parts[1].strip();
    }
}
