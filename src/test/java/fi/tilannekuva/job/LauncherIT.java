package fi.tilannekuva.job;

import fi.tilannekuva.TestPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** {@code jobs/tilannekuva --help} with {@code TILANNEKUVA_JAVA_OPTS=options}: its exit code and output. */
    private static Launch launch(String options) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", TestPaths.project().resolve("jobs/tilannekuva").toString(),
                "--help").redirectErrorStream(true);
        // Without SPARK_HOME: the launcher's own JVM, not spark-submit; without a conf overlay the launcher would add.
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("TILANNEKUVA_CONF_FILE");
        pb.environment().put("TILANNEKUVA_JAVA_OPTS", options);
        pb.environment().put("TILANNEKUVA_TMP", TestPaths.project().resolve("target/tmp").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not end within 60 s: " + out);
        }
        return new Launch(p.exitValue(), out);
    }
}
