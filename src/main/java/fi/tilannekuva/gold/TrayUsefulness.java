package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.WilsonInterval;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code tray_usefulness}: the usefulness survey per quarter and area, per platform nationally and for the
 * whole country. Long format, one row per category: the five answers and the five respondent groups (each with
 * the total as category {@code all}), and two headline shares — useful (very useful + useful) of all answers and
 * of the answers with an opinion (other than "En osaa sanoa") — with 95 % Wilson intervals.
 */
public final class TrayUsefulness {

    public static final String TABLE = "tray_usefulness";
    public static final String ANSWER = "answer";
    public static final String GROUP = "respondent_group";
    public static final String USEFUL = "useful";
    public static final String ALL = "all";
    public static final String USEFUL_OF_ALL = "useful_of_all";
    public static final String USEFUL_OF_OPINIONS = "useful_of_opinions";
    /** The useful answers' sum of a scope: protected as a cell, published as the count of the headline shares. */
    private static final String USEFUL_COUNT = "useful_count";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("period", DataTypes.StringType, "Quarter of the survey, e.g. 2025Q4.")
            .column("area_code", DataTypes.StringType, "Statistics Finland area code; SSS = whole country.")
            .column("platform", DataTypes.StringType, "tarmoa or own: the area's tray (none: the area has no tray); for the country also all.")
            .column("dimension", DataTypes.StringType, "answer, respondent_group, or useful (the headline shares).")
            .column("category_code", DataTypes.StringType,
                    "The answer or group (all = every answer); useful_of_all, useful_of_opinions for dimension useful.")
            .column("label_fi", DataTypes.StringType, "The category in Finnish (answers and groups as the survey words them).")
            .column("label_sv", DataTypes.StringType, "The category in Swedish.")
            .column("label_en", DataTypes.StringType, "The category in English.")
            .column("count", DataTypes.LongType, "Answers in the category; null when suppressed or no data.")
            .column("base", DataTypes.LongType, "The answers the share is of: all answers, or those with an opinion.")
            .column("share_percent", DataTypes.DoubleType, "100 * count / base.")
            .column("share_lower_95", DataTypes.DoubleType, "Lower limit of the 95 % Wilson interval of the share, percent.")
            .column("share_upper_95", DataTypes.DoubleType, "Upper limit of the 95 % Wilson interval of the share, percent.")
            .column("suppressed", DataTypes.BooleanType, "True when the count is withheld: 1-4, or one that would let such a count be worked out from a published total.")
            .column("no_data_reason", DataTypes.StringType, "Why count is null when not suppressed.")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private TrayUsefulness() {
    }

    private static Dataset<Row> categories(SparkSession spark, AppConfig.TrafficSettings settings) {
        StructType schema = new StructType().add("dimension", DataTypes.StringType).add("category_code", DataTypes.StringType)
                .add("label_fi", DataTypes.StringType).add("label_sv", DataTypes.StringType)
                .add("label_en", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        settings.answers().forEach(a -> rows.add(RowFactory.create(ANSWER, a.code(), a.fi(), a.sv(), a.en())));
        AppConfig.Label allAnswers = settings.allAnswers();
        rows.add(RowFactory.create(ANSWER, ALL, allAnswers.fi(), allAnswers.sv(), allAnswers.en()));
        settings.respondentGroups().forEach(g -> rows.add(RowFactory.create(GROUP, g.code(), g.fi(), g.sv(), g.en())));
        AppConfig.Label allRespondents = settings.allRespondents();
        rows.add(RowFactory.create(GROUP, ALL, allRespondents.fi(), allRespondents.sv(), allRespondents.en()));
        return spark.createDataFrame(rows, schema);
    }

    /**
     * @param survey    silver {@code ux_survey}
     * @param trays     the trays in use at the end of the quarter ({@link TrayTraffic#traysOf})
     * @param areaCodes every area but the country
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> survey, Dataset<Row> trays, Quarter quarter,
                                       List<String> areaCodes, AppConfig.TrafficSettings settings,
                                       AppConfig.SuppressionRule rule, String runId) {
        String period = quarter.toString();
        Dataset<Row> platforms = trays.select(col("area_code"), col("platform"));
        Dataset<Row> answers = survey.where(col("period").equalTo(period))
                .join(broadcast(platforms), new String[]{"area_code"}, "left")
                .withColumn("platform", coalesce(col("platform"), lit("unknown")));
        Dataset<Row> byArea = scopeCounts(answers, col("area_code"), col("platform"));
        Dataset<Row> byPlatform = scopeCounts(answers, lit(Area.COUNTRY), col("platform"));
        Dataset<Row> national = scopeCounts(answers, lit(Area.COUNTRY), lit(ALL));
        Dataset<Row> counts = byArea.unionByName(byPlatform).unionByName(national);

        // Every area has rows (with no data when its tray had no answers); the country's scopes only when answered.
        Dataset<Row> areaScopes = spark.createDataset(areaCodes, Encoders.STRING()).toDF("area_code")
                .join(broadcast(platforms), new String[]{"area_code"}, "left")
                .withColumn("platform", coalesce(col("platform"), lit("none")));
        Dataset<Row> scopes = areaScopes.unionByName(counts.where(col("area_code").equalTo(Area.COUNTRY))
                .select("area_code", "platform").distinct());
        Dataset<Row> answered = counts.groupBy("area_code", "platform").agg(max(lit(true)).as("answered"));
        Dataset<Row> cells = scopes.crossJoin(broadcast(categories(spark, settings)))
                .join(counts, new String[]{"area_code", "platform", "dimension", "category_code"}, "left")
                .join(answered, new String[]{"area_code", "platform"}, "left")
                .withColumn("answered", coalesce(col("answered"), lit(false)))
                .withColumn("numerator", when(col("answered"), coalesce(col("count"), lit(0L))))
                .withColumn("period", lit(period))
                .drop("count");

        // The useful answers' sum is published too (the headline shares' count): one more cell, the total of the
        // useful answers of its scope, which the country's and the platforms' sums also add up.
        List<String> usefulCodes = settings.answers().stream().filter(AppConfig.SurveyCategory::useful)
                .map(AppConfig.SurveyCategory::code).toList();
        Column isUsefulAnswer = col("dimension").equalTo(ANSWER).and(col("category_code").isin(usefulCodes.toArray()));
        Dataset<Row> usefulCount = cells.where(isUsefulAnswer).groupBy("period", "area_code", "platform")
                .agg(sum("numerator").as("numerator"), max("answered").as("answered"))
                .withColumn("dimension", lit(USEFUL)).withColumn("category_code", lit(USEFUL_COUNT));
        Dataset<Row> withUseful = cells.unionByName(usefulCount, true)
                .withColumn("_useful_scope", when(isUsefulAnswer.or(col("category_code").equalTo(USEFUL_COUNT)),
                        concat_ws("|", col("period"), col("area_code"), col("platform"))));

        // The totals a reader sees: each scope's answers and groups add up to its total (category all, the same
        // number in both dimensions); the areas add up to the country, and the areas of a platform to its row.
        Column country = col("area_code").equalTo(Area.COUNTRY);
        Dataset<Row> protectedCells = Disclosure.protect(withUseful, rule,
                List.of("period", "area_code", "platform", "dimension", "category_code"), List.of("numerator"),
                List.of(new Disclosure.Totals(List.of("period", "area_code", "platform", "dimension"), "category_code", ALL),
                        new Disclosure.Totals(List.of("period", "area_code", "platform", "category_code"), "dimension",
                                ANSWER, col("category_code").equalTo(ALL)),
                        new Disclosure.Totals(List.of("period", "area_code", "platform", "category_code"), "dimension",
                                GROUP, col("category_code").equalTo(ALL)),
                        new Disclosure.Totals(List.of("period", "dimension", "category_code"), "area_code", Area.COUNTRY,
                                country.unary_$bang().or(col("platform").equalTo(ALL))),
                        new Disclosure.Totals(List.of("period", "dimension", "category_code", "platform"), "area_code",
                                Area.COUNTRY, col("platform").notEqual(ALL)),
                        new Disclosure.Totals(List.of("_useful_scope"), "category_code", USEFUL_COUNT,
                                col("_useful_scope").isNotNull())),
                List.of()).drop("_useful_scope");
        Dataset<Row> suppressed = protectedCells.where(col("dimension").notEqual(USEFUL));

        Dataset<Row> base = suppressed.where(col("category_code").equalTo(ALL))
                .select(col("area_code"), col("platform"), col("dimension"), col("numerator").as("base"));
        Dataset<Row> shares = suppressed.withColumnRenamed("numerator", "count")
                .join(base, new String[]{"area_code", "platform", "dimension"}, "left")
                .withColumn("base", when(col("suppressed").unary_$bang(), col("base")));
        Dataset<Row> useful = usefulShares(protectedCells, settings);
        return SCHEMA.conform(withShare(shares.unionByName(useful))
                .withColumn("no_data_reason", when(col("answered").unary_$bang(),
                        lit("no usefulness survey answers for " + period)))
                .withColumn("run_id", lit(runId)));
    }

    /** Answer and group counts of one scope (an area, a platform nationally, the country) with their totals. */
    private static Dataset<Row> scopeCounts(Dataset<Row> answers, Column area, Column platform) {
        Dataset<Row> scoped = answers.withColumn("area_code", area).withColumn("platform", platform);
        Dataset<Row> byAnswer = scoped.groupBy(col("area_code"), col("platform"), col("answer_code").as("category_code"))
                .agg(sum("count").as("count")).withColumn("dimension", lit(ANSWER));
        Dataset<Row> byGroup = scoped.groupBy(col("area_code"), col("platform"), col("group_code").as("category_code"))
                .agg(sum("count").as("count")).withColumn("dimension", lit(GROUP));
        Dataset<Row> total = scoped.groupBy("area_code", "platform").agg(sum("count").as("count"))
                .withColumn("category_code", lit(ALL));
        return byAnswer.unionByName(byGroup)
                .unionByName(total.withColumn("dimension", lit(ANSWER)))
                .unionByName(total.withColumn("dimension", lit(GROUP)));
    }

    /**
     * The two headline shares of each scope, whose count is the useful answers' sum (protected with the cells). Of
     * the answers with an opinion it is withheld also when "cannot say" is, since its base would reveal it.
     */
    private static Dataset<Row> usefulShares(Dataset<Row> cells, AppConfig.TrafficSettings settings) {
        List<String> noOpinion = settings.answers().stream().filter(AppConfig.SurveyCategory::noOpinion)
                .map(AppConfig.SurveyCategory::code).toList();
        Column code = col("category_code");
        Column useful = code.equalTo(USEFUL_COUNT);
        Column opinionless = col("dimension").equalTo(ANSWER).and(code.isin(noOpinion.toArray()));
        Column all = col("dimension").equalTo(ANSWER).and(code.equalTo(ALL));
        Dataset<Row> perScope = cells.groupBy("period", "area_code", "platform")
                .agg(max(when(useful, col("numerator"))).as("useful"),
                        sum(when(opinionless, col("numerator"))).as("no_opinion"),
                        max(when(all, col("numerator"))).as("n"),
                        max(when(useful, col("suppressed").cast("int"))).as("useful_withheld"),
                        max(when(opinionless, col("suppressed").cast("int"))).as("no_opinion_withheld"),
                        max(col("answered").cast("int")).as("answered"));
        Dataset<Row> ofAll = perScope.select(col("period"), col("area_code"), col("platform"),
                lit(USEFUL_OF_ALL).as("category_code"), lit(settings.usefulOfAll().fi()).as("label_fi"),
                lit(settings.usefulOfAll().sv()).as("label_sv"), lit(settings.usefulOfAll().en()).as("label_en"),
                col("useful").as("count"), col("n").as("base"), col("useful_withheld").equalTo(1).as("withheld"),
                col("answered"));
        Dataset<Row> ofOpinions = perScope.select(col("period"), col("area_code"), col("platform"),
                lit(USEFUL_OF_OPINIONS).as("category_code"), lit(settings.usefulOfOpinions().fi()).as("label_fi"),
                lit(settings.usefulOfOpinions().sv()).as("label_sv"), lit(settings.usefulOfOpinions().en()).as("label_en"),
                col("useful").as("count"), col("n").minus(col("no_opinion")).as("base"),
                col("useful_withheld").equalTo(1).or(col("no_opinion_withheld").equalTo(1)).as("withheld"),
                col("answered"));
        Dataset<Row> both = ofAll.unionByName(ofOpinions).withColumn("dimension", lit(USEFUL))
                .withColumn("answered", col("answered").equalTo(1));
        return both.withColumn("suppressed", coalesce(col("withheld"), lit(false)))
                .withColumn("count", when(col("suppressed").unary_$bang(), col("count")))
                .withColumn("base", when(col("suppressed").unary_$bang(), col("base")))
                .drop("withheld");
    }

    private static Dataset<Row> withShare(Dataset<Row> rows) {
        Column x = col("count").cast("double");
        Column n = col("base").cast("double");
        return rows.withColumn("share_percent", when(n.gt(0), x.multiply(100).divide(n)))
                .withColumn("share_lower_95", WilsonInterval.lower(x, n, WilsonInterval.Z95).multiply(100))
                .withColumn("share_upper_95", WilsonInterval.upper(x, n, WilsonInterval.Z95).multiply(100));
    }

    /** The {@code comparison} rows: tray_useful_share (useful of all answers, percent) per area and for the country. */
    public static Dataset<Row> comparisonRows(Dataset<Row> usefulness, String runId) {
        Dataset<Row> headline = usefulness.where(col("dimension").equalTo(USEFUL)
                .and(col("category_code").equalTo(USEFUL_OF_ALL))
                .and(col("area_code").notEqual(Area.COUNTRY).or(col("platform").equalTo(ALL))));
        return ComparisonTable.base(headline
                .withColumn("measure_id", lit("tray_useful_share"))
                .withColumn("numerator", col("count"))
                .withColumn("denominator", col("base"))
                .withColumn("value", col("share_percent"))
                .withColumn("data_period", col("period"))
                .withColumn("denominator_period", lit(null).cast("string"))
                .withColumn("source", lit(TrayTraffic.SOURCE))
                .withColumn("run_id", lit(runId)));
    }
}
