package fi.tilannekuva.picture;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.MeasureKinds.Interval;
import fi.tilannekuva.config.MeasureKinds.Method;
import fi.tilannekuva.config.MeasureKinds.NeedsAdjustment;
import fi.tilannekuva.config.MeasureKinds.UpdateCycle;
import fi.tilannekuva.gold.TestComparisonRows;
import fi.tilannekuva.period.Quarter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FreshnessTest {

    private static final AppConfig.Label L = new AppConfig.Label("fi", "sv", "en");

    private static AppConfig.Measure measure(String id, String source, UpdateCycle cycle, int limit) {
        return new AppConfig.Measure(id, source, false, L, L, L, true, Method.CRUDE_RATE, Interval.POISSON, 1000, NeedsAdjustment.NONE, cycle, limit, 1);
    }

    @Test
    void noFigureIsStaleAndOnlyFundingLooksAYearAhead() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("period STRING, area_code STRING, measure_id STRING, numerator DOUBLE, value DOUBLE, suppressed BOOLEAN");
        Dataset<Row> comparison = spark.createDataFrame(List.of(
                RowFactory.create("2025Q4", "01", "visits", 958.0, 7.35, false),
                // 18 has a row without a figure (no tray): no data, as if it had no row at all.
                RowFactory.create("2025Q4", "18", "visits", null, null, false),
                RowFactory.create("2025Q1", "02", "visits", 40.0, 2.0, false),
                RowFactory.create("2024", "01", "mortality", 300.0, 3.0, false),
                // A mortality figure of 2026 cannot be the latest in 2025Q4; next year's funding can.
                RowFactory.create("2026", "01", "mortality", 310.0, 3.1, false),
                RowFactory.create("2026", "01", "funding", 5e8, 4000.0, false)), schema)
                .transform(TestComparisonRows::base);
        List<AppConfig.Measure> catalogue = List.of(measure("visits", "traffic", UpdateCycle.QUARTERLY, 6),
                measure("mortality", "sotkanet", UpdateCycle.YEARLY, 24), measure("funding", "funding", UpdateCycle.YEARLY, 24));
        List<Freshness.Load> loads = List.of(new Freshness.Load("traffic", null, Timestamp.valueOf("2026-01-10 09:00:00")));
        Map<String, Row> byCell = new HashMap<>();
        Freshness.SCHEMA.frame(spark, Freshness.compute(comparison.collectAsList(), catalogue, List.of("01", "02", "18", "SSS"),
                        new Quarter(2025, 4), loads, Map.of(), "run-1"))
                .collectAsList().forEach(r -> byCell.put(r.getAs("measure_id") + " " + r.getAs("area_code"), r));

        assertEquals(false, byCell.get("visits 01").getAs("stale"));
        assertEquals(0, byCell.get("visits 01").<Integer>getAs("age_months"));
        // 2025Q1 ended on 31 March: nine months before 31 December, above the limit of six.
        assertEquals(9, byCell.get("visits 02").<Integer>getAs("age_months"));
        assertEquals(true, byCell.get("visits 02").getAs("stale"));
        // No figure at all is the oldest there is: stale, with no age (it was 0 and fresh).
        for (String area : List.of("18", "SSS")) {
            assertNull(byCell.get("visits " + area).getAs("latest_period"));
            assertNull(byCell.get("visits " + area).getAs("age_months"));
            assertEquals(true, byCell.get("visits " + area).getAs("stale"), area);
        }
        // Mortality of 2026 is not used in 2025Q4: the latest is 2024, twelve months old.
        assertEquals("2024", byCell.get("mortality 01").getAs("latest_period"));
        assertEquals(12, byCell.get("mortality 01").<Integer>getAs("age_months"));
        // The funding of 2026 is set in the autumn of 2025: it is the latest, age 0.
        assertEquals("2026", byCell.get("funding 01").getAs("latest_period"));
        assertEquals(0, byCell.get("funding 01").<Integer>getAs("age_months"));
    }
}
