package fi.tilannekuva.method;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The standard populations of {@link DirectStandardisation}, as {@code sex, age_group, weight} over the five-year
 * bands 0-4 … 85+ of both sexes: the national population of the year (the default, so that the country's
 * standardised rate equals its crude rate), or the European Standard Population 2013.
 */
public final class StandardPopulation {

    /** The five-year age bands of the population statistics and of every standardisation, 0-4 … 85+. */
    public static final List<String> AGE_GROUPS = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+");

    /**
     * Eurostat's European Standard Population 2013 per 100,000, one weight per band and sex (it is the same for
     * men and women); its bands 85-89 (1,500), 90-94 (800) and 95+ (200) make 85+ (2,500).
     */
    static final double[] ESP2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000,
            5500, 5000, 4000, 2500, 2500};

    private StandardPopulation() {
    }

    /** The national population as the standard: {@code population} rows ({@code sex, age_group, population}). */
    public static Dataset<Row> national(Dataset<Row> countryPopulation) {
        return countryPopulation.select(col("sex"), col("age_group"), col("population").cast("double").as("weight"));
    }

    public static Dataset<Row> esp2013(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int sex = 1; sex <= 2; sex++) {
            for (int i = 0; i < AGE_GROUPS.size(); i++) {
                rows.add(RowFactory.create(sex, AGE_GROUPS.get(i), ESP2013[i]));
            }
        }
        StructType schema = new StructType().add("sex", DataTypes.IntegerType).add("age_group", DataTypes.StringType)
                .add("weight", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }
}
