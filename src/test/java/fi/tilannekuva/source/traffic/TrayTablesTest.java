package fi.tilannekuva.source.traffic;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.method.WilsonInterval;
import fi.tilannekuva.period.Quarter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Usefulness shares worked out by hand, and traffic of trays without data shown as no data, never zero. */
class TrayTablesTest {

    private static final AppConfig CONFIG = ConfigLoader.load(null);
    private static final Quarter Q = Quarter.parse("2025Q4");

    private static Dataset<Row> trays(SparkSession spark) {
        StructType schema = StructType.fromDDL("tray_id STRING, area_code STRING, platform STRING, launched_on DATE");
        return spark.createDataFrame(List.of(
                RowFactory.create("t13", "13", "tarmoa", Date.valueOf("2025-03-01")),
                RowFactory.create("t21", "21", "tarmoa", Date.valueOf("2026-01-15")),
                RowFactory.create("t18", "18", "own", null),
                RowFactory.create("t20", "20", "tarmoa", Date.valueOf("2025-05-01")),
                RowFactory.create("t11", "11", "tarmoa", Date.valueOf("2025-01-01"))), schema);
    }

    @Test
    void usefulnessSharesAsWorkedOutByHand() {
        SparkSession spark = TestSpark.session();
        // North Savo's answers 19 / 34 / 21 / 9 / 29, all from residents except 7 employees' "Hyödyllistä" (n = 112).
        String[][] answers = {{"very_useful", "Erittäin hyödyllistä", "19"}, {"useful", "Hyödyllistä", "27"},
                {"cannot_say", "En osaa sanoa", "21"}, {"not_very_useful", "Ei kovin hyödyllistä", "9"},
                {"not_at_all_useful", "Ei lainkaan hyödyllistä", "29"}};
        List<Row> rows = new ArrayList<>();
        for (String[] a : answers) {
            rows.add(RowFactory.create("2025Q4", "t13", "13", "Asukas", "resident", a[1], a[0], Integer.parseInt(a[2])));
        }
        rows.add(RowFactory.create("2025Q4", "t13", "13", "Hyvinvointialueen työntekijä", "county_employee",
                "Hyödyllistä", "useful", 7));
        StructType schema = StructType.fromDDL("period STRING, tray_id STRING, area_code STRING, respondent_group STRING, group_code STRING, answer STRING, answer_code STRING, count INT");
        Dataset<Row> result = TrayUsefulness.compute(spark, spark.createDataFrame(rows, schema),
                TrayTraffic.traysOf(trays(spark), Q), Q, List.of("13", "20"), CONFIG.sources().traffic(), CONFIG.methods().suppression(),
                "run").where(col("area_code").equalTo("13")).cache();

        // 19/112 = 16.96 %, 34/112 = 30.36 %, 21/112 = 18.75 %, 9/112 = 8.04 %, 29/112 = 25.89 %.
        assertEquals(100.0 * 19 / 112, share(result, "answer", "very_useful"), 1e-9);
        assertEquals(17.0, oneDecimal(share(result, "answer", "very_useful")));
        assertEquals(100.0 * 34 / 112, share(result, "answer", "useful"), 1e-9);
        assertEquals(30.4, oneDecimal(share(result, "answer", "useful")));
        assertEquals(100.0 * 21 / 112, share(result, "answer", "cannot_say"), 1e-9);
        assertEquals(18.8, oneDecimal(share(result, "answer", "cannot_say")));
        assertEquals(100.0 * 9 / 112, share(result, "answer", "not_very_useful"), 1e-9);
        assertEquals(8.0, oneDecimal(share(result, "answer", "not_very_useful")));
        assertEquals(100.0 * 29 / 112, share(result, "answer", "not_at_all_useful"), 1e-9);
        assertEquals(25.9, oneDecimal(share(result, "answer", "not_at_all_useful")));
        // Useful of all: (19 + 34) / 112 = 47.32 %; of those with an opinion: 53 / (112 - 21) = 53 / 91 = 58.24 %.
        assertEquals(100.0 * 53 / 112, share(result, "useful", "useful_of_all"), 1e-9);
        assertEquals(47.3, oneDecimal(share(result, "useful", "useful_of_all")));
        assertEquals(100.0 * 53 / 91, share(result, "useful", "useful_of_opinions"), 1e-9);
        // Wilson, z = 1.959964, x = 53, n = 112: z² = 3.841459; 2x + z² = 109.841459;
        // √(z² + 4·53·(1 − 53/112)) = √(3.841459 + 111.678571) = √115.520030 = 10.748025; z·that = 21.065747;
        // 2(n + z²) = 231.682918 → lower 88.775712 / 231.682918 = 0.383178, upper 130.907206 / 231.682918 = 0.565027.
        Row useful = row(result, "useful", "useful_of_all");
        assertEquals(38.3178, (double) useful.getAs("share_lower_95"), 5e-4);
        assertEquals(56.5027, (double) useful.getAs("share_upper_95"), 5e-4);
        assertEquals(38.3178, 100 * WilsonInterval.lower(53, 112, WilsonInterval.Z95), 5e-4);
        // Residents 105 of 112 = 93.75 %; employees 7 of 112 = 6.25 %.
        assertEquals(93.75, share(result, "respondent_group", "resident"), 1e-9);
        assertEquals(6.25, share(result, "respondent_group", "county_employee"), 1e-9);
        // A group with no answers is published as zero, not left out.
        assertEquals(0L, (long) row(result, "respondent_group", "other").getAs("count"));
    }

    private static double oneDecimal(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    private static Row row(Dataset<Row> rows, String dimension, String category) {
        return rows.where(col("dimension").equalTo(dimension).and(col("category_code").equalTo(category))).first();
    }

    private static double share(Dataset<Row> rows, String dimension, String category) {
        return row(rows, dimension, category).getAs("share_percent");
    }

    @Test
    void traysNotLaunchedOrSilentShowNoDataNeverZero() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("month_start DATE, period STRING, area_code STRING, front_page_visits INT, page_loads INT, wellbeing_surveys INT");
        List<Row> rows = new ArrayList<>();
        for (String month : List.of("2025-10-01", "2025-11-01", "2025-12-01")) {
            rows.add(RowFactory.create(Date.valueOf(month), "2025Q4", "13", 1000, 2500, 20));
        }
        // South Karelia reported October and November only.
        for (String month : List.of("2025-10-01", "2025-11-01")) {
            rows.add(RowFactory.create(Date.valueOf(month), "2025Q4", "11", 479, 900, 6));
        }
        StructType populationSchema = StructType.fromDDL("year INT, area_code STRING, population BIGINT");
        Dataset<Row> population = spark.createDataFrame(List.of(RowFactory.create(2024, "13", 250_000L),
                RowFactory.create(2024, "21", 180_000L), RowFactory.create(2024, "11", 130_000L)), populationSchema);
        Dataset<Row> traffic = TrayTraffic.compute(spark, TrayTraffic.traysOf(trays(spark), Q), Optional.of(spark.createDataFrame(rows, schema)),
                Optional.empty(), Q, List.of("11", "13", "18", "20", "21", "91"), population, 2024, CONFIG.methods().suppression(), "run")
                .cache();

        Row north = traffic.where(col("area_code").equalTo("13")).first();
        assertEquals(3000L, (long) north.getAs("front_page_visits"));
        // 1000 · 3000 / 250,000 = 12.0 visits per 1,000 residents.
        assertEquals(12.0, (double) north.getAs("visits_per_1000"), 1e-12);
        assertEquals("complete", north.getAs("data_status"));

        Row lapland = traffic.where(col("area_code").equalTo("21")).first();
        assertEquals("not_launched", lapland.getAs("data_status"));
        assertNull(lapland.getAs("front_page_visits"));
        assertNull(lapland.getAs("visits_per_1000"));
        assertEquals("the tray was launched on 2026-01-15, after the quarter", lapland.getAs("no_data_reason"));
        assertFalse((boolean) lapland.getAs("suppressed"));
        assertEquals("the tray has no launch date yet (piloting)",
                traffic.where(col("area_code").equalTo("18")).first().getAs("no_data_reason"));
        assertEquals("no_data", traffic.where(col("area_code").equalTo("20")).first().getAs("data_status"));
        assertEquals("no_tray", traffic.where(col("area_code").equalTo("91")).first().getAs("data_status"));

        Row country = traffic.where(col("area_code").equalTo("SSS")).first();
        // The country sums the areas with the whole quarter: 13 only, not South Karelia's two months.
        assertEquals(1L, (long) country.getAs("areas_reporting"));
        assertEquals(3000L, (long) country.getAs("front_page_visits"));
        assertEquals(250_000L, (long) country.getAs("population"));

        // 11: 2 · 479 = 958 visits in two months, 958 · 1,000 / 130,000 = 7.37 per 1,000: published as partial,
        // and in comparison not set against the country (12.0), which would have made it look far worse.
        Row karelia = traffic.where(col("area_code").equalTo("11")).first();
        assertEquals("partial", karelia.getAs("data_status"));
        assertEquals(958L, (long) karelia.getAs("front_page_visits"));
        assertEquals(1000.0 * 958 / 130_000, (double) karelia.getAs("visits_per_1000"), 1e-12);
        Row compared = TrayTraffic.comparisonRows(traffic, "run").where(col("area_code").equalTo("11")).first();
        assertEquals(true, compared.getAs("partial_period"));
        assertEquals("2 of 3 months of tray traffic reported", compared.getAs("coverage_note"));
        assertEquals("areas summed: 1 (those that reported the whole quarter)", TrayTraffic.comparisonRows(traffic, "run")
                .where(col("area_code").equalTo("SSS")).first().getAs("coverage_note"));
    }
}
