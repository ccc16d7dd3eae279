package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectStandardisationTest {

    private static final StructType COUNTS = StructType.fromDDL("area_code STRING, sex INT, age_group STRING, observed BIGINT");
    private static final StructType POPULATION = StructType.fromDDL("area_code STRING, sex INT, age_group STRING, population BIGINT");
    private static final StructType STANDARD = StructType.fromDDL("sex INT, age_group STRING, weight DOUBLE");

    @Test
    void fourStrataWithDobsonLimits() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> counts = spark.createDataFrame(List.of(
                RowFactory.create("01", 1, "0-4", 10L), RowFactory.create("01", 1, "5-9", 20L),
                RowFactory.create("01", 2, "0-4", 15L), RowFactory.create("01", 2, "5-9", 30L),
                // 02 has 6 events: too few to standardise.
                RowFactory.create("02", 1, "0-4", 6L)), COUNTS);
        Dataset<Row> population = spark.createDataFrame(List.of(
                RowFactory.create("01", 1, "0-4", 1000L), RowFactory.create("01", 1, "5-9", 2000L),
                RowFactory.create("01", 2, "0-4", 1500L), RowFactory.create("01", 2, "5-9", 2500L),
                RowFactory.create("02", 1, "0-4", 500L)), POPULATION);
        Dataset<Row> standard = spark.createDataFrame(List.of(
                RowFactory.create(1, "0-4", 3000.0), RowFactory.create(1, "5-9", 4000.0),
                RowFactory.create(2, "0-4", 3500.0), RowFactory.create(2, "5-9", 5000.0)), STANDARD);

        List<Row> rows = DirectStandardisation.rates(counts, population, standard, List.of("area_code"), "area_code",
                List.of("sex", "age_group"), 1000).orderBy("area_code").collectAsList();

        Row a = rows.get(0);
        // Stratum rates O/n: 10/1000 = 0.01, 20/2000 = 0.01, 15/1500 = 0.01, 30/2500 = 0.012.
        // Σ w·O/n = 3000·0.01 + 4000·0.01 + 3500·0.01 + 5000·0.012 = 30 + 40 + 35 + 60 = 165; Σ w = 15,500.
        // DSR = 1000 · 165 / 15,500 = 10.645161 per 1,000.
        assertEquals(75L, a.<Long>getAs("observed"));
        assertEquals(1000.0 * 165 / 15500, a.<Double>getAs("standardised_value"), 1e-9);
        // var = 1000² · Σ O·w²/n² / (Σ w)² = 1e6 · (10·9 + 20·4 + 15·(3500/1500)² + 30·4) / 15,500²
        //     = 1e6 · (90 + 80 + 81.666667 + 120) / 240,250,000 = 1.547000
        double variance = 1e6 * (90 + 80 + 15 * Math.pow(3500.0 / 1500, 2) + 120) / (15500.0 * 15500.0);
        assertEquals(1.5470, variance, 1e-4);
        assertEquals(variance, a.<Double>getAs("standardised_variance"), 1e-12);
        // Dobson: O = 75, Byar's 95 % limits of 75: 58.990019 and 94.014401;
        // L = 10.645161 + √(1.547000/75) · (58.990019 - 75) = 10.645161 - 0.143619 · 16.009981 = 8.345810
        // U = 10.645161 + 0.143619 · (94.014401 - 75) = 13.376007
        assertEquals(58.990019, PoissonInterval.lower(75, ConfidenceLevel.P95), 1e-6);
        assertEquals(94.014401, PoissonInterval.upper(75, ConfidenceLevel.P95), 1e-6);
        assertEquals(8.345810, a.<Double>getAs("lower_95"), 1e-6);
        assertEquals(13.376007, a.<Double>getAs("upper_95"), 1e-6);
        // 99.8 %: Byar 51.036459 and 105.832354 → 7.203521 and 15.073299.
        assertEquals(7.203521, a.<Double>getAs("lower_998"), 1e-6);
        assertEquals(15.073299, a.<Double>getAs("upper_998"), 1e-6);

        Row b = rows.get(1);
        assertEquals(6L, b.<Long>getAs("observed"));
        assertTrue(b.isNullAt(b.fieldIndex("standardised_value")), "a DSR of fewer than 10 events is not published");
        assertTrue(b.isNullAt(b.fieldIndex("lower_95")));
    }

    @Test
    void withTheNationalPopulationAsStandardTheCountrysRateIsItsCrudeRate() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> population = spark.createDataFrame(List.of(
                RowFactory.create("SSS", 1, "0-4", 4000L), RowFactory.create("SSS", 1, "85+", 1000L),
                RowFactory.create("SSS", 2, "0-4", 3000L), RowFactory.create("SSS", 2, "85+", 2000L)), POPULATION);
        Dataset<Row> counts = spark.createDataFrame(List.of(
                RowFactory.create("SSS", 1, "0-4", 12L), RowFactory.create("SSS", 1, "85+", 30L),
                RowFactory.create("SSS", 2, "85+", 8L)), COUNTS);
        Row country = DirectStandardisation.rates(counts, population, StandardPopulation.national(population),
                List.of("area_code"), "area_code", List.of("sex", "age_group"), 1000).first();
        // w_i = n_i, so Σ w·O/n = Σ O = 50 and Σ w = 10,000: DSR = 1000 · 50 / 10,000 = 5.0 = crude rate.
        assertEquals(5.0, country.<Double>getAs("standardised_value"), 1e-12);
    }

    @Test
    void theEuropeanStandardPopulationSumsToOneHundredThousandPerSex() {
        List<Row> esp = StandardPopulation.esp2013(TestSpark.session()).where("sex = 1").collectAsList();
        assertEquals(18, esp.size());
        // 5000 + 3·5500 + 2·6000 + 6500 + 4·7000 + 6500 + 6000 + 5500 + 5000 + 4000 + 2500 + 2500 (85+) = 100,000
        assertEquals(100_000.0, esp.stream().mapToDouble(r -> r.getDouble(2)).sum(), 1e-9);
    }
}
