package fi.tilannekuva.method;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NeedsStandardisedCostsTest {

    @Test
    void indexAndNeedsAdjustedIndexByHand() {
        StructType costSchema = new StructType().add("area_code", DataTypes.StringType).add("sector", DataTypes.StringType)
                .add("net_operating_cost_eur", DataTypes.DoubleType);
        Dataset<Row> costs = TestSpark.session().createDataFrame(List.of(
                RowFactory.create("01", "health", 1_000_000.0), RowFactory.create("01", "social", 500_000.0),
                RowFactory.create("02", "health", 2_400_000.0), RowFactory.create("02", "social", 600_000.0),
                RowFactory.create("SSS", "health", 9e9)), costSchema);   // a country row is not used
        Dataset<Row> population = TestSpark.session().createDataFrame(List.of(
                        RowFactory.create("01", 1000L), RowFactory.create("02", 3000L)),
                new StructType().add("area_code", DataTypes.StringType).add("population", DataTypes.LongType));
        Dataset<Row> coefficients = TestSpark.session().createDataFrame(List.of(
                        RowFactory.create("01", 1.25), RowFactory.create("02", 0.9), RowFactory.create("SSS", 1.0)),
                new StructType().add("area_code", DataTypes.StringType).add("total", DataTypes.DoubleType));
        Map<String, Row> r = new HashMap<>();
        NeedsStandardisedCosts.compute(costs, population, coefficients, List.of("01", "02")).collectAsList()
                .forEach(row -> r.put(row.getAs("area_code") + " " + row.getAs("sector"), row));

        // Total: 01 spends 1,500,000 / 1,000 = 1,500 € per resident; 02 3,000,000 / 3,000 = 1,000 €;
        // the country 4,500,000 / 4,000 = 1,125 €.
        assertEquals(1500.0, r.get("01 total").getAs("cost_per_resident_eur"), 1e-9);
        assertEquals(1125.0, r.get("SSS total").getAs("cost_per_resident_eur"), 1e-9);
        assertEquals(100.0 * 1500 / 1125, r.get("01 total").getAs("index"), 1e-9);              // 133.33
        assertEquals(100.0 * 1000 / 1125, r.get("02 total").getAs("index"), 1e-9);              // 88.89
        // Divided by the total need coefficient: 133.33 / 1.25 = 106.67; 88.89 / 0.9 = 98.77.
        assertEquals(100.0 * 1500 / 1125 / 1.25, r.get("01 total").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0 * 1000 / 1125 / 0.9, r.get("02 total").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0, r.get("SSS total").getAs("needs_adjusted_index"), 1e-9);
        // Health alone: 1,000 € and 800 € per resident against 3,400,000 / 4,000 = 850 €.
        assertEquals(100.0 * 1000 / 850, r.get("01 health").getAs("index"), 1e-9);               // 117.65
        assertEquals(100.0 * 800 / 850, r.get("02 health").getAs("index"), 1e-9);                // 94.12
        assertEquals(9, r.size(), "two areas and the country, times two sectors and the total");
    }
}
