package fi.tilannekuva.job;

import fi.tilannekuva.TestPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jobs/tilannekuva} as a scheduler runs it: after {@code package}, on the built jar, Spark in its own JVM. */
class LauncherIT {

    private record Launch(int exit, String out) {
    }

    @Test
    void theLauncherRunsTheThroughputCollectorUnlessTheOptionsChooseOne() throws Exception {
        // The JVM prints the flags it runs with (-XX:+PrintCommandLineFlags), its collector among them.
        Launch chosen = launch("-Xmx512m -XX:+PrintCommandLineFlags");
        assertEquals(0, chosen.exit(), chosen.out());
        assertTrue(chosen.out().contains("-XX:+UseParallelGC"), chosen.out());
        // A collector of the user's own is kept and not contradicted: given two, the JVM would not start.
        Launch own = launch("-Xmx512m -XX:+UseSerialGC -XX:+PrintCommandLineFlags");
        assertEquals(0, own.exit(), own.out());
        assertTrue(own.out().contains("-XX:+UseSerialGC"), own.out());
        assertFalse(own.out().contains("-XX:+UseParallelGC"), own.out());
    }

    @Test
    void aRefreshStartsOnTheQuickCompilerAloneAndIsStartedAgainWithBothWhenItsDataNeedThem() throws Exception {
        Path root = TestPaths.project().resolve("target/launcher-compilers");
        TestPaths.deleteRecursively(root);
        // An input root of municipality keys alone: a load-only refresh of a few seconds.
        Path input = Files.createDirectories(root.resolve("input/reference"));
        Files.copy(TestPaths.samples().resolve("reference/municipalities_2025.csv"),
                input.resolve("municipalities_2025.csv"));
        Path zero = Files.writeString(root.resolve("zero.conf"), "tilannekuva.spark.optimising-compiler-from = 0\n");

        Launch again = launch(null, "refresh", "--quarter", "2025Q4", "--load-only", "--input", input.getParent()
                .toString(), "--warehouse", root.resolve("warehouse-again").toString(), "--conf-file", zero.toString());
        assertEquals(0, again.exit(), again.out());
        // The first JVM ran the quick compiler alone (a JVM with both is never stopped) and stopped before Spark; the
        // one started again has both: it neither stops nor says it runs the quick one.
        String stop = "of input files and silver tables need the JVM's optimising compiler (from 0.0 MiB";
        assertEquals(1, again.out().split(java.util.regex.Pattern.quote(stop), -1).length - 1, again.out());
        assertFalse(again.out().contains("the JVM's quick compiler alone"), again.out());
        assertTrue(again.out().contains("gold tables left as they were (--load-only)"), again.out());
    }

    @Test
    void aRefreshThatFailsLeavesNoClassArchiveForTheRunsAfterIt() throws Exception {
        // The first refresh after a build writes the class archive later runs map. One stopped by a wrong argument
        // archived the few classes it had loaded, and every run until the next build started from that archive.
        Path archive = TestPaths.project().resolve("target/tilannekuva.jsa");
        // As after a build; the next refresh through the launcher writes it again.
        Files.deleteIfExists(archive);
        Launch wrong = launch(null, true, "refresh", "--quarter", "2025Q9");
        assertEquals(2, wrong.exit(), wrong.out());
        assertTrue(wrong.out().contains("'2025Q9' is not a quarter"), wrong.out());
        assertFalse(Files.exists(archive), "a failed refresh left " + archive);
    }

    /** {@code jobs/tilannekuva --help} with {@code TILANNEKUVA_JAVA_OPTS=options}: its exit code and output. */
    private static Launch launch(String options) throws IOException, InterruptedException {
        return launch(options, "--help");
    }

    /** {@code jobs/tilannekuva args}, with {@code TILANNEKUVA_JAVA_OPTS=options} unless null. */
    private static Launch launch(String options, String... args) throws IOException, InterruptedException {
        return launch(options, false, args);
    }

    /**
     * {@code jobs/tilannekuva args}, with {@code TILANNEKUVA_JAVA_OPTS=options} unless null; {@code classArchive}: as
     * a user runs it, with the class archive (written by the first refresh after a build).
     */
    private static Launch launch(String options, boolean classArchive, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", TestPaths.project().resolve("jobs/tilannekuva")
                .toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Without SPARK_HOME: the launcher's own JVM, not spark-submit; without a conf overlay the launcher would add.
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("TILANNEKUVA_CONF_FILE");
        pb.environment().remove("TILANNEKUVA_JAVA_OPTS");
        if (options != null) {
            pb.environment().put("TILANNEKUVA_JAVA_OPTS", options);
        }
        pb.environment().put("TILANNEKUVA_TMP", TestPaths.project().resolve("target/tmp").toString());
        if (classArchive) {
            pb.environment().remove("TILANNEKUVA_CDS");
        } else {
            // Writing the class archive (the first refresh after a build) would add about ten seconds.
            pb.environment().put("TILANNEKUVA_CDS", "off");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not end within 120 s: " + out);
        }
        return new Launch(p.exitValue(), out);
    }
}
