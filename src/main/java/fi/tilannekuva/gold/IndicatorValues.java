package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.Ranking;
import fi.tilannekuva.source.sotkanet.SotkanetSources;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code indicator_values}: the followed Sotkanet indicators per year × area × gender, with the national
 * value (Sotkanet's own country row, region 658), the difference from it, the rank among areas by the indicator's
 * polarity and the change from the previous year. When a year arrives twice, the later load wins (later run, then
 * later file name, then later line).
 */
public final class IndicatorValues {

    public static final String TABLE = "indicator_values";
    public static final String SOURCE = "sotkanet";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("year", DataTypes.IntegerType, "Statistical year of the figure.")
            .column("area_code", DataTypes.StringType, "Statistics Finland area code; SSS = whole country (Sotkanet region 658).")
            .column("indicator_id", DataTypes.IntegerType, "Sotkanet indicator id; names and definitions in measure_catalogue.")
            .column("measure_id", DataTypes.StringType, "The measure the indicator publishes as in comparison.")
            .column("gender", DataTypes.StringType, "male, female or total.")
            .column("value", DataTypes.DoubleType, "Sotkanet's primary value (unit in measure_catalogue); null when suppressed.")
            .column("absolute_value", DataTypes.DoubleType, "Sotkanet's absolute value (the count behind the value), when given.")
            .column("national_value", DataTypes.DoubleType, "The whole country's value of the same year and gender.")
            .column("difference_from_country", DataTypes.DoubleType, "value - national_value (null for the country itself).")
            .column("rank", DataTypes.IntegerType, "Rank among the areas, 1 = best by the indicator's polarity; ties share a rank.")
            .column("areas_ranked", DataTypes.LongType, "How many areas were ranked.")
            .column("previous_year_value", DataTypes.DoubleType, "The area's value of the previous year.")
            .column("change_from_previous_year", DataTypes.DoubleType, "value - previous_year_value.")
            .column("higher_is_better", DataTypes.BooleanType, "Polarity of the indicator (from conf).")
            .column("suppressed", DataTypes.BooleanType, "True when value and count are withheld: the absolute value is 1-4, or would let such a count be worked out from a published total.")
            .column("rolled_up", DataTypes.BooleanType, "True when the figure is the sum of the area's municipalities (counts only).")
            .column("region_id", DataTypes.IntegerType, "The Sotkanet region id of the row (old ids 877-898 before 2024, new ids 956-978 from 2024).")
            .column("source_file", DataTypes.StringType, "The response file the figure came from.")
            .column("loaded_at", DataTypes.TimestampType, "When that file was loaded.")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private IndicatorValues() {
    }

    /** The followed indicators as rows: indicator_id, measure_id, higher_is_better, roll_up. */
    public static Dataset<Row> followed(SparkSession spark, List<AppConfig.FollowedIndicator> followed) {
        StructType schema = new StructType()
                .add("indicator_id", DataTypes.IntegerType)
                .add("measure_id", DataTypes.StringType)
                .add("higher_is_better", DataTypes.BooleanType)
                .add("roll_up", DataTypes.BooleanType);
        List<Row> rows = new ArrayList<>();
        followed.forEach(f -> rows.add(RowFactory.create(f.id(), f.measureId(), f.higherIsBetter(), f.rollUpMunicipalities())));
        return spark.createDataFrame(rows, schema);
    }

    /**
     * @param data             silver {@code sotkanet_data}
     * @param municipalityArea maps rows with {@code region_code} (a municipality) and {@code year} to their
     *                         {@code area_code} through the key of the year, for indicators that may be rolled up
     */
    public static Dataset<Row> compute(Dataset<Row> data, Dataset<Row> followed,
                                       UnaryOperator<Dataset<Row>> municipalityArea,
                                       AppConfig.SuppressionRule rule, String runId) {
        Dataset<Row> rows = data.join(broadcast(followed), "indicator_id");
        Dataset<Row> areas = latest(rows.where(col("area_code").isNotNull()),
                List.of("indicator_id", "area_code", "year", "gender"))
                .withColumn("rolled_up", lit(false));
        Dataset<Row> municipalities = latest(rows.where(col("roll_up")
                        .and(col("region_category").equalTo(SotkanetSources.MUNICIPALITY))),
                List.of("indicator_id", "region_id", "year", "gender"));
        Dataset<Row> rolled = municipalityArea.apply(municipalities.drop("area_code"))
                .where(col("area_code").isNotNull())
                .groupBy("indicator_id", "measure_id", "higher_is_better", "roll_up", "area_code", "year", "gender")
                .agg(sum("value").as("value"), sum("absolute_value").as("absolute_value"),
                        max("source_file").as("source_file"), max("loaded_at").as("loaded_at"))
                .withColumn("region_id", lit(null).cast("int"))
                .withColumn("rolled_up", lit(true))
                // A county's own row wins over the sum of its municipalities.
                .join(areas.select("indicator_id", "area_code", "year", "gender"),
                        new String[]{"indicator_id", "area_code", "year", "gender"}, "left_anti");
        Dataset<Row> all = areas.select(COLUMNS).unionByName(rolled.select(COLUMNS));
        return describe(all, rule, runId);
    }

    private static final Column[] COLUMNS = {col("indicator_id"), col("measure_id"), col("higher_is_better"),
            col("area_code"), col("year"), col("gender"), col("value"), col("absolute_value"), col("region_id"),
            col("rolled_up"), col("source_file"), col("loaded_at")};

    /** Per key, the row of the latest load: later run, then later file name, then later line. */
    static Dataset<Row> latest(Dataset<Row> rows, List<String> key) {
        return rows.withColumn("_n", row_number().over(Window.partitionBy(key.stream().map(c -> col(c)).toArray(Column[]::new))
                        .orderBy(col("loaded_at").desc(), col("source_file").desc(), col("line").desc())))
                .where(col("_n").equalTo(1)).drop("_n");
    }

    /** Suppression, the national value, difference, rank and change, from one row per key. */
    static Dataset<Row> describe(Dataset<Row> rows, AppConfig.SuppressionRule rule, String runId) {
        Dataset<Row> counted = rows.withColumnRenamed("absolute_value", "numerator");
        // A reader sees two kinds of totals: the country over the areas (per gender), and an area's total over sexes.
        Dataset<Row> suppressed = Disclosure.protect(counted, rule, List.of("indicator_id", "year", "gender", "area_code"),
                        List.of("numerator"),
                        List.of(new Disclosure.Totals(List.of("indicator_id", "year", "gender"), "area_code", Area.COUNTRY),
                                new Disclosure.Totals(List.of("indicator_id", "year", "area_code"), "gender", "total")),
                        List.of("value"))
                .withColumnRenamed("numerator", "absolute_value");
        Dataset<Row> national = suppressed.where(col("area_code").equalTo(Area.COUNTRY))
                .select(col("indicator_id"), col("year"), col("gender"), col("value").as("national_value"));
        Dataset<Row> previous = suppressed.select(col("indicator_id"), col("area_code"), col("gender"),
                col("year").plus(1).as("year"), col("value").as("previous_year_value"));
        Dataset<Row> described = suppressed
                .join(national, new String[]{"indicator_id", "year", "gender"}, "left")
                .join(previous, new String[]{"indicator_id", "area_code", "year", "gender"}, "left")
                // Rounded to 10 decimals: the difference of 7.1 and 7.3 is -0.2, not -0.20000000000000018.
                .withColumn("difference_from_country", when(col("area_code").notEqual(Area.COUNTRY),
                        round(col("value").minus(col("national_value")), 10)))
                .withColumn("change_from_previous_year", round(col("value").minus(col("previous_year_value")), 10))
                .withColumn("run_id", lit(runId));
        return SCHEMA.conform(Ranking.among(described, List.of("indicator_id", "year", "gender"), col("value"),
                col("higher_is_better"), col("area_code").notEqual(Area.COUNTRY)));
    }

    /**
     * The followed indicators' {@code comparison} rows (gender total): every area × measure × year that has
     * data for any area; an area without a figure has a null value and says why.
     */
    public static Dataset<Row> comparisonRows(SparkSession spark, Dataset<Row> values, List<String> areaCodes,
                                              String runId) {
        Dataset<Row> areas = spark.createDataset(areaCodes, Encoders.STRING()).toDF("area_code");
        Dataset<Row> total = values.where(col("gender").equalTo("total"));
        Dataset<Row> grid = total.select("measure_id", "year").distinct().crossJoin(broadcast(areas));
        Dataset<Row> rows = grid.join(total, new String[]{"measure_id", "year", "area_code"}, "left");
        return ComparisonTable.base(rows
                .withColumn("period", col("year").cast("string"))
                .withColumn("numerator", col("absolute_value"))
                .withColumn("denominator", lit(null).cast("double"))
                .withColumn("suppressed", coalesce(col("suppressed"), lit(false)))
                .withColumn("no_data_reason", when(col("indicator_id").isNull(),
                        lit("no figure for the area in the Sotkanet responses loaded")))
                .withColumn(ComparisonTable.NO_DATA_CODE, when(col("indicator_id").isNull(), lit("not_in_source")))
                .withColumn("data_period", col("year").cast("string"))
                .withColumn("denominator_period", lit(null).cast("string"))
                .withColumn("source", lit(SOURCE))
                .withColumn("run_id", lit(runId)));
    }
}
