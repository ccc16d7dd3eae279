package fi.tilannekuva.source.traffic;

import fi.tilannekuva.area.AreaResolver;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.source.FileFormat;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceLoader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static fi.tilannekuva.source.Typing.areaCode;
import static fi.tilannekuva.source.Typing.date;
import static fi.tilannekuva.source.Typing.integer;
import static fi.tilannekuva.source.Typing.key;
import static fi.tilannekuva.source.Typing.optionalText;
import static fi.tilannekuva.source.Typing.text;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.year;

/**
 * The digital wellbeing service trays (palvelutarjottimet) under {@code traffic/}: the registry of trays, the
 * national Tarmoa tray's monthly exports (areas named in Finnish), the web-analytics exports of the counties' own
 * trays, and the quarterly usefulness survey. Rows of a tray get their area from the registry, so it is loaded
 * first and a changed registry re-evaluates the other files.
 */
public final class TrafficSources {

    public static final String TRAYS = "trays";
    public static final String TARMOA = "tarmoa_traffic";
    public static final String ANALYTICS = "tray_analytics";
    public static final String SURVEY = "ux_survey";
    public static final String DIRECTORY = "traffic";
    public static final String TARMOA_PLATFORM = "tarmoa";
    public static final String OWN_PLATFORM = "own";

    private TrafficSources() {
    }

    /**
     * The service-tray inputs. The tray registry first: analytics and survey rows take their area from it, so a changed
     * registry evaluates them again.
     */
    public static List<SourceChain> chains(SourceContext context) {
        return List.of(SourceChain.of(trays(context.areaCodes()), analytics(context.silverTable(TRAYS)),
                        survey(context.config().sources().traffic(), context.silverTable(TRAYS))),
                SourceChain.of(tarmoa(context.resolver())));
    }

    /** {@code trays.csv}: tray_id, area_code, platform (tarmoa or own), launched_on (empty while piloting). */
    public static InputSource trays(List<String> areaCodes) {
        return new InputSource(TRAYS, DIRECTORY, Pattern.compile("trays\\.csv"), FileFormat.csv(','),
                List.of("tray_id", "area_code", "platform", "launched_on"), Set.of(), "trays",
                (bronze, k) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(text("tray_id").as("tray_id"));
                    cols.add(text("area_code").as("raw_area"));
                    cols.add(text("platform").as("raw_platform"));
                    cols.add(key("platform").as("platform"));
                    cols.add(text("launched_on").as("raw_launched_on"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("area_code", areaCode("raw_area", areaCodes))
                            .withColumn("launched_on", date("raw_launched_on"));
                },
                List.of("tray_id", "area_code", "platform", "launched_on"));
    }

    /** {@code tarmoa_<YYYYMM>.json}: {@code {"month": "2025-03", "areas": [{"area": "Pirkanmaa", ...}]}}. */
    public static InputSource tarmoa(AreaResolver resolver) {
        UserDefinedFunction areaByName = areaByName(resolver);
        return new InputSource(TARMOA, DIRECTORY, Pattern.compile("tarmoa_(\\d{6})\\.json"), FileFormat.json("areas"),
                List.of("month", "area", "front_page_visits", "page_loads"), Set.of(), "tarmoa",
                (bronze, fileMonth) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(fileMonth.as("file_month"));
                    cols.add(text("month").as("raw_month"));
                    cols.add(text("area").as("raw_area"));
                    cols.add(text("front_page_visits").as("raw_front_page_visits"));
                    cols.add(text("page_loads").as("raw_page_loads"));
                    cols.add(optionalText(bronze, "wellbeing_surveys").as("raw_wellbeing_surveys"));
                    return withPeriod(bronze.select(cols.toArray(Column[]::new))
                            .withColumn("month", regexp_replace(col("raw_month"), "-", ""))
                            .withColumn("area_code", areaByName.apply(col("raw_area")))
                            .withColumn("front_page_visits", integer("raw_front_page_visits"))
                            .withColumn("page_loads", integer("raw_page_loads"))
                            .withColumn("wellbeing_surveys", integer("raw_wellbeing_surveys")));
                },
                List.of("month_start", "period", "area_code", "front_page_visits", "page_loads", "wellbeing_surveys"));
    }

    /** {@code regional/<tray_id>_<YYYYMM>.csv}: daily rows date, page, visits, pageviews (front page: {@code /}). */
    public static InputSource analytics(Supplier<Optional<Dataset<Row>>> trays) {
        return new InputSource(ANALYTICS, DIRECTORY + "/regional", Pattern.compile("(.+_\\d{6})\\.csv"),
                FileFormat.csv(','), List.of("date", "page", "visits", "pageviews"), Set.of(), "tray-analytics",
                (bronze, trayAndMonth) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(regexp_extract(trayAndMonth, "^(.+)_([0-9]{6})$", 1).as("tray_id"));
                    cols.add(regexp_extract(trayAndMonth, "^(.+)_([0-9]{6})$", 2).as("file_month"));
                    cols.add(text("date").as("raw_date"));
                    cols.add(text("page").as("page"));
                    cols.add(text("visits").as("raw_visits"));
                    cols.add(text("pageviews").as("raw_pageviews"));
                    Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                            .withColumn("date", date("raw_date"))
                            .withColumn("visits", integer("raw_visits"))
                            .withColumn("pageviews", integer("raw_pageviews"))
                            .withColumn("period", concat(year(col("date")).cast("string"), lit("Q"),
                                    quarter(col("date")).cast("string")));
                    return withTrayArea(typed, trays);
                },
                List.of("tray_id", "area_code", "date", "period", "page", "visits", "pageviews"));
    }

    /** {@code ux_survey_<YYYYQn>.csv}: tray_id, respondent_group, answer, count — answers and groups in Finnish. */
    public static InputSource survey(AppConfig.TrafficSettings settings, Supplier<Optional<Dataset<Row>>> trays) {
        UserDefinedFunction answerCode = categoryCode(settings.answers());
        UserDefinedFunction groupCode = categoryCode(settings.respondentGroups());
        return new InputSource(SURVEY, DIRECTORY, Pattern.compile("ux_survey_(\\d{4}Q[1-4])\\.csv"),
                FileFormat.csv(','), List.of("tray_id", "respondent_group", "answer", "count"), Set.of(), "ux-survey",
                (bronze, quarterKey) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(quarterKey.as("period"));
                    cols.add(text("tray_id").as("tray_id"));
                    cols.add(text("respondent_group").as("respondent_group"));
                    cols.add(text("answer").as("answer"));
                    cols.add(text("count").as("raw_count"));
                    Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                            .withColumn("answer_code", answerCode.apply(col("answer")))
                            .withColumn("group_code", groupCode.apply(col("respondent_group")))
                            .withColumn("count", integer("raw_count"));
                    return withTrayArea(typed, trays);
                },
                List.of("period", "tray_id", "area_code", "respondent_group", "group_code", "answer", "answer_code",
                        "count"));
    }

    private static Dataset<Row> withPeriod(Dataset<Row> rows) {
        return rows.withColumn("month_start", expr("CAST(try_to_timestamp(concat(month, '01'), 'yyyyMMdd') AS DATE)"))
                .withColumn("period", concat(year(col("month_start")).cast("string"), lit("Q"),
                        quarter(col("month_start")).cast("string")));
    }

    /** The area of each row's tray from the registry; null when the tray is not in it. */
    private static Dataset<Row> withTrayArea(Dataset<Row> rows, Supplier<Optional<Dataset<Row>>> trays) {
        Optional<Dataset<Row>> registry = trays.get();
        if (registry.isEmpty()) {
            return rows.withColumn("area_code", lit(null).cast("string"));
        }
        Dataset<Row> areas = registry.get().select(col("tray_id").as("_t_id"), col("area_code"))
                .dropDuplicates("_t_id");
        return rows.join(broadcast(areas), col("tray_id").equalTo(col("_t_id")), "left").drop("_t_id");
    }

    private static UserDefinedFunction areaByName(AreaResolver resolver) {
        Map<String, String> index = resolver.nameIndex();
        return udf((UDF1<String, String>) v -> AreaResolver.byName(index, v), DataTypes.StringType);
    }

    /** The code of a survey answer or group given by its Finnish text (trimmed, any case, any Unicode form). */
    private static UserDefinedFunction categoryCode(List<AppConfig.SurveyCategory> categories) {
        Map<String, String> byText = new HashMap<>();
        categories.forEach(c -> byText.put(normalise(c.fi()), c.code()));
        return udf((UDF1<String, String>) v -> v == null ? null : byText.get(normalise(v)), DataTypes.StringType);
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
