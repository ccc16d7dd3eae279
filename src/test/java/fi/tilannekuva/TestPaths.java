package fi.tilannekuva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the project and its reference data are, from the test JVM. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path project() {
        String dir = System.getProperty("tilannekuva.project.dir");
        return Path.of(dir == null ? "." : dir).toAbsolutePath().normalize();
    }

    /** {@code reference-data/}: Statistics Finland's and THL's real reference data (see its PROVENANCE.md). */
    public static Path reference() {
        return project().resolve("reference-data");
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path samples() {
        return project().resolve("data-samples");
    }

    /**
     * An input root at {@code input} with a copy of the sample's population, municipality keys and Avohilmo visits:
     * the whole visit pipeline in about a minute, and files a test may change.
     */
    public static Path visitsOnlySample(Path input) throws IOException {
        for (String dir : List.of("reference", "visits")) {
            Files.createDirectories(input.resolve(dir));
            try (Stream<Path> files = Files.list(samples().resolve(dir))) {
                for (Path f : files.toList()) {
                    Files.copy(f, input.resolve(dir).resolve(f.getFileName()));
                }
            }
        }
        return input;
    }
}
