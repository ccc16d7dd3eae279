package fi.tilannekuva.source.traffic;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Disclosure;
import fi.tilannekuva.method.WilsonInterval;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

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
    private static final String SEP = "|";

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

    /** A category of the table: a dimension's code and its labels. */
    private record Category(String dimension, String code, AppConfig.Label label) {
    }

    /** The scope a count is of: an area (with its tray's platform), a platform nationally, or the country. */
    private record Scope(String area, String platform) {
    }

    /** One cell: a scope's count of a category, null when the scope had no answers. */
    private record Cell(Scope scope, Category category, Long count, boolean answered) {
        boolean isUsefulAnswer(Set<String> usefulCodes) {
            return ANSWER.equals(category.dimension()) && usefulCodes.contains(category.code());
        }
    }

    private static List<Category> categories(AppConfig.TrafficSettings settings) {
        List<Category> all = new ArrayList<>();
        settings.answers().forEach(a -> all.add(new Category(ANSWER, a.code(), new AppConfig.Label(a.fi(), a.sv(), a.en()))));
        all.add(new Category(ANSWER, ALL, settings.allAnswers()));
        settings.respondentGroups().forEach(g -> all.add(new Category(GROUP, g.code(), new AppConfig.Label(g.fi(), g.sv(), g.en()))));
        all.add(new Category(GROUP, ALL, settings.allRespondents()));
        return all;
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
        Map<String, String> platformOf = new HashMap<>();
        trays.select("area_code", "platform").collectAsList().forEach(t -> platformOf.put(t.getString(0), t.getString(1)));
        // Spark sums the answers (they grow with the survey); the table is worked out from the sums.
        List<Row> answers = survey.where(col("period").equalTo(period))
                .groupBy("area_code", "answer_code", "group_code").agg(sum("count").as("count")).collectAsList();
        return SCHEMA.frame(spark, rows(answers, platformOf, period, areaCodes, settings, rule, runId));
    }

    private static List<Row> rows(List<Row> answers, Map<String, String> platformOf, String period,
                                  List<String> areaCodes, AppConfig.TrafficSettings settings,
                                  AppConfig.SuppressionRule rule, String runId) {
        // Each answer counts in its area's scope, its platform's national scope and the country's.
        Map<Scope, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Row a : answers) {
            String area = a.getString(0);
            String platform = platformOf.getOrDefault(area, "unknown");
            long n = a.isNullAt(3) ? 0 : a.getLong(3);
            for (Scope scope : List.of(new Scope(area, platform), new Scope(Area.COUNTRY, platform),
                    new Scope(Area.COUNTRY, ALL))) {
                Map<String, Long> of = counts.computeIfAbsent(scope, s -> new HashMap<>());
                of.merge(ANSWER + SEP + a.getString(1), n, Long::sum);
                of.merge(GROUP + SEP + a.getString(2), n, Long::sum);
                of.merge(ANSWER + SEP + ALL, n, Long::sum);
                of.merge(GROUP + SEP + ALL, n, Long::sum);
            }
        }
        // Every area has rows (with no data when its tray had no answers); the country's scopes only when answered.
        List<Scope> scopes = new ArrayList<>();
        areaCodes.forEach(a -> scopes.add(new Scope(a, platformOf.getOrDefault(a, "none"))));
        counts.keySet().stream().filter(s -> Area.COUNTRY.equals(s.area())).forEach(scopes::add);

        Set<String> usefulCodes = settings.answers().stream().filter(AppConfig.SurveyCategory::useful)
                .map(AppConfig.SurveyCategory::code).collect(Collectors.toSet());
        Set<String> noOpinion = settings.answers().stream().filter(AppConfig.SurveyCategory::noOpinion)
                .map(AppConfig.SurveyCategory::code).collect(Collectors.toSet());
        Category usefulCount = new Category(USEFUL, USEFUL_COUNT, null);
        List<Cell> cells = new ArrayList<>();
        for (Scope scope : scopes) {
            Map<String, Long> of = counts.get(scope);
            boolean answered = of != null;
            Long useful = null;
            for (Category c : categories(settings)) {
                Cell cell = new Cell(scope, c, answered ? of.getOrDefault(c.dimension() + SEP + c.code(), 0L) : null, answered);
                cells.add(cell);
                if (cell.isUsefulAnswer(usefulCodes) && cell.count() != null) {
                    useful = useful == null ? cell.count() : useful + cell.count();
                }
            }
            // The useful answers' sum is published too (the headline shares' count): one more cell, the total of the
            // useful answers of its scope, which the country's and the platforms' sums also add up.
            cells.add(new Cell(scope, usefulCount, useful, answered));
        }

        // The totals a reader sees: each scope's answers and groups add up to its total (category all, the same
        // number in both dimensions); the areas add up to the country, and the areas of a platform to its row.
        Predicate<Cell> country = c -> Area.COUNTRY.equals(c.scope().area());
        Predicate<Cell> isAll = c -> ALL.equals(c.category().code());
        Predicate<Cell> inUsefulSum = c -> c.isUsefulAnswer(usefulCodes) || c.category() == usefulCount;
        Set<Cell> withheld = Disclosure.withheld(cells, rule,
                c -> List.of(period, c.scope().area(), c.scope().platform(), c.category().dimension(), c.category().code()),
                Map.of("numerator", Cell::count),
                List.of(new Disclosure.Sum<>(c -> List.of(period, c.scope().area(), c.scope().platform(), c.category().dimension()), isAll),
                        new Disclosure.Sum<>(c -> List.of(period, c.scope().area(), c.scope().platform(), c.category().code()),
                                c -> ANSWER.equals(c.category().dimension()), isAll),
                        new Disclosure.Sum<>(c -> List.of(period, c.scope().area(), c.scope().platform(), c.category().code()),
                                c -> GROUP.equals(c.category().dimension()), isAll),
                        new Disclosure.Sum<>(c -> List.of(period, c.category().dimension(), c.category().code()), country,
                                country.negate().or(c -> ALL.equals(c.scope().platform()))),
                        new Disclosure.Sum<>(c -> List.of(period, c.category().dimension(), c.category().code(), c.scope().platform()),
                                country, c -> !ALL.equals(c.scope().platform())),
                        new Disclosure.Sum<>(c -> List.of(period, c.scope().area(), c.scope().platform()),
                                c -> c.category() == usefulCount, inUsefulSum)));

        List<Row> out = new ArrayList<>();
        String noAnswers = "no usefulness survey answers for " + period;
        Map<Scope, List<Cell>> byScope = cells.stream().collect(Collectors.groupingBy(Cell::scope, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Scope, List<Cell>> e : byScope.entrySet()) {
            Map<String, Cell> all = new HashMap<>();
            Cell usefulSum = null;
            Long noOpinionCount = null;
            boolean noOpinionWithheld = false;
            for (Cell c : e.getValue()) {
                Long count = withheld.contains(c) ? null : c.count();
                if (isAll.test(c)) {
                    all.put(c.category().dimension(), c);
                }
                if (c.category() == usefulCount) {
                    usefulSum = c;
                } else if (ANSWER.equals(c.category().dimension()) && noOpinion.contains(c.category().code())) {
                    if (count != null) {
                        noOpinionCount = noOpinionCount == null ? count : noOpinionCount + count;
                    }
                    noOpinionWithheld |= withheld.contains(c);
                }
            }
            for (Cell c : e.getValue()) {
                if (c.category() == usefulCount) {
                    continue;
                }
                boolean hidden = withheld.contains(c);
                Cell total = all.get(c.category().dimension());
                Long base = hidden || withheld.contains(total) ? null : total.count();
                out.add(share(c.scope(), c.category().dimension(), c.category().code(), c.category().label(),
                        hidden ? null : c.count(), base, hidden, c.answered(), period, noAnswers, runId));
            }
            // The two headline shares, whose count is the useful answers' sum. Of the answers with an opinion it is
            // withheld also when "cannot say" is, since its base would reveal it.
            Cell n = all.get(ANSWER);
            Long answersCount = withheld.contains(n) ? null : n.count();
            boolean usefulWithheld = withheld.contains(usefulSum);
            Long useful = usefulSum.count();
            out.add(share(e.getKey(), USEFUL, USEFUL_OF_ALL, settings.usefulOfAll(), usefulWithheld ? null : useful,
                    usefulWithheld ? null : answersCount, usefulWithheld, usefulSum.answered(), period, noAnswers, runId));
            boolean opinionsWithheld = usefulWithheld || noOpinionWithheld;
            Long opinions = answersCount == null || noOpinionCount == null ? null : answersCount - noOpinionCount;
            out.add(share(e.getKey(), USEFUL, USEFUL_OF_OPINIONS, settings.usefulOfOpinions(),
                    opinionsWithheld ? null : useful, opinionsWithheld ? null : opinions, opinionsWithheld,
                    usefulSum.answered(), period, noAnswers, runId));
        }
        return out;
    }

    private static Row share(Scope scope, String dimension, String code, AppConfig.Label label, Long count, Long base,
                             boolean suppressed, boolean answered, String period, String noAnswers, String runId) {
        TableSchema.RowBuilder row = SCHEMA.row().set("period", period).set("area_code", scope.area())
                .set("platform", scope.platform()).set("dimension", dimension).set("category_code", code)
                .set("label_fi", label.fi()).set("label_sv", label.sv()).set("label_en", label.en())
                .set("count", count).set("base", base).set("suppressed", suppressed)
                .set("no_data_reason", answered ? null : noAnswers).set("run_id", runId);
        if (count != null && base != null && base > 0) {
            double x = count;
            double n = base;
            row.set("share_percent", x * 100 / n)
                    .set("share_lower_95", WilsonInterval.lower(x, n, WilsonInterval.Z95) * 100)
                    .set("share_upper_95", WilsonInterval.upper(x, n, WilsonInterval.Z95) * 100);
        }
        return row.build();
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
