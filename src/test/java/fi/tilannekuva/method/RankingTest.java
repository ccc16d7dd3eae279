package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RankingTest {

    @Test
    void theBestByPolarityIsFirstAndTiesShareARank() {
        SparkSession spark = TestSpark.session();
        StructType schema = StructType.fromDDL("measure STRING, area_code STRING, value DOUBLE, higher_is_better BOOLEAN");
        Dataset<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create("neet", "01", 7.0, false), RowFactory.create("neet", "02", 5.0, false),
                RowFactory.create("neet", "03", 7.0, false), RowFactory.create("neet", "04", 9.0, false),
                RowFactory.create("neet", "05", null, false), RowFactory.create("neet", "SSS", 6.0, false),
                RowFactory.create("useful", "01", 40.0, true), RowFactory.create("useful", "02", 55.0, true)), schema);
        List<Row> ranked = Ranking.among(rows, List.of("measure"), col("value"), col("higher_is_better"),
                        col("area_code").notEqual("SSS"))
                .orderBy("measure", "area_code").collectAsList();
        // Lower is better for NEET: 5.0 → 1; the two 7.0s share 2; 9.0 → 4 (rank 3 is skipped); 4 areas ranked.
        // No value (05) and the country get no rank. Higher is better for usefulness: 55 → 1, 40 → 2.
        assertEquals(List.of("2/4", "1/4", "2/4", "4/4", "null/null", "null/null", "2/2", "1/2"),
                ranked.stream().map(r -> r.getAs(Ranking.RANK) + "/" + r.getAs(Ranking.RANKED)).toList());
    }
}
