package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CrudeRateTest {

    @Test
    void perThousandResidents() {
        StructType schema = StructType.fromDDL("count BIGINT, population BIGINT");
        List<Row> rows = TestSpark.session().createDataFrame(List.of(
                        RowFactory.create(12L, 48_000L),   // 1000 * 12 / 48000 = 0.25
                        RowFactory.create(0L, 48_000L),    // zero is a rate of zero
                        RowFactory.create(7L, 3L),         // 1000 * 7 / 3 = 2333.33...
                        RowFactory.create(5L, 0L),         // no residents: no rate
                        RowFactory.create(5L, null)), schema)
                .select(CrudeRate.per1000(col("count"), col("population")).as("rate")).collectAsList();
        assertEquals(0.25, rows.get(0).getDouble(0), 1e-15);
        assertEquals(0.0, rows.get(1).getDouble(0), 0.0);
        assertEquals(7000.0 / 3, rows.get(2).getDouble(0), 1e-12);
        assertNull(rows.get(3).get(0));
        assertNull(rows.get(4).get(0));
    }
}
