package fi.tilannekuva.gold;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison the gold stage hands on to the picture: the table as its one commit left it, not read back. */
class GoldStageTest {

    private static final StructType FIGURES = StructType.fromDDL(
            "period STRING, area_code STRING, measure_id STRING, numerator DOUBLE, value DOUBLE, source STRING");
    private static final AppConfig CONFIG = ConfigLoader.load(null);

    @Test
    void theComparisonLeftIsTheTableCommittedWhetherItChangedOrNot() throws Exception {
        Warehouse warehouse = emptyWarehouse();
        // The first refresh writes 2025Q3 of two sources; nothing was there before.
        GoldStage first = withContacts(warehouse, "refresh-1", "2025Q3", 12, 3);
        first.addComparison("traffic", Slice.where("period", "2025Q3"), trafficFigures("2025Q3", 40));
        assertTrue(first.writeComparison());
        assertSameRows(warehouse, first.comparisonNow().orElseThrow(), 4);

        // The second writes 2025Q4 of one source: 2025Q3's rows stay, its own are added to them.
        GoldStage second = withContacts(warehouse, "refresh-2", "2025Q4", 15, 5);
        assertTrue(second.writeComparison());
        assertSameRows(warehouse, second.comparisonNow().orElseThrow(), 6);

        // The third computes the same rows again: nothing is committed, and the table is as it was.
        GoldStage third = withContacts(warehouse, "refresh-3", "2025Q4", 15, 5);
        assertFalse(third.writeComparison());
        assertSameRows(warehouse, third.comparisonNow().orElseThrow(), 6);
    }

    @Test
    void aTableOfAnEarlierVersionLeavesItsRowsWithTheColumnsItLackedEmpty() throws Exception {
        Warehouse warehouse = emptyWarehouse();
        // The table as an earlier version wrote it, without the newest column: the next commit adds it.
        assertTrue(withContacts(warehouse, "refresh-1", "2025Q3", 12, 3).writeComparison());
        String newest = ComparisonTable.SCHEMA.names().get(ComparisonTable.SCHEMA.names().size() - 1);
        Dataset<Row> rows = warehouse.read(Layer.GOLD, ComparisonTable.TABLE).drop(newest);
        // Collected first: the table is overwritten with its own rows.
        TestSpark.session().createDataFrame(rows.collectAsList(), rows.schema()).write().format("delta")
                .mode("overwrite").option("overwriteSchema", "true")
                .save(warehouse.location(Layer.GOLD, ComparisonTable.TABLE));

        GoldStage upgraded = withContacts(warehouse, "refresh-2", "2025Q4", 15, 5);
        assertTrue(upgraded.writeComparison());
        assertSameRows(warehouse, upgraded.comparisonNow().orElseThrow(), 4);
    }

    @Test
    void withoutRowsToWriteTheComparisonIsReadAndWithoutATableThereIsNone() throws Exception {
        GoldStage none = stage(emptyWarehouse(), "refresh-1");
        assertFalse(none.writeComparison());
        assertTrue(none.comparisonNow().isEmpty());
    }

    private static Warehouse emptyWarehouse() throws IOException {
        return new Warehouse(TestSpark.session(), Files.createTempDirectory(TestSpark.target(), "gold-stage"));
    }

    private static GoldStage stage(Warehouse warehouse, String runId) {
        return new GoldStage(TestSpark.session(), warehouse, CONFIG,
                new RunContext(runId, "refresh", Instant.now(), "test"), new ArrayList<>(), new HashMap<>());
    }

    /** A refresh's gold stage holding the contacts of {@code quarter}: the country's and area 01's. */
    private static GoldStage withContacts(Warehouse warehouse, String runId, String quarter, double country,
                                          double area) {
        GoldStage stage = stage(warehouse, runId);
        stage.addComparison("avohilmo", Slice.where("period", quarter),
                figures(row(quarter, "SSS", country), row(quarter, "01", area)));
        return stage;
    }

    private static Row row(String period, String area, double contacts) {
        return RowFactory.create(period, area, "oab_any_contacts", contacts, contacts, "avohilmo");
    }

    private static Dataset<Row> figures(Row... rows) {
        return TestComparisonRows.base(TestSpark.session().createDataFrame(List.of(rows), FIGURES));
    }

    private static Dataset<Row> trafficFigures(String period, double visits) {
        String measure = CONFIG.catalogue().measures().stream().filter(m -> m.source().equals("traffic"))
                .findFirst().orElseThrow().id();
        return figures(RowFactory.create(period, "SSS", measure, visits, visits, "traffic"),
                RowFactory.create(period, "01", measure, visits / 4, visits / 4, "traffic"));
    }

    /** {@code left} holds the rows the table holds, as many as {@code expected}, every column alike. */
    private static void assertSameRows(Warehouse warehouse, Dataset<Row> left, int expected) {
        Dataset<Row> table = warehouse.read(Layer.GOLD, ComparisonTable.TABLE);
        List<String> committed = sorted(table);
        assertEquals(expected, committed.size());
        assertEquals(committed, sorted(left.select(Arrays.stream(table.columns()).map(c -> col(c))
                .toArray(Column[]::new))));
    }

    /** The rows as text, in order: the same multiset of rows gives the same list. */
    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
