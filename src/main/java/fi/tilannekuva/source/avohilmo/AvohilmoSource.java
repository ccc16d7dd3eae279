package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.source.FileFormat;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceLoader;

import static fi.tilannekuva.source.Typing.integer;
import static fi.tilannekuva.source.Typing.text;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.year;

/**
 * THL Avohilmo extracts ({@code visits/avohilmo_<YYYYMM>.csv} and the procedure sub-table
 * {@code _toimenpide.csv}): semicolon separated, latin-1 or UTF-8. Types the contacts, takes each contact's
 * area from the client's home municipality through the key of the contact's year, and its quarter from
 * {@code KAYNTI_ALKOI} (not from the file name).
 */
public final class AvohilmoSource {

    public static final String CONTACTS = "avohilmo_contacts";
    public static final String PROCEDURES = "avohilmo_procedures";
    public static final String DIRECTORY = "visits";
    /** The month in the contact file's name (yyyyMM), a lineage column the date rules read. */
    public static final String FILE_MONTH = "_file_month";
    /** The first day of {@link #FILE_MONTH} as a date; null when the name's month is not 01–12. */
    public static final String FILE_MONTH_START = "file_month_start";

    static final List<String> CONTACT_COLUMNS = List.of("AVOHILMO_ID", "TNRO", "ASIAKAS_KOTIKUNTA", "ASIAKAS_IKA",
            "ASIAKAS_SUKUPUOLI", "PALVELUNTUOTTAJA", "KAYNTI_PALVELUMUOTO", "KAYNTI_YHTEYSTAPA",
            "KAYNTI_AMMATTILUOKKA", "KAYNTI_KAVIJARYHMA", "KAYNTI_ALKOI", "PERUUTUS_AJANKOHTA");
    static final List<String> PROCEDURE_COLUMNS = List.of("AVOHILMO_ID", "JARJESTYS", "TOIMENPIDE");

    /** Silver columns of a contact. {@code tnro} stays in silver: it is needed to count distinct clients. */
    public static final List<String> CONTACT_SILVER = List.of("avohilmo_id", "tnro", "home_municipality", "area_code",
            "key_year", "age", "sex", "provider", "service_type", "contact_mode", "profession", "visitor_group",
            "started_at", "cancelled_at", "cancelled", "is_contact", "year", "period");
    public static final List<String> PROCEDURE_SILVER = List.of("avohilmo_id", "seq", "code");

    private AvohilmoSource() {
    }

    /** The Avohilmo inputs: contacts (their areas from the municipality key) and their procedure sub-tables. */
    public static List<SourceChain> chains(SourceContext context) {
        return List.of(SourceChain.of(contacts(context.config().sources().visits(), context.lookup())),
                SourceChain.of(procedures()));
    }

    public static InputSource contacts(AppConfig.VisitsSettings settings, MunicipalityLookup lookup) {
        return new InputSource(CONTACTS, DIRECTORY, Pattern.compile("avohilmo_(\\d{6})\\.csv"), FileFormat.csv(';'),
                CONTACT_COLUMNS, Set.of("TNRO"), "avohilmo-contacts",
                // The file's month, for the plausibility of each contact's date.
                (bronze, key) -> typedContacts(bronze.withColumn(FILE_MONTH, key), settings, lookup), CONTACT_SILVER);
    }

    public static InputSource procedures() {
        return new InputSource(PROCEDURES, DIRECTORY, Pattern.compile("avohilmo_(\\d{6})_toimenpide\\.csv"), FileFormat.csv(';'),
                PROCEDURE_COLUMNS, Set.of(), "avohilmo-procedures",
                (bronze, key) -> typedProcedures(bronze), PROCEDURE_SILVER);
    }

    private static Column timestamp(String column, String pattern) {
        return expr("try_to_timestamp(" + column + ", '" + pattern.replace("'", "\\'") + "')");
    }

    /** Typed contacts: ids, area, age and sex, the contact's time and whether it counts as a contact. */
    public static Dataset<Row> typedContacts(Dataset<Row> bronze, AppConfig.VisitsSettings settings,
                                             MunicipalityLookup lookup) {
        List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
        cols.add(text("AVOHILMO_ID").as("avohilmo_id"));
        cols.add(text("TNRO").as("tnro"));
        cols.add(text("ASIAKAS_KOTIKUNTA").as("raw_municipality"));
        cols.add(MunicipalityLookup.normalised(col("ASIAKAS_KOTIKUNTA")).as("home_municipality"));
        cols.add(text("ASIAKAS_IKA").as("raw_age"));
        cols.add(text("ASIAKAS_SUKUPUOLI").as("raw_sex"));
        cols.add(text("PALVELUNTUOTTAJA").as("provider"));
        cols.add(upper(text("KAYNTI_PALVELUMUOTO")).as("service_type"));
        cols.add(upper(text("KAYNTI_YHTEYSTAPA")).as("contact_mode"));
        cols.add(text("KAYNTI_AMMATTILUOKKA").as("profession"));
        cols.add(text("KAYNTI_KAVIJARYHMA").as("raw_visitor_group"));
        cols.add(text("KAYNTI_ALKOI").as("raw_started_at"));
        cols.add(text("PERUUTUS_AJANKOHTA").as("raw_cancelled_at"));
        Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                .withColumn("age", integer("raw_age"))
                .withColumn("sex", integer("raw_sex"))
                .withColumn("visitor_group", integer("raw_visitor_group"))
                .withColumn("started_at", timestamp("raw_started_at", settings.datetimePattern()))
                .withColumn("cancelled_at", timestamp("raw_cancelled_at", settings.datetimePattern()))
                // A non-empty cancellation time is a cancelled booking, even when the time itself is malformed.
                .withColumn("cancelled", col("raw_cancelled_at").isNotNull())
                .withColumn("year", year(col("started_at")))
                .withColumn("period", concat(col("year").cast("string"), lit("Q"), quarter(col("started_at")).cast("string")))
                // The first day of the file's month, which the date rules compare every contact with: built from the
                // name's digits, not parsed with a date pattern (Spark cannot fold a per-file value, so it parsed it
                // for every row, twice).
                .withColumn(FILE_MONTH_START, expr("CASE WHEN int(substr(" + FILE_MONTH + ", 5, 2)) BETWEEN 1 AND 12 "
                        + "THEN make_date(int(substr(" + FILE_MONTH + ", 1, 4)), int(substr(" + FILE_MONTH + ", 5, 2)), 1) END"));
        return lookup.resolve(typed, col("home_municipality"), col("year"), "area_code", "key_year")
                .withColumn("is_contact", col("cancelled").unary_$bang()
                        .and(coalesce(col("visitor_group").equalTo(settings.ownVisitorGroup()), lit(false))));
    }

    /** Typed procedures: one followed or other code per row, upper-case, without surrounding spaces. */
    public static Dataset<Row> typedProcedures(Dataset<Row> bronze) {
        List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
        cols.add(text("AVOHILMO_ID").as("avohilmo_id"));
        cols.add(text("JARJESTYS").as("raw_order"));
        cols.add(upper(text("TOIMENPIDE")).as("code"));
        return bronze.select(cols.toArray(Column[]::new))
                .withColumn("seq", integer("raw_order"));
    }
}
