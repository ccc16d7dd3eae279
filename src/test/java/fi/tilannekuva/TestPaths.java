package fi.tilannekuva;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and the shared reference data are, from the test JVM. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path project() {
        String dir = System.getProperty("tilannekuva.project.dir");
        return Path.of(dir == null ? "." : dir).toAbsolutePath().normalize();
    }

    /** {@code ../shared/reference}: real reference data, read by tests only, never by the product. */
    public static Path reference() {
        Path p = project().getParent().resolve("shared").resolve("reference");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("the shared reference data is expected beside the project at " + p);
        }
        return p;
    }

    public static Path samples() {
        return project().resolve("data-samples");
    }
}
