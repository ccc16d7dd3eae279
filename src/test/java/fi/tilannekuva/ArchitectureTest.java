package fi.tilannekuva;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Imports flow one way: launchers → serving → the picture (the list of sources, and the tables across them) →
 * sources (each one room: inputs, rules, typing, its gold figures and samples) → the gold tables every source writes
 * through (comparison, disclosure, denominators, the gold stage) → warehouse and quality → methods, areas, periods
 * and input files → configuration values. A package may use its own layer and those below, never one
 * above, and packages never form a cycle. Read from the source files' references to {@code fi.tilannekuva.<package>}
 * (imports and fully qualified names alike); a subpackage counts as its top package ({@code source.avohilmo} is
 * {@code source}).
 */
class ArchitectureTest {

    /** Each top package's layer, lowest first; a new package must be placed here. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("config", 0),
            Map.entry("input", 1), Map.entry("area", 1), Map.entry("period", 1), Map.entry("method", 1),
            Map.entry("warehouse", 2), Map.entry("quality", 2),
            Map.entry("gold", 3),
            Map.entry("source", 4),
            Map.entry("picture", 5),
            Map.entry("publish", 6), Map.entry("report", 6), Map.entry("samples", 6),
            Map.entry("job", 7));

    private static final Pattern REFERENCE = Pattern.compile("\\bfi\\.tilannekuva\\.([a-z]+)\\.");

    @Test
    void importsFlowDownTheLayersWithoutCycles() {
        Map<String, Set<String>> uses = packageGraph(TestPaths.project().resolve("src/main/java/fi/tilannekuva"));
        assertEquals(LAYERS.keySet(), new TreeSet<>(uses.keySet()), "every package has a layer in LAYERS");
        assertEquals(List.of(), violations(uses, LAYERS));
    }

    /**
     * The formulas are plain Java, each written once: a Spark column expression in {@code method} would be a second
     * copy of a formula (the figures are computed from collected counts, never as columns).
     */
    @Test
    void theFormulasAreWrittenOnceInPlainJava() throws IOException {
        List<String> withSpark = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TestPaths.project().resolve("src/main/java/fi/tilannekuva/method"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (Files.readString(f).contains("org.apache.spark")) {
                    withSpark.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), withSpark);
    }

    @Test
    void theCheckFindsAnUpwardImportAndACycle() {
        // config (0) using area (1) runs up; quality and warehouse (both 2) using each other are a cycle.
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("config", Set.of("area"), "area", Set.of(),
                "quality", Set.of("warehouse"), "warehouse", Set.of("quality")));
        Map<String, Integer> layers = Map.of("config", 0, "area", 1, "quality", 2, "warehouse", 2);
        assertEquals(List.of("config (layer 0) uses area (layer 1)", "packages form a cycle: quality -> warehouse -> quality"),
                violations(uses, layers));
    }

    /** Which top packages each top package refers to, from every source file below {@code root}. */
    static Map<String, Set<String>> packageGraph(Path root) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String own = root.relativize(f).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(own)) {
                        used.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Uses of a higher layer, then cycles (each once, from its smallest package). */
    static List<String> violations(Map<String, Set<String>> uses, Map<String, Integer> layers) {
        List<String> found = new ArrayList<>();
        uses.forEach((from, targets) -> targets.forEach(to -> {
            if (layers.getOrDefault(to, Integer.MAX_VALUE) > layers.getOrDefault(from, Integer.MAX_VALUE)) {
                found.add(from + " (layer " + layers.get(from) + ") uses " + to + " (layer " + layers.get(to) + ")");
            }
        }));
        Set<String> reported = new TreeSet<>();
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (cycle != null && reported.addAll(cycle) && cycle.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                found.add("packages form a cycle: " + String.join(" -> ", cycle) + " -> " + start);
            }
        }
        return found;
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                          Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                return path;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> cycle = cycleFrom(start, next, uses, path, seen);
                if (cycle != null) {
                    return cycle;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
