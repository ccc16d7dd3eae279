package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SignificanceTest {

    @Test
    void intervalsAgainstANationalValueOfTen() {
        StructType schema = StructType.fromDDL("l95 DOUBLE, u95 DOUBLE, l998 DOUBLE, u998 DOUBLE, higher_is_better BOOLEAN");
        Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
                RowFactory.create(11.0, 13.0, 10.5, 14.0, false),   // both intervals above 10
                RowFactory.create(10.5, 13.0, 9.5, 14.0, false),    // 95 % above, 99.8 % contains 10
                RowFactory.create(9.0, 11.0, 8.0, 12.0, true),      // contains 10
                RowFactory.create(10.0, 11.0, 9.0, 12.0, true),     // touches 10: contains it
                RowFactory.create(7.0, 9.5, 6.0, 10.5, true),       // 95 % below only
                RowFactory.create(7.0, 9.0, 6.0, 9.9, true),        // both below
                RowFactory.create(null, null, null, null, true),    // suppressed: no interval
                RowFactory.create(11.0, 13.0, 10.5, 14.0, null)),   // no polarity (funding)
                schema);
        List<String> got = rows.select(Significance.against(org.apache.spark.sql.functions.lit(10.0), col("l95"),
                        col("u95"), col("l998"), col("u998")).as("s"), col("higher_is_better"))
                .select(org.apache.spark.sql.functions.concat_ws("/", col("s"),
                        Significance.assessment(col("s"), col("higher_is_better"))))
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("much_higher/much_worse", "higher/worse", "similar/similar", "similar/similar",
                "lower/worse", "much_lower/much_worse", "not_compared/not_compared", "much_higher/not_assessed"), got);
        // The same rule for one figure in plain Java (used where no Dataset is at hand).
        assertEquals(Significance.HIGHER, Significance.against(10.0, 10.5, 13.0, 9.5, 14.0));
        assertEquals(Significance.NOT_COMPARED, Significance.against(10.0, null, null, null, null));
    }

    @Test
    void aChangeIsTestedWithBothFiguresUncertainty() {
        // 15 (14.2 – 15.8) against 14 a year earlier (13.3 – 14.7): SE = 1.6 / 3.92 = 0.40816 and 1.4 / 3.92 =
        // 0.35714; z = 1 / √(0.40816² + 0.35714²) = 1 / 0.54236 = 1.8438 ≤ 1.959964: similar. Against the point 14
        // alone the current interval (from 14.2) would have said higher.
        assertEquals(Significance.SIMILAR, Significance.ofChange(15.0, 14.2, 15.8, 14.0, 13.3, 14.7));
        assertEquals(Significance.HIGHER, Significance.against(14.0, 14.2, 15.8, null, null));
        // 15 against 13 with the same widths: z = 2 / 0.54236 = 3.6876 > 3.090232: much higher; the other way much lower.
        assertEquals(Significance.MUCH_HIGHER, Significance.ofChange(15.0, 14.2, 15.8, 13.0, 12.3, 13.7));
        assertEquals(Significance.MUCH_LOWER, Significance.ofChange(13.0, 12.3, 13.7, 15.0, 14.2, 15.8));
        // 15 against 13.8: z = 1.2 / 0.54236 = 2.2126: higher, not much higher.
        assertEquals(Significance.HIGHER, Significance.ofChange(15.0, 14.2, 15.8, 13.8, 13.1, 14.5));
        // Either figure without an interval (suppressed, or a source's own figure): not tested.
        assertEquals(Significance.NOT_COMPARED, Significance.ofChange(15.0, 14.2, 15.8, 14.0, null, null));
        // The column expression gives the same answers.
        Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
                        RowFactory.create(15.0, 14.2, 15.8, 14.0, 13.3, 14.7),
                        RowFactory.create(15.0, 14.2, 15.8, 13.0, 12.3, 13.7),
                        RowFactory.create(15.0, 14.2, 15.8, 13.8, 13.1, 14.5),
                        RowFactory.create(13.0, 12.3, 13.7, 15.0, 14.2, 15.8),
                        RowFactory.create(15.0, 14.2, 15.8, 14.0, null, null)),
                StructType.fromDDL("v1 DOUBLE, l1 DOUBLE, u1 DOUBLE, v0 DOUBLE, l0 DOUBLE, u0 DOUBLE"));
        List<String> got = rows.select(Significance.ofChange(col("v1"), col("l1"), col("u1"), col("v0"), col("l0"),
                col("u0"))).collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("similar", "much_higher", "higher", "much_lower", "not_compared"), got);
    }
}
