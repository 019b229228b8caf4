package io.siban;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layout's rules, checked on the sources: packages depend on each other without a circle (a
 * feature's {@code dto} package counted as part of the feature), a long
 * file says at its top why it is long, and nothing blocks an event loop with {@code .await()}.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.siban[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.siban(?:\\.[a-z]\\w*)+)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.siban(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    static final int LONG_FILE = 300;
    /** What a file over {@link #LONG_FILE} lines writes in its top comment, followed by its reason. */
    static final String LONG_BECAUSE = "Long because";

    private static final Map<Path, String> FILES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                FILES.put(path, Files.readString(path));
            }
        }
    }

    @Test
    void packagesDependOnEachOtherWithoutACircle() {
        Map<String, Set<String>> uses = new TreeMap<>();
        FILES.forEach((path, text) -> {
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find()) {
                return;
            }
            String from = feature(declared.group(1));
            Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
            for (Pattern reference : List.of(IMPORT, QUALIFIED)) {
                Matcher used = reference.matcher(text);
                while (used.find()) {
                    String to = feature(used.group(1));
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            }
        });
        assertEquals(List.of(), circles(uses), "package circles (each listed from its first package back to it)");
    }

    @Test
    void aLongFileSaysWhy() {
        List<String> unexplained = new ArrayList<>();
        FILES.forEach((path, text) -> {
            long lines = text.lines().count();
            int body = Math.max(0, text.indexOf("\npublic "));
            if (lines > LONG_FILE && !text.substring(0, body).contains(LONG_BECAUSE)) {
                unexplained.add(SOURCES.relativize(path) + " (" + lines + " lines)");
            }
        });
        assertEquals(List.of(), unexplained, "files over " + LONG_FILE + " lines whose top comment gives no '" + LONG_BECAUSE + "'");
    }

    @Test
    void nothingAwaitsOutsideTests() {
        List<String> blocking = new ArrayList<>();
        FILES.forEach((path, text) -> {
            if (text.contains(".await()")) {
                blocking.add(SOURCES.relativize(path).toString());
            }
        });
        assertEquals(List.of(), blocking, "main code blocking on a Uni");
    }

    /** A feature's {@code dto} package is a layer of the feature (its records name the feature's enums). */
    static String feature(String pkg) {
        return pkg.endsWith(".dto") ? pkg.substring(0, pkg.length() - ".dto".length()) : pkg;
    }

    /** Each elementary circle found by a depth-first walk, once, starting from its smallest package. */
    static List<List<String>> circles(Map<String, Set<String>> uses) {
        List<List<String>> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : uses.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            walk(start, start, uses, path, new HashSet<>(), found, seen);
        }
        return found;
    }

    private static void walk(String start, String at, Map<String, Set<String>> uses, Deque<String> path, Set<String> onPath,
                             List<List<String>> found, Set<String> seen) {
        path.addLast(at);
        onPath.add(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> circle = new ArrayList<>(path);
                if (circle.stream().allMatch(p -> p.compareTo(start) >= 0) && seen.add(String.join(">", circle))) {
                    circle.add(start);
                    found.add(circle);
                }
            } else if (next.compareTo(start) > 0 && !onPath.contains(next) && found.size() < 50) {
                walk(start, next, uses, path, onPath, found, seen);
            }
        }
        path.removeLast();
        onPath.remove(at);
    }

    @Test
    void theCircleFinderFindsACircle() {
        Map<String, Set<String>> uses = new HashMap<>();
        uses.put("a", Set.of("b"));
        uses.put("b", Set.of("c"));
        uses.put("c", Set.of("a", "d"));
        uses.put("d", Set.of());
        assertEquals(List.of(List.of("a", "b", "c", "a")), circles(uses));
    }
}
