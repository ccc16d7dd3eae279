package fi.tilannekuva.gold;

import fi.tilannekuva.area.Area;
import fi.tilannekuva.period.Quarter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;

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
        // The same contact delivered again (an exact duplicate, or a corrected row in a later file): the latest wins.
        Dataset<Row> latest = contacts.where(col("period").equalTo(quarter.toString()))
                .withColumn("_version", row_number().over(Window.partitionBy("avohilmo_id")
                        .orderBy(col("loaded_at").desc(), col("source_file").desc(), col("line").desc())))
                .where(col("_version").equalTo(1))
                .where(col("is_contact"))
                .select("avohilmo_id", "tnro", "area_code");
        Dataset<Row> codes = procedures.where(col("code").isin(followedCodes.toArray()))
                .select("avohilmo_id", "code").distinct();
        Dataset<Row> guided = latest.join(codes, "avohilmo_id")
                .withColumn("_code", lower(col("code")));

        // One pass: the cube gives per area and code, per code (country), per area (any code) and the country's
        // any-code figure; distinct counts are recomputed at each level, never summed.
        Dataset<Row> all = guided.cube("area_code", "_code")
                .agg(countDistinct("avohilmo_id").as("contacts"), countDistinct("tnro").as("clients"))
                .withColumn("area_code", coalesce(col("area_code"), lit(Area.COUNTRY)))
                .withColumn("_code", coalesce(col("_code"), lit(ANY)));
        Dataset<Row> contactRows = all.select(col("area_code"),
                concat(col("_code"), lit("_contacts")).as("measure_id"), col("contacts").as("numerator"));
        Dataset<Row> clientRows = all.select(col("area_code"),
                concat(col("_code"), lit("_clients")).as("measure_id"), col("clients").as("numerator"));
        return contactRows.unionByName(clientRows).where(col("numerator").gt(0));
    }

    /** Whether any contact of the quarter is in silver at all: without data the quarter has no figures, not zeros. */
    public static boolean hasData(Dataset<Row> contacts, Quarter quarter) {
        return !contacts.where(col("period").equalTo(quarter.toString())).isEmpty();
    }
}
