package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.period.Quarter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Contacts and distinct clients with the followed health-promotion guidance codes (OAB61–OAB64) per area in
 * one quarter, per code and for any followed code. A contact counts once per code however often the code was
 * recorded on it; a client counts once per area, so a client who moved counts in each area visited, and the
 * country's clients are a distinct count over all areas, not the sum of the areas.
 */
public final class OabGuidanceCounts {

    public static final String SOURCE = "avohilmo";
    public static final String ANY = "oab_any";

    private OabGuidanceCounts() {
    }

    /** The measure ids, in catalogue order: per code contacts and clients, then any code. */
    public static List<String> measureIds(List<String> followedCodes) {
        List<String> ids = new ArrayList<>();
        for (String code : followedCodes) {
            ids.add(code.toLowerCase(Locale.ROOT) + "_contacts");
            ids.add(code.toLowerCase(Locale.ROOT) + "_clients");
        }
        ids.add(ANY + "_contacts");
        ids.add(ANY + "_clients");
        return ids;
    }

    /**
     * Counts for {@code quarter}: columns {@code area_code, measure_id, numerator}, only where the count is
     * above zero (the caller completes the grid with zeros). The country is {@code SSS}.
     *
     * @param contacts   silver contacts (any periods)
     * @param procedures silver procedures
     */
    public static Dataset<Row> count(Dataset<Row> contacts, Dataset<Row> procedures, List<String> followedCodes,
                                     Quarter quarter) {
        return totals(countByStratum(contacts, guidedCodes(procedures, followedCodes), quarter));
    }

    /**
     * The measures whose country count is the sum of the areas' counts: contacts (each in one area). Distinct
     * clients are not: a client who moved counts in each area but once in the country.
     */
    public static boolean summed(String measureId) {
        return measureId.endsWith("_contacts");
    }

    /** The stratified counts summed over the strata: {@code area_code, measure_id, numerator}. */
    public static Dataset<Row> totals(Dataset<Row> byStratum) {
        return byStratum.groupBy("area_code", "measure_id").agg(sum("observed").as("numerator"));
    }

    /**
     * Counts for {@code quarter} per age–sex stratum, for standardised rates: {@code area_code, measure_id, sex,
     * age_group, observed}, only where the count is above zero. A contact is in the stratum of its client's age and sex
     * at the contact; a client in the stratum of their latest contact in the area, so that the strata sum to the
     * distinct clients. A contact without age or sex has a null stratum: it counts in the totals, not in a
     * standardised rate.
     *
     * @param contacts    silver contacts (any periods)
     * @param guidedCodes {@link #guidedCodes}
     */
    public static Dataset<Row> countByStratum(Dataset<Row> contacts, Dataset<Row> guidedCodes, Quarter quarter) {
        // Only a contact with a followed code can count: the others are left out first, by id, so every version of a
        // kept contact stays for the choice of its latest. A national quarter's few hundred thousand guided contacts
        // are then ordered, not its millions of contacts.
        Dataset<Row> latest = contacts.where(col("period").equalTo(quarter.toString()))
                .join(guidedCodes.select("avohilmo_id"), "avohilmo_id", "left_semi")
                // The same contact delivered again (an exact duplicate, or a corrected row in a later file): the
                // latest wins.
                .withColumn("_version", row_number().over(Window.partitionBy("avohilmo_id")
                        .orderBy(col("loaded_at").desc(), col("source_file").desc(), col("line").desc())))
                .where(col("_version").equalTo(1))
                .where(col("is_contact"))
                .select(col("avohilmo_id"), col("tnro"), col("area_code"), col("started_at"), col("sex"),
                        ageGroup(col("age")).as("age_group"));
        // Each guided contact counts in its area and the country, under each of its codes and under "any code" (on the
        // row of its first code): one row per contact, area and code, so a count of rows is a count of distinct
        // contacts. A client counts once, on the row of their latest contact in the area under the code.
        Dataset<Row> guided = latest.join(guidedCodes, "avohilmo_id")
                .withColumn("_first", row_number().over(Window.partitionBy("avohilmo_id").orderBy(col("code"))))
                .withColumn("_code", explode(when(col("_first").equalTo(1), array(lower(col("code")), lit(ANY)))
                        .otherwise(array(lower(col("code"))))))
                .withColumn("area_code", explode(array(col("area_code"), lit(Area.COUNTRY))))
                .withColumn("_latest", row_number().over(Window.partitionBy("area_code", "_code", "tnro")
                        .orderBy(col("started_at").desc(), col("avohilmo_id").desc())));
        // Contacts and clients from one pass over the rows, not a union of two queries: each would read the contacts
        // and order the guided ones again (a national quarter's OAB counts 19 -> 10 s of executor CPU).
        Dataset<Row> byStratum = guided.groupBy("area_code", "_code", "sex", "age_group").agg(
                functions.count(lit(1)).as("contacts"),
                functions.count(when(col("_latest").equalTo(1).and(col("tnro").isNotNull()), lit(1))).as("clients"));
        return byStratum
                .select(col("area_code"), col("_code"), col("sex"), col("age_group"), explode(array(
                        struct(lit("_contacts").as("measure"), col("contacts").as("observed")),
                        struct(lit("_clients").as("measure"), col("clients").as("observed")))).as("_m"))
                .where(col("_m.observed").gt(0))
                .select(col("area_code"), concat(col("_code"), col("_m.measure")).as("measure_id"), col("sex"),
                        col("age_group"), col("_m.observed").as("observed"));
    }

    /**
     * The followed codes recorded on each contact, {@code avohilmo_id, code}, once per contact and code: what
     * {@link #countByStratum} counts. Small (a few per cent of the procedures): materialised in memory, Spark sends
     * it to every task instead of ordering the quarter's contacts to join them.
     *
     * @param procedures silver procedures
     */
    public static Dataset<Row> guidedCodes(Dataset<Row> procedures, List<String> followedCodes) {
        return procedures.where(col("code").isin(followedCodes.toArray())).select("avohilmo_id", "code").distinct();
    }

    /** Five-year bands 0-4 … 80-84 and 85+, as in the population files. */
    static Column ageGroup(Column age) {
        Column start = floor(age.divide(5)).multiply(5).cast("int");
        return when(age.isNull().or(age.lt(0)), lit(null).cast("string"))
                .when(age.geq(85), lit("85+"))
                .otherwise(concat(start.cast("string"), lit("-"), start.plus(4).cast("string")));
    }

    /**
     * The quarter's comparison rows as far as the codes cover it (METHODS.md §7, partial periods): before the codes
     * were in use the quarter has no figures, with the reason (never zeros); the quarter they came into use in is
     * partial, saying how many of its months it covers.
     */
    public static Dataset<Row> coverage(Dataset<Row> rows, Quarter quarter, LocalDate codesInUseFrom) {
        if (!quarter.lastDay().isBefore(codesInUseFrom) && !quarter.firstDay().isBefore(codesInUseFrom)) {
            return rows;
        }
        String since = codesInUseFrom.getDayOfMonth() + "." + codesInUseFrom.getMonthValue() + "."
                + codesInUseFrom.getYear();
        if (quarter.lastDay().isBefore(codesInUseFrom)) {
            Dataset<Row> none = rows.withColumn("suppressed", lit(false))
                    .withColumn("no_data_reason", lit("the OAB codes are recorded from " + since + ": no figures before"))
                    .withColumn(ComparisonTable.NO_DATA_CODE, lit("not_recorded_yet"));
            for (String figure : List.of("numerator", "value", "standardised_value", "lower_95", "upper_95",
                    "lower_998", "upper_998")) {
                none = none.withColumn(figure, lit(null).cast("double"));
            }
            return none;
        }
        long days = ChronoUnit.DAYS.between(codesInUseFrom, quarter.lastDay()) + 1;
        long months = ChronoUnit.MONTHS.between(codesInUseFrom.withDayOfMonth(1), quarter.lastDay().plusDays(1));
        String covers = codesInUseFrom.getDayOfMonth() == 1 ? months + " of 3 months" : days + " days";
        return rows.withColumn("partial_period", lit(true))
                .withColumn("coverage_note", lit(covers + ": the OAB codes are recorded from " + since));
    }

    /** Whether any contact of the quarter is in silver at all: without data the quarter has no figures, not zeros. */
    public static boolean hasData(Dataset<Row> contacts, Quarter quarter) {
        return !contacts.where(col("period").equalTo(quarter.toString())).isEmpty();
    }
}
