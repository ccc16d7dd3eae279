package fi.tilannekuva.source.funding;

import fi.tilannekuva.source.FileFormat;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceLoader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static fi.tilannekuva.source.Typing.areaCode;
import static fi.tilannekuva.source.Typing.decimal;
import static fi.tilannekuva.source.Typing.integer;
import static fi.tilannekuva.source.Typing.key;
import static fi.tilannekuva.source.Typing.text;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The needs-based funding sources under {@code funding/} (Act 617/2021): THL's need model and factor shares,
 * the funding criteria and bases of a funding year, the Ministry of Finance's official calculation, and net
 * operating costs. Each file's year comes from its name.
 */
public final class FundingSources {

    public static final String NEED_MODEL = "need_model";
    public static final String NEED_FACTORS = "need_factors";
    public static final String CRITERIA = "funding_criteria";
    public static final String BASES = "funding_bases";
    public static final String OFFICIAL = "funding_official";
    public static final String COSTS = "costs";
    public static final String DIRECTORY = "funding";
    /** The need model's intercept row. */
    public static final String INTERCEPT = "Vakiotermi";

    private FundingSources() {
    }

    private static List<Column> start(Dataset<Row> bronze, Column fileYear) {
        List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
        cols.add(fileYear.cast("int").as("file_year"));
        return cols;
    }

    /** {@code need_model_<YYYY>.csv}: one row per factor (rivi) with its coefficient in each sector's model. */
    /**
     * The funding inputs. The need model first: factor rows are checked against it, so a changed model evaluates every
     * factor file again.
     */
    public static List<SourceChain> chains(SourceContext context) {
        return List.of(SourceChain.of(needModel(), needFactors(context.areaCodes(), context.silverTable(NEED_MODEL))),
                SourceChain.of(criteria()), SourceChain.of(bases(context.fundedCodes())),
                SourceChain.of(official(context.fundedCodes())), SourceChain.of(costs(context.areaCodes())));
    }

    public static InputSource needModel() {
        return new InputSource(NEED_MODEL, DIRECTORY, Pattern.compile("need_model_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("vuosi", "rivi", "muuttuja", "kerroin_terveydenhuolto", "kerroin_sosiaalihuolto",
                        "kerroin_vanhustenhuolto"), Set.of(), "need-model",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(text("vuosi").as("raw_year"));
                    cols.add(text("rivi").as("raw_row"));
                    cols.add(text("muuttuja").as("factor"));
                    cols.add(text("kerroin_terveydenhuolto").as("raw_health"));
                    cols.add(text("kerroin_sosiaalihuolto").as("raw_social"));
                    cols.add(text("kerroin_vanhustenhuolto").as("raw_elderly"));
                    // osio (the model's section) is descriptive: kept when the file has it.
                    cols.add(Arrays.asList(bronze.columns()).contains("osio")
                            ? text("osio").as("section") : lit(null).cast("string").as("section"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", integer("raw_year"))
                            .withColumn("row", integer("raw_row"))
                            .withColumn("beta_health", decimal("raw_health"))
                            .withColumn("beta_social", decimal("raw_social"))
                            .withColumn("beta_elderly", decimal("raw_elderly"))
                            .withColumn("is_intercept", coalesce(col("factor").equalTo(INTERCEPT), lit(false)));
                },
                List.of("year", "row", "section", "factor", "beta_health", "beta_social", "beta_elderly", "is_intercept"));
    }

    /**
     * {@code need_factors_<YYYY>.csv}: the share or mean of each factor per area (SSS = the country), joined to the
     * model on {@code rivi}. A row whose {@code rivi} is not in that year's model is quarantined, so the model must
     * be loaded first: {@code model} gives the silver need model when it exists.
     */
    public static InputSource needFactors(List<String> areaCodes, Supplier<Optional<Dataset<Row>>> model) {
        return new InputSource(NEED_FACTORS, DIRECTORY, Pattern.compile("need_factors_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("vuosi", "rivi", "hyvinvointialue_code", "osuus_tai_keskiarvo"), Set.of(), "need-factors",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(text("vuosi").as("raw_year"));
                    cols.add(text("rivi").as("raw_row"));
                    cols.add(text("hyvinvointialue_code").as("raw_area"));
                    cols.add(text("osuus_tai_keskiarvo").as("raw_value"));
                    Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", integer("raw_year"))
                            .withColumn("row", integer("raw_row"))
                            .withColumn("area_code", areaCode("raw_area", areaCodes))
                            .withColumn("value", decimal("raw_value"));
                    Dataset<Row> rows = model.get()
                            .map(m -> m.select(col("year").as("_m_year"), col("row").as("_m_row")).distinct())
                            .orElse(null);
                    if (rows == null) {
                        return typed.withColumn("in_model", lit(false));
                    }
                    return typed.join(broadcast(rows), col("year").equalTo(col("_m_year"))
                                    .and(col("row").equalTo(col("_m_row"))), "left")
                            .withColumn("in_model", col("_m_row").isNotNull())
                            .drop("_m_year", "_m_row");
                },
                List.of("year", "row", "area_code", "value"));
    }

    /** {@code funding_<YYYY>.csv}: each criterion's share of the national funding of funding year YYYY. */
    public static InputSource criteria() {
        return new InputSource(CRITERIA, DIRECTORY, Pattern.compile("funding_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("criterion", "share_percent", "national_total_eur"), Set.of(), "funding-criteria",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(key("criterion").as("criterion"));
                    cols.add(text("share_percent").as("raw_share"));
                    cols.add(text("national_total_eur").as("raw_total"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", col("file_year"))
                            .withColumn("share_percent", decimal("raw_share"))
                            .withColumn("national_total_eur", decimal("raw_total"));
                },
                List.of("year", "criterion", "share_percent", "national_total_eur"));
    }

    /** {@code funding_bases_<YYYY>.csv}: each funded area's base and coefficient of the criteria that are not need-based. */
    public static InputSource bases(List<String> fundedCodes) {
        return new InputSource(BASES, DIRECTORY, Pattern.compile("funding_bases_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("area_code", "criterion", "base", "coefficient"), Set.of(), "funding-bases",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(text("area_code").as("raw_area"));
                    cols.add(key("criterion").as("criterion"));
                    cols.add(text("base").as("raw_base"));
                    // The law has no coefficient for some criteria: an empty coefficient is 1.
                    cols.add(coalesce(text("coefficient"), lit("1")).as("raw_coefficient"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", col("file_year"))
                            .withColumn("area_code", areaCode("raw_area", fundedCodes))
                            .withColumn("base", decimal("raw_base"))
                            .withColumn("coefficient", decimal("raw_coefficient"));
                },
                List.of("year", "area_code", "criterion", "base", "coefficient"));
    }

    /** {@code funding_official_<YYYY>.csv} (optional): the Ministry of Finance's published amounts. */
    public static InputSource official(List<String> fundedCodes) {
        return new InputSource(OFFICIAL, DIRECTORY, Pattern.compile("funding_official_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("area_code", "criterion", "amount_eur"), Set.of(), "funding-official",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(text("area_code").as("raw_area"));
                    cols.add(key("criterion").as("criterion"));
                    cols.add(text("amount_eur").as("raw_amount"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", col("file_year"))
                            .withColumn("area_code", areaCode("raw_area", fundedCodes))
                            .withColumn("amount_eur", decimal("raw_amount"));
                },
                List.of("year", "area_code", "criterion", "amount_eur"));
    }

    /** {@code costs_<YYYY>.csv}: net operating costs per area and service sector. */
    public static InputSource costs(List<String> areaCodes) {
        return new InputSource(COSTS, DIRECTORY, Pattern.compile("costs_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("area_code", "sector", "net_operating_cost_eur"), Set.of(), "costs",
                (bronze, year) -> {
                    List<Column> cols = start(bronze, year);
                    cols.add(text("area_code").as("raw_area"));
                    cols.add(text("sector").as("raw_sector"));
                    cols.add(key("sector").as("sector"));
                    cols.add(text("net_operating_cost_eur").as("raw_cost"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("year", col("file_year"))
                            .withColumn("area_code", areaCode("raw_area", areaCodes))
                            .withColumn("net_operating_cost_eur", decimal("raw_cost"));
                },
                List.of("year", "area_code", "sector", "net_operating_cost_eur"));
    }
}
