package fi.tilannekuva.gold;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.MeasureKinds.Interval;
import fi.tilannekuva.config.MeasureKinds.Method;
import fi.tilannekuva.config.MeasureKinds.NeedsAdjustment;
import fi.tilannekuva.config.MeasureKinds.UpdateCycle;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ComparisonMeasuresTest {

    private static final AppConfig.Label L = new AppConfig.Label("fi", "sv", "en");
    /** Visits per 1,000, lower is better (say, emergency visits), Poisson limits, adjusted by health-care need. */
    private static final AppConfig.Measure VISITS = new AppConfig.Measure("visits", "avohilmo", true, L, L, L, false,
            Method.CRUDE_RATE, Interval.POISSON, 1000, NeedsAdjustment.HEALTH, UpdateCycle.YEARLY, 24, 1);

    private static Row row(String period, String area, double numerator, double denominator) {
        return RowFactory.create(period, area, "visits", numerator, denominator, 1000 * numerator / denominator,
                false, null, period, null, "avohilmo", "run-1");
    }

    @Test
    void nationalValueIndexNeedsAdjustmentSignificanceRankChangeAndTrend() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("period STRING, area_code STRING, measure_id STRING, numerator DOUBLE, denominator DOUBLE, value DOUBLE, suppressed BOOLEAN, no_data_reason STRING, data_period STRING, denominator_period STRING, source STRING, run_id STRING");
        List<Row> history = new ArrayList<>();
        for (int year = 2021; year <= 2024; year++) {
            // Area 02: 1,100 ... 1,400 visits per 100,000 residents = 11 ... 14 per 1,000; the country 10 per 1,000.
            history.add(row(String.valueOf(year), "02", 1100 + 100 * (year - 2021), 100_000));
            history.add(row(String.valueOf(year), "SSS", 10_000, 1_000_000));
        }
        List<Row> slice = List.of(row("2025", "02", 1500, 100_000), row("2025", "01", 0, 100_000),
                row("2025", "SSS", 10_000, 1_000_000));
        List<ComparisonMeasures.Coefficient> coefficients = List.of(
                new ComparisonMeasures.Coefficient(2020, "02", 1.5, 1.4), new ComparisonMeasures.Coefficient(2023, "02", 1.25, 1.2),
                new ComparisonMeasures.Coefficient(2023, "SSS", 1.0, 1.0));

        List<Row> rows = ComparisonTable.SCHEMA.frame(spark, ComparisonMeasures.complete(
                        spark.createDataFrame(slice, schema).transform(TestComparisonRows::base).collectAsList(),
                        spark.createDataFrame(history, schema).transform(ComparisonTable::base).collectAsList(),
                        List.of(VISITS), coefficients))
                .orderBy("area_code").collectAsList();
        assertEquals(3, rows.size(), "only the slice is returned");
        Row zero = rows.get(0);
        Row area = rows.get(1);
        Row country = rows.get(2);

        // 02 in 2025: 15 per 1,000 against the country's 10: index 150. Its health need coefficient of the latest
        // year not after 2025 is 2023's 1.25 (not 2020's 1.5): needs-adjusted index 150 / 1.25 = 120.
        assertEquals(15.0, area.<Double>getAs("value"), 1e-12);
        assertEquals(10.0, area.<Double>getAs("national_value"), 1e-12);
        assertEquals(150.0, area.<Double>getAs("index"), 1e-9);
        assertEquals(2023, area.<Integer>getAs("need_coefficient_year"));
        assertEquals(120.0, area.<Double>getAs("needs_adjusted_index"), 1e-9);
        // Byar's limits of 1,500 scaled by 15/1,500 = 0.01: 95 % 14.2504 – 15.7788, 99.8 % 13.8315 – 16.2358; both
        // above 10: much higher, and since lower is better, much worse.
        assertEquals(14.250420, area.<Double>getAs("lower_95"), 1e-6);
        assertEquals(16.235842, area.<Double>getAs("upper_998"), 1e-6);
        assertEquals("much_higher", area.getAs("significance"));
        assertEquals("much_worse", area.getAs("assessment"));
        // A year earlier 14 per 1,000: change +1. 14 lies below this year's 95 % interval (14.25), but last year's
        // figure is uncertain too (METHODS.md §7): SE = (15.7788 − 14.2504) / 3.92 = 0.38989 this year and
        // (14.7530 − 13.2762) / 3.92 = 0.37676 for 1,400 visits a year earlier (Byar); z = 1 / √(0.38989² + 0.37676²)
        // = 1.844 < 1.96: similar, not higher.
        assertEquals("2024", area.getAs("year_ago_period"));
        assertEquals(1.0, area.<Double>getAs("change_year"), 1e-9);
        assertEquals("similar", area.getAs("change_year_significance"));
        // 11, 12, 13, 14, 15 with SEs of about 0.33–0.39: a clear rise, which for this measure is worsening.
        assertEquals("increasing", area.getAs("trend"));
        assertEquals("worsening", area.getAs("trend_assessment"));
        assertEquals(2, area.<Integer>getAs("rank"));

        // 01: no visits is a rate of 0 with an upper limit: 95 % χ²(0.975; 2)/2 = -ln(0.025) = 3.6889 visits,
        // per 100,000 residents = 0.036889 per 1,000; 99.8 %: -ln(0.001) = 6.9078 → 0.069078. Both below 10.
        assertEquals(0.0, zero.<Double>getAs("lower_95"), 1e-12);
        assertEquals(-Math.log(0.025) / 100, zero.<Double>getAs("upper_95"), 1e-9);
        assertEquals("much_lower", zero.getAs("significance"));
        assertEquals("much_better", zero.getAs("assessment"));
        assertEquals(1, zero.<Integer>getAs("rank"));
        assertEquals(2L, zero.<Long>getAs("areas_ranked"));
        assertNull(zero.getAs("needs_adjusted_index"), "no coefficient for 01");
        assertEquals("not_computed", zero.getAs("trend"), "one period is not a trend");

        // The country is the reference: index 100, not compared with itself, not ranked.
        assertEquals(100.0, country.<Double>getAs("index"), 1e-12);
        assertEquals("not_compared", country.getAs("significance"));
        assertNull(country.getAs("rank"));
    }

    /** Visits per 1,000, age- and sex-standardised, adjusted by health-care need. */
    private static final AppConfig.Measure STANDARDISED = new AppConfig.Measure("std_visits", "avohilmo", true, L, L, L,
            false, Method.STANDARDISED_RATE, Interval.DOBSON, 1000, NeedsAdjustment.HEALTH, UpdateCycle.QUARTERLY, 6, 1);

    @Test
    void theNeedsAdjustedIndexDividesTheCrudeIndexAndAPartialFigureIsNotCompared() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("period STRING, area_code STRING, measure_id STRING, numerator DOUBLE, denominator DOUBLE, value DOUBLE, standardised_value DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, lower_998 DOUBLE, upper_998 DOUBLE, suppressed BOOLEAN, partial_period BOOLEAN, coverage_note STRING, data_period STRING, source STRING");
        List<Row> slice = List.of(
                // 04: 1,320 visits per 100,000 = 13.2 crude; standardised for its older population 14.0.
                RowFactory.create("2025Q4", "04", "std_visits", 1320.0, 100_000.0, 13.2, 14.0, 13.2, 14.8, 12.8, 15.2,
                        false, false, null, "2025Q4", "avohilmo"),
                // 11: two of three months, far below the country: published, never compared.
                RowFactory.create("2025Q4", "11", "std_visits", 400.0, 100_000.0, 4.0, 4.0, 3.6, 4.4, 3.4, 4.6,
                        false, true, "2 of 3 months", "2025Q4", "avohilmo"),
                RowFactory.create("2025Q4", "SSS", "std_visits", 10_000.0, 1_000_000.0, 10.0, 10.0, 9.8, 10.2, 9.7, 10.3,
                        false, false, null, "2025Q4", "avohilmo"));
        List<ComparisonMeasures.Coefficient> coefficients = List.of(new ComparisonMeasures.Coefficient(2023, "04", 1.2, 1.1),
                new ComparisonMeasures.Coefficient(2023, "11", 1.1, 1.0));
        List<Row> rows = ComparisonTable.SCHEMA.frame(spark, ComparisonMeasures.complete(
                        spark.createDataFrame(slice, schema).transform(TestComparisonRows::base).collectAsList(),
                        List.of(), List.of(STANDARDISED), coefficients))
                .orderBy("area_code").collectAsList();
        Row area = rows.get(0);
        Row partial = rows.get(1);
        // The standardised figure is compared: index 100 · 14.0 / 10.0 = 140. The needs-adjusted index divides the
        // crude rate's index, 100 · 13.2 / 10.0 = 132, by the health-care coefficient 1.2: 110 (dividing 140 would
        // adjust for age and sex twice: 116.7).
        assertEquals(140.0, area.<Double>getAs("index"), 1e-9);
        assertEquals(110.0, area.<Double>getAs("needs_adjusted_index"), 1e-9);
        assertEquals(1, area.<Integer>getAs("rank"));
        assertEquals(1L, area.<Long>getAs("areas_ranked"), "the partial area is not ranked");
        // 11 covers two months: no index, no needs-adjusted index, not compared, not ranked, not change-tested.
        assertEquals(4.0, partial.<Double>getAs("standardised_value"), 1e-12);
        assertEquals(true, partial.getAs("partial_period"));
        assertEquals("2 of 3 months", partial.getAs("coverage_note"));
        assertNull(partial.getAs("index"));
        assertNull(partial.getAs("needs_adjusted_index"));
        assertEquals("not_compared", partial.getAs("significance"));
        assertEquals("not_compared", partial.getAs("assessment"));
        assertNull(partial.getAs("rank"));
        assertEquals("not_compared", partial.getAs("change_year_significance"));
    }
}
