package fi.tilannekuva.publish;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A publish killed after any one of its table commits: the rerun completes the same release with one copy of every
 * row, and no reader sees the unrecorded release in between (the release exists once its publications row does).
 */
@Tag("slow")
class InterruptedPublishTest {

    /** Tables copied at the same time, as {@code tilannekuva.spark.parallel-sources} has it by default. */
    private static final int PARALLEL = 4;

    /** What a kill at that point looks like to the code: the publish stops and never records its release. */
    private static final class Killed extends RuntimeException {
        Killed(String table) {
            super("killed after " + table);
        }
    }

    @Test
    void aRerunCompletesTheReleaseWithOneCopyOfEveryRow() throws IOException {
        Path copy = TestSpark.target().resolve("interrupted-publish");
        TestPaths.deleteRecursively(copy);
        copyTree(SampleRun.get().warehouse(), copy);
        // The copy without any release: the sample run's publish is done again, interrupted.
        try (Stream<Path> s = Files.list(copy.resolve("gold"))) {
            for (Path t : s.filter(p -> p.getFileName().toString().endsWith(Publications.SUFFIX)
                    || p.getFileName().toString().equals(Publications.TABLE)).toList()) {
                TestPaths.deleteRecursively(t);
            }
        }
        Warehouse warehouse = new Warehouse(TestSpark.session(), copy);
        Quarter q = Quarter.parse(SampleRun.QUARTER);
        List<String> tables = Publications.tables();
        // Killed after the first table's commit, then (rerun) after a middle one's, then after the last one's, the
        // publications row not yet written. Every table goes through the same commit, four at a time as publish runs
        // with the packaged configuration: a kill leaves the tables whose copies had started committed and the others
        // not, so these three are every kind of state it can leave: the first few tables of the release, about half,
        // all of them (each a publish of its own).
        for (int k : List.of(0, tables.size() / 2, tables.size() - 1)) {
            String killAt = tables.get(k);
            Publications dying = new Publications(TestSpark.session(), warehouse, PARALLEL, table -> {
                if (table.equals(killAt)) {
                    throw new Killed(table);
                }
            });
            assertThrows(Killed.class, () -> dying.publish(q, RunContext.start("publish"), "digest"));
            assertFalse(warehouse.exists(Layer.GOLD, Publications.TABLE), "no release recorded after a kill");
            assertEquals(List.of(), new Publications(TestSpark.session(), warehouse).latestRelease(q.toString())
                    .stream().toList(), "readers see no release");
        }
        Publications.Outcome done = new Publications(TestSpark.session(), warehouse, PARALLEL)
                .publish(q, RunContext.start("publish"), "digest");
        assertEquals("2025Q4-r1", done.releaseId());
        for (String table : tables) {
            Dataset<Row> published = warehouse.read(Layer.GOLD, table + Publications.SUFFIX);
            long rows = published.count();
            assertEquals(done.rows().get(table), rows, table + ": every row of the release once");
            assertEquals(rows, published.where(col(Publications.RELEASE_ID).equalTo("2025Q4-r1")).count(), table);
            assertEquals(rows, published.distinct().count(), table + ": no row twice");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
