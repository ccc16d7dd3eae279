package fi.tilannekuva.gold;

import fi.tilannekuva.period.Periods;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code freshness}: for the picture of one quarter, each measure's latest period with a figure per area,
 * when its source was last loaded, and whether that figure is older than the catalogue's freshness limit.
 */
public final class Freshness {

    public static final String TABLE = "freshness";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("quarter", DataTypes.StringType, "The situational picture's quarter.")
            .column("source", DataTypes.StringType, "Source of the measure.")
            .column("measure_id", DataTypes.StringType, "Measure id (measure_catalogue).")
            .column("area_code", DataTypes.StringType, "Area code; SSS the whole country.")
            .column("latest_period", DataTypes.StringType, "The latest period, not after the quarter, with data for the area (a figure, or one withheld as a small number); null when there is none.")
            .column("latest_loaded_at", DataTypes.TimestampType, "When the source's data for the area was last loaded (the source's latest load when its rows have no area).")
            .column("age_months", DataTypes.IntegerType, "Whole months from the end of latest_period to the end of the quarter (0 for a period ending later, such as next year's funding); null without a figure.")
            .column("freshness_limit_months", DataTypes.IntegerType, "The catalogue's limit.")
            .column("stale", DataTypes.BooleanType, "True when age_months is above the limit or the area has no figure at all.")
            .column("checks_warned", DataTypes.LongType, "Checks of the source's input files that warned in the run (see checks).")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private Freshness() {
    }

    /**
     * @param comparison the whole {@code comparison} table
     * @param catalogue  {@link MeasureCatalogue#rows}
     * @param areaCodes  every area, SSS included
     * @param loads      {@code source, area_code (null: the whole source), loaded_at}
     * @param checks     {@code source, checks_warned}: the run's warned checks per source
     */
    public static Dataset<Row> compute(Dataset<Row> comparison, Dataset<Row> catalogue, List<String> areaCodes,
                                       Quarter quarter, Dataset<Row> loads, Dataset<Row> checks, String runId) {
        Column end = lit(java.sql.Date.valueOf(quarter.lastDay()));
        Dataset<Row> measures = catalogue.select("measure_id", "source", "method", "freshness_limit_months");
        Dataset<Row> grid = measures.crossJoin(broadcast(comparison.sparkSession()
                .createDataset(areaCodes, Encoders.STRING()).toDF("area_code")));
        Dataset<Row> figures = comparison.drop("source")
                .join(broadcast(catalogue.select("measure_id", "method", "source")), "measure_id")
                // Data is there when a figure is published, withheld, or too small to standardise: only "no data" is missing.
                .where(ComparisonMeasures.figure(col("method")).isNotNull().or(col("suppressed"))
                        .or(col("numerator").isNotNull()))
                .where(notAfter(col("period"), col("source"), quarter))
                .groupBy("measure_id", "area_code")
                .agg(max_by(col("period"), Periods.ordinal(col("period"))).as("latest_period"));
        Dataset<Row> sourceWide = loads.where(col("area_code").isNull()).groupBy("source")
                .agg(max("loaded_at").as("_source_loaded_at"));
        Dataset<Row> perArea = loads.where(col("area_code").isNotNull()).groupBy("source", "area_code")
                .agg(max("loaded_at").as("_area_loaded_at"));
        // No figure at all is the oldest there is: null age, stale (greatest() would skip the null and give 0).
        Column age = when(col("latest_period").isNotNull(),
                greatest(lit(0), floor(months_between(end, Periods.lastDay(col("latest_period")))).cast("int")));
        return SCHEMA.conform(grid
                .join(figures, new String[]{"measure_id", "area_code"}, "left")
                .join(sourceWide, new String[]{"source"}, "left")
                .join(perArea, new String[]{"source", "area_code"}, "left")
                .join(checks, new String[]{"source"}, "left")
                .withColumn("checks_warned", coalesce(col("checks_warned"), lit(0L)))
                .withColumn("quarter", lit(quarter.toString()))
                .withColumn("latest_loaded_at", coalesce(col("_area_loaded_at"), col("_source_loaded_at")))
                .withColumn("age_months", age)
                .withColumn("stale", coalesce(col("age_months").gt(col("freshness_limit_months")), lit(true)))
                .withColumn("run_id", lit(runId)));
    }

    /**
     * A quarterly period not after the quarter, or a year not after the quarter's; for the funding source, not after
     * the year following it: the funding of a year is set in the autumn before it, so next year's funding is already
     * the latest available. No other yearly figure can be of a year that has not begun.
     */
    static Column notAfter(Column period, Column source, Quarter quarter) {
        Column lastYear = when(source.equalTo(FundingTables.SOURCE), lit(quarter.year() + 1)).otherwise(lit(quarter.year()));
        return when(Periods.isQuarter(period), Periods.ordinal(period).leq(quarter.year() * 4 + quarter.quarter() - 1))
                .otherwise(Periods.ordinal(period).leq(lastYear));
    }
}
