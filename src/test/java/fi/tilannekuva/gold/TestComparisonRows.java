package fi.tilannekuva.gold;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.Arrays;

import static org.apache.spark.sql.functions.lit;

/** Test rows with only the comparison columns a test is about: the others of {@link ComparisonTable#BASE} are null. */
public final class TestComparisonRows {

    private TestComparisonRows() {
    }

    public static Dataset<Row> base(Dataset<Row> rows) {
        Dataset<Row> out = rows;
        for (StructField f : ComparisonTable.BASE.structType().fields()) {
            if (!Arrays.asList(out.columns()).contains(f.name())) {
                out = out.withColumn(f.name(), lit(null).cast(f.dataType()));
            }
        }
        return ComparisonTable.base(out);
    }
}
