package fi.tilannekuva.source.sotkanet;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The later load wins; a count indicator's municipalities add up to an area without a county row of its own. */
class IndicatorValuesTest {

    private static final Timestamp FIRST = Timestamp.valueOf("2026-03-01 10:00:00");
    private static final Timestamp LATER = Timestamp.valueOf("2026-06-01 10:00:00");

    @Test
    void laterLoadWinsAndMunicipalitiesRollUpOnlyWhereTheCountyHasNoRow() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("indicator_id INT, region_id INT, region_category STRING, region_code STRING, area_code STRING, year INT, gender STRING, value DOUBLE, absolute_value DOUBLE, source_file STRING, line BIGINT, loaded_at TIMESTAMP");
        Dataset<Row> data = spark.createDataFrame(List.of(
                // The country, and Satakunta (06) with its own row, first delivered as 40 and later revised to 45.
                RowFactory.create(7, 658, "MAA", "SSS", "SSS", 2025, "total", 500.0, 500.0, "a.json", 1L, FIRST),
                RowFactory.create(7, 976, "HYVINVOINTIALUE", "6", "06", 2025, "total", 40.0, 40.0, "a.json", 2L, FIRST),
                RowFactory.create(7, 976, "HYVINVOINTIALUE", "6", "06", 2025, "total", 45.0, 45.0, "b.json", 1L, LATER),
                // Municipalities: Tampere 837 and Nokia 536 (area 08, no county row), Pori 609 (area 06, has one).
                RowFactory.create(7, 1002, "KUNTA", "837", null, 2025, "total", 100.0, 100.0, "a.json", 3L, FIRST),
                RowFactory.create(7, 1003, "KUNTA", "536", null, 2025, "total", 20.0, 20.0, "a.json", 4L, FIRST),
                RowFactory.create(7, 1004, "KUNTA", "609", null, 2025, "total", 30.0, 30.0, "a.json", 5L, FIRST)),
                schema);
        AppConfig.FollowedIndicator followed = new AppConfig.FollowedIndicator(7, "falls", false, true);
        Dataset<Row> values = IndicatorValues.SCHEMA.frame(spark, IndicatorValues.compute(data, IndicatorValues.followed(spark, List.of(followed)),
                rows -> rows.withColumn("area_code", when(col("region_code").isin("837", "536"), "08")
                        .when(col("region_code").equalTo("609"), "06")),
                new AppConfig.SuppressionRule(5, true), "run")).cache();

        Row satakunta = values.where(col("area_code").equalTo("06")).first();
        assertEquals(45.0, (double) satakunta.getAs("value"), "the later load wins");
        assertEquals(false, satakunta.getAs("rolled_up"));
        Row pirkanmaa = values.where(col("area_code").equalTo("08")).first();
        // 100 + 20 = 120, from the municipalities of an area without a row of its own.
        assertEquals(120.0, (double) pirkanmaa.getAs("value"));
        assertTrue((boolean) pirkanmaa.getAs("rolled_up"));
        // Against the country's 500: 120 - 500 = -380. Lower is better: 45 (06) ranks 1, 120 (08) ranks 2.
        assertEquals(-380.0, (double) pirkanmaa.getAs("difference_from_country"));
        assertEquals(2, (int) pirkanmaa.getAs("rank"));
        assertEquals(1, (int) satakunta.getAs("rank"));
        assertEquals(3, values.count());
    }
}
