package fi.tilannekuva.job;

import fi.tilannekuva.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Airflow DAG file's structure, checked by {@code src/test/python/dag_structure_test.py} against a stand-in of
 * the Airflow names it imports: the scheduled DAG only refreshes, and publishing waits for a person who triggers
 * the publish DAG with the quarter and their name.
 */
class AirflowDagTest {

    @Test
    void publishingWaitsForAPerson() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", "src/test/python/dag_structure_test.py",
                "jobs/schedules/tilannekuva_quarterly_dag.py").directory(TestPaths.project().toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            assertTrue(System.getenv("CI") == null, "CI must have python3 for the DAG structure test");
            Assumptions.abort("no python3 on the PATH: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Ran 3 tests"), out);
    }
}
