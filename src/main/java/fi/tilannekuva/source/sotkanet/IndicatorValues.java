package fi.tilannekuva.source.sotkanet;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Disclosure;
import fi.tilannekuva.method.Ranking;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

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
    public static List<Row> compute(Dataset<Row> data, Dataset<Row> followed,
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
        // The latest figure per key and the roll-up are rows of silver; what follows is of the figures, in Java.
        List<Row> all = areas.select(COLUMNS).unionByName(rolled.select(COLUMNS)).collectAsList();
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

    /** One figure of {@link #COLUMNS}, by name. */
    private record Figure(Row row) {
        String key(Object area, Object year) {
            return row.getAs("indicator_id") + "|" + year + "|" + row.getAs("gender") + "|" + area;
        }

        String area() {
            return row.getAs("area_code");
        }

        int year() {
            return row.<Integer>getAs("year");
        }

        Long count() {
            Double n = row.getAs("absolute_value");
            return n == null ? null : n.longValue();
        }
    }

    /** Suppression, the national value, difference, rank and change, from one row per key ({@link #COLUMNS}). */
    static List<Row> describe(List<Row> rows, AppConfig.SuppressionRule rule, String runId) {
        List<Figure> figures = rows.stream().map(Figure::new).toList();
        // A reader sees two kinds of totals: the country over the areas (per gender), and an area's total over sexes.
        Set<Figure> withheld = Disclosure.withheld(figures, rule,
                f -> List.of(f.row().<Object>getAs("indicator_id"), f.year(), f.row().<Object>getAs("gender"), f.area()),
                Map.of("numerator", Figure::count),
                List.of(new Disclosure.Sum<>(f -> List.of(f.row().<Object>getAs("indicator_id"), f.year(), f.row().<Object>getAs("gender")),
                                f -> Area.COUNTRY.equals(f.area())),
                        new Disclosure.Sum<>(f -> List.of(f.row().<Object>getAs("indicator_id"), f.year(), f.area()),
                                f -> "total".equals(f.row().<Object>getAs("gender")))));
        Map<String, Double> published = new HashMap<>();
        Map<String, List<Figure>> comparisons = new LinkedHashMap<>();
        for (Figure f : figures) {
            published.put(f.key(f.area(), f.year()), withheld.contains(f) ? null : f.row().<Double>getAs("value"));
            if (!Area.COUNTRY.equals(f.area())) {
                comparisons.computeIfAbsent(f.key("", f.year()), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Figure, Ranking.Rank> ranks = new IdentityHashMap<>();
        comparisons.values().forEach(group -> {
            // Without a polarity the lowest value comes first.
            Boolean higher = group.get(0).row().getAs("higher_is_better");
            ranks.putAll(Ranking.among(group, f -> published.get(f.key(f.area(), f.year())), Boolean.TRUE.equals(higher)));
        });
        List<Row> out = new ArrayList<>();
        for (Figure f : figures) {
            Row r = f.row();
            boolean suppressed = withheld.contains(f);
            Double value = published.get(f.key(f.area(), f.year()));
            Double national = published.get(f.key(Area.COUNTRY, f.year()));
            Double previous = published.get(f.key(f.area(), f.year() - 1));
            Ranking.Rank rank = ranks.get(f);
            out.add(SCHEMA.row().set("year", f.year()).set("area_code", f.area()).set("indicator_id", r.getAs("indicator_id"))
                    .set("measure_id", r.getAs("measure_id")).set("gender", r.getAs("gender")).set("value", value)
                    .set("absolute_value", suppressed ? null : r.getAs("absolute_value")).set("national_value", national)
                    .set("difference_from_country", Area.COUNTRY.equals(f.area()) ? null : roundedDifference(value, national))
                    .set("rank", rank == null ? null : rank.rank()).set("areas_ranked", rank == null ? null : rank.ranked())
                    .set("previous_year_value", previous).set("change_from_previous_year", roundedDifference(value, previous))
                    .set("higher_is_better", r.getAs("higher_is_better")).set("suppressed", suppressed)
                    .set("rolled_up", r.getAs("rolled_up")).set("region_id", r.getAs("region_id"))
                    .set("source_file", r.getAs("source_file")).set("loaded_at", r.getAs("loaded_at"))
                    .set("run_id", runId).build());
        }
        return out;
    }

    /** Rounded to 10 decimals: the difference of 7.1 and 7.3 is -0.2, not -0.20000000000000018. */
    private static Double roundedDifference(Double a, Double b) {
        if (a == null || b == null) {
            return null;
        }
        double d = a - b;
        return Double.isFinite(d) ? BigDecimal.valueOf(d).setScale(10, RoundingMode.HALF_UP).doubleValue() : d;
    }

    /**
     * The followed indicators' {@code comparison} rows (gender total, {@link ComparisonTable#BASE} but for the last
     * word of {@code no_data_code}): every area × measure × year that has data for any area; an area without a
     * figure has a null value and says why.
     */
    public static List<Row> comparisonRows(List<Row> values, List<String> areaCodes, String runId) {
        Map<String, Row> byCell = new LinkedHashMap<>();
        Set<String> measureYears = new LinkedHashSet<>();
        for (Row r : values) {
            if ("total".equals(r.getAs("gender"))) {
                byCell.put(r.getAs("measure_id") + "|" + r.getAs("year") + "|" + r.getAs("area_code"), r);
                measureYears.add(r.getAs("measure_id") + "|" + r.getAs("year"));
            }
        }
        List<Row> out = new ArrayList<>();
        for (String measureYear : measureYears) {
            String measure = measureYear.substring(0, measureYear.indexOf('|'));
            String year = measureYear.substring(measureYear.indexOf('|') + 1);
            for (String area : areaCodes) {
                Row r = byCell.get(measureYear + "|" + area);
                TableSchema.RowBuilder row = ComparisonTable.BASE.row().set("period", year).set("area_code", area)
                        .set("measure_id", measure).set(ComparisonTable.PARTIAL, false).set("data_period", year)
                        .set("source", SOURCE).set("run_id", runId);
                if (r == null) {
                    row.set("suppressed", false).set("no_data_reason", "no figure for the area in the Sotkanet responses loaded")
                            .set(ComparisonTable.NO_DATA_CODE, "not_in_source");
                } else {
                    row.set("numerator", r.getAs("absolute_value")).set("value", r.getAs("value"))
                            .set("suppressed", r.getAs("suppressed"));
                }
                out.add(row.build());
            }
        }
        return out;
    }
}
