package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmallNumberSuppressionTest {

    private static final StructType SCHEMA = new StructType().add("measure_id", DataTypes.StringType)
            .add("area_code", DataTypes.StringType).add("numerator", DataTypes.LongType).add("value", DataTypes.DoubleType);

    private static Row cell(String measure, String area, long n) {
        return RowFactory.create(measure, area, n, n / 10.0);
    }

    private static List<String> apply(AppConfig.SuppressionRule rule, Row... cells) {
        Dataset<Row> in = TestSpark.session().createDataFrame(List.of(cells), SCHEMA);
        List<String> out = new ArrayList<>();
        for (Row r : SmallNumberSuppression.apply(in, rule, List.of("measure_id"), "area_code", "SSS", List.of("value"))
                .orderBy("measure_id", "area_code").collectAsList()) {
            boolean suppressed = r.getAs("suppressed");
            // Suppressed cells lose the count and what is derived from it.
            assertEquals(suppressed, r.isNullAt(r.fieldIndex("numerator")));
            assertEquals(suppressed, r.isNullAt(r.fieldIndex("value")));
            out.add(r.getAs("measure_id") + " " + r.getAs("area_code") + " "
                    + (suppressed ? r.getAs("suppression_reason") : String.valueOf((long) r.getAs("numerator"))));
        }
        return out;
    }

    @Test
    void oneSmallCellUnderAPublishedTotalTakesTheNextSmallestWithIt() {
        // 3 + 7 + 0 + 12 = 22: with 01 hidden, 22 - 7 - 0 - 12 would give it away, so 02 (7, the smallest
        // non-zero cell left) goes too. The zero cell is published as zero and protects nothing.
        assertEquals(List.of("m 01 small_count", "m 02 secondary", "m 03 0", "m 04 12", "m SSS 22"),
                apply(new AppConfig.SuppressionRule(5, true),
                        cell("m", "01", 3), cell("m", "02", 7), cell("m", "03", 0), cell("m", "04", 12),
                        cell("m", "SSS", 22)));
    }

    @Test
    void twoSmallCellsNeedNoSecondary() {
        // 2 + 4 + 9 = 15: the total gives only 01 + 02 = 6, not either cell.
        assertEquals(List.of("m 01 small_count", "m 02 small_count", "m 03 9", "m SSS 15"),
                apply(new AppConfig.SuppressionRule(5, true),
                        cell("m", "01", 2), cell("m", "02", 4), cell("m", "03", 9), cell("m", "SSS", 15)));
    }

    @Test
    void aSuppressedTotalRevealsNothing() {
        assertEquals(List.of("m 01 small_count", "m 02 0", "m SSS small_count"),
                apply(new AppConfig.SuppressionRule(5, true),
                        cell("m", "01", 1), cell("m", "02", 0), cell("m", "SSS", 1)));
    }

    @Test
    void tiesAreBrokenByAreaCodeAndTablesAreIndependent() {
        assertEquals(List.of("a 01 small_count", "a 02 secondary", "a 03 5", "a SSS 12",
                        "b 01 5", "b 02 6", "b SSS 11"),
                apply(new AppConfig.SuppressionRule(5, true),
                        cell("a", "01", 2), cell("a", "03", 5), cell("a", "02", 5), cell("a", "SSS", 12),
                        cell("b", "01", 5), cell("b", "02", 6), cell("b", "SSS", 11)));
    }

    @Test
    void thresholdAndSecondaryAreConfigurable() {
        // min-count 3: 3 and 4 are published; without the secondary rule only the small cell goes.
        assertEquals(List.of("m 01 small_count", "m 02 3", "m SSS 5"),
                apply(new AppConfig.SuppressionRule(3, false),
                        cell("m", "01", 2), cell("m", "02", 3), cell("m", "SSS", 5)));
    }
}
