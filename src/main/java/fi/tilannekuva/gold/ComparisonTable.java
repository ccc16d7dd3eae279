package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.method.CrudeRate;
import fi.tilannekuva.method.SmallNumberSuppression;
import fi.tilannekuva.source.population.Denominators;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code comparison}: one row per period × area × measure, what BI tools and the situational picture
 * read. Every area has a row for every measure of a refreshed period; a count of zero is published as zero.
 */
public final class ComparisonTable {

    public static final String TABLE = "comparison";

    public static final GoldSchema SCHEMA = new GoldSchema()
            .column("period", DataTypes.StringType, "Period of the figure: a quarter (2025Q4) or a year (2024).")
            .column("area_code", DataTypes.StringType,
                    "Statistics Finland area code: 01-21 wellbeing services counties, 90 Helsinki, 91 Åland, SSS whole country; names in areas.")
            .column("measure_id", DataTypes.StringType, "Measure id; names, definitions and units in measure_catalogue.")
            .column("numerator", DataTypes.DoubleType, "The count behind the value (contacts, clients, ...); null when suppressed.")
            .column("denominator", DataTypes.DoubleType, "The base of the value: residents on 31 December of denominator_period.")
            .column("value", DataTypes.DoubleType, "The figure: per 1,000 residents for counts; null when suppressed or without a denominator.")
            .column("suppressed", DataTypes.BooleanType, "True when the count and everything derived from it are withheld (small numbers).")
            .column("suppression_reason", DataTypes.StringType,
                    "small_count: a count of 1-4; secondary: withheld so that a small count cannot be worked out from the national total.")
            .column("no_data_reason", DataTypes.StringType,
                    "Why value is null when it is not suppressed: no data is not zero (e.g. the tray was not yet launched).")
            .column("data_period", DataTypes.StringType, "Period of the data behind the figure (for yearly sources, the year used).")
            .column("denominator_period", DataTypes.StringType, "Year whose end-of-year population is the denominator.")
            .column("source", DataTypes.StringType, "Source of the figure: avohilmo, sotkanet, funding, traffic.")
            .column("run_id", DataTypes.StringType, "The run that computed the figure (see runs).");

    private ComparisonTable() {
    }

    /**
     * Complete comparison rows of one period from counts ({@code area_code, measure_id, numerator}, non-zero
     * only): every area × measure, crude rates per 1,000 on the chosen population year, suppression applied.
     *
     * @param populationTotals {@code year, area_code, population}
     */
    public static Dataset<Row> fromCounts(SparkSession spark, Dataset<Row> counts, List<String> areaCodes,
                                          List<String> measureIds, String period, Dataset<Row> populationTotals,
                                          Denominators.Choice population, AppConfig.SuppressionRule rule,
                                          String source, String runId) {
        List<String> cells = new ArrayList<>();
        for (String a : areaCodes) {
            for (String m : measureIds) {
                cells.add(a + "|" + m);
            }
        }
        Dataset<Row> grid = spark.createDataset(cells, Encoders.STRING()).toDF("cell")
                .select(split(col("cell"), "\\|").getItem(0).as("area_code"),
                        split(col("cell"), "\\|").getItem(1).as("measure_id"));
        Dataset<Row> denominators = populationTotals.where(col("year").equalTo(population.year()))
                .select(col("area_code"), col("population").as("denominator"));
        Dataset<Row> rows = grid.join(counts, new String[]{"area_code", "measure_id"}, "left")
                .withColumn("numerator", coalesce(col("numerator"), lit(0L)))
                .join(denominators, new String[]{"area_code"}, "left")
                .withColumn("value", CrudeRate.per1000(col("numerator"), col("denominator")))
                .withColumn("period", lit(period));
        rows = SmallNumberSuppression.apply(rows, rule, List.of("period", "measure_id"), "area_code",
                fi.tilannekuva.area.Area.COUNTRY, List.of("value"));
        return SCHEMA.conform(rows
                .withColumn("no_data_reason", when(col("value").isNull().and(col(SmallNumberSuppression.SUPPRESSED).unary_$bang()),
                        lit("no population for the area on 31 December " + population.year())))
                .withColumn("data_period", lit(period))
                .withColumn("denominator_period", lit(String.valueOf(population.year())))
                .withColumn("source", lit(source))
                .withColumn("run_id", lit(runId)));
    }
}
