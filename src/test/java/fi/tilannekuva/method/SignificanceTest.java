package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SignificanceTest {

    @Test
    void intervalsAgainstANationalValueOfTen() {
        StructType schema = new StructType().add("l95", DataTypes.DoubleType).add("u95", DataTypes.DoubleType)
                .add("l998", DataTypes.DoubleType).add("u998", DataTypes.DoubleType)
                .add("higher_is_better", DataTypes.BooleanType);
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
}
