package fi.tilannekuva.source.sotkanet;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static fi.tilannekuva.source.Typing.decimal;
import static fi.tilannekuva.source.Typing.integer;
import static fi.tilannekuva.source.Typing.optionalText;
import static fi.tilannekuva.source.Typing.text;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * THL Sotkanet REST API 1.1 responses under {@code indicators/} (CC BY 4.0): the region list, one metadata
 * response per indicator, and any number of data responses as JSON or CSV. Region ids become area codes through
 * the ids in {@code conf/areas.conf} (new 956–978, old 877–898, country 658); rows of other regions (municipalities,
 * hospital districts, ...) are kept in silver with no area and never reach gold.
 */
public final class SotkanetSources {

    public static final String REGIONS = "sotkanet_regions";
    public static final String METADATA = "sotkanet_metadata";
    public static final String DATA = "sotkanet_data";
    public static final String DIRECTORY = "indicators";
    /** Region categories whose rows are areas. */
    public static final List<String> AREA_CATEGORIES = List.of("HYVINVOINTIALUE", "MAA");
    public static final String MUNICIPALITY = "KUNTA";

    public static final List<String> DATA_SILVER = List.of("indicator_id", "region_id", "region_category",
            "region_code", "area_code", "year", "gender", "value", "absolute_value");

    private SotkanetSources() {
    }

    private static Column areaOfRegion(Column regionId, Map<Integer, String> sotkanetIds) {
        if (sotkanetIds.isEmpty()) {
            return lit(null).cast("string");
        }
        List<Column> kv = new ArrayList<>();
        sotkanetIds.forEach((id, code) -> {
            kv.add(lit(id));
            kv.add(lit(code));
        });
        return element_at(map(kv.toArray(Column[]::new)), regionId);
    }

    /** {@code regions.json}: the /regions response, one record per region of every category. */
    /**
     * The Sotkanet inputs. The region list first: data rows are checked against it, so a changed list evaluates the
     * data again.
     */
    public static List<SourceChain> chains(SourceContext context) {
        Map<Integer, String> ids = context.resolver().sotkanetIndex();
        return List.of(SourceChain.of(regions(ids), data(ids, context.silverTable(REGIONS))),
                SourceChain.of(metadata()));
    }

    public static InputSource regions(Map<Integer, String> sotkanetIds) {
        return new InputSource(REGIONS, DIRECTORY, Pattern.compile("regions\\.json"), FileFormat.json(),
                List.of("id", "category"), Set.of(), "sotkanet-regions",
                (bronze, key) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(text("id").as("raw_id"));
                    cols.add(optionalText(bronze, "code").as("code"));
                    cols.add(upper(text("category")).as("category"));
                    for (String lang : List.of("fi", "sv", "en")) {
                        cols.add(optionalText(bronze, "title_" + lang).as("title_" + lang));
                    }
                    Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                            .withColumn("region_id", integer("raw_id"));
                    return typed.withColumn("area_code", when(col("category").isin(AREA_CATEGORIES.toArray()),
                            areaOfRegion(col("region_id"), sotkanetIds)));
                },
                List.of("region_id", "code", "category", "title_fi", "title_sv", "title_en", "area_code"));
    }

    /** {@code metadata/<id>.json}: the /indicators/{id} response: names, definitions, unit, source organisation. */
    public static InputSource metadata() {
        return new InputSource(METADATA, DIRECTORY + "/metadata", Pattern.compile("(\\d+)\\.json"), FileFormat.json(),
                List.of("id", "title_fi"), Set.of(), "sotkanet-metadata",
                (bronze, indicator) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(indicator.cast("int").as("file_indicator"));
                    cols.add(text("id").as("raw_id"));
                    for (String field : List.of("title", "description", "interpretation", "limits")) {
                        for (String lang : List.of("fi", "sv", "en")) {
                            cols.add(optionalText(bronze, field + "_" + lang).as(field + "_" + lang));
                        }
                    }
                    cols.add(optionalText(bronze, "primaryValueType_code").as("unit_code"));
                    for (String lang : List.of("fi", "sv", "en")) {
                        cols.add(optionalText(bronze, "primaryValueType_title_" + lang).as("unit_" + lang));
                        cols.add(optionalText(bronze, "organization_title_" + lang).as("organization_" + lang));
                    }
                    cols.add(optionalText(bronze, "decimals").as("raw_decimals"));
                    cols.add(optionalText(bronze, "data-updated").as("raw_data_updated"));
                    cols.add(optionalText(bronze, "range_start").as("raw_range_start"));
                    cols.add(optionalText(bronze, "range_end").as("raw_range_end"));
                    return bronze.select(cols.toArray(Column[]::new))
                            .withColumn("indicator_id", integer("raw_id"))
                            .withColumn("decimals", integer("raw_decimals"))
                            .withColumn("data_updated", expr("CAST(try_to_timestamp(raw_data_updated, 'yyyy-MM-dd') AS DATE)"))
                            .withColumn("range_start", integer("raw_range_start"))
                            .withColumn("range_end", integer("raw_range_end"));
                },
                List.of("indicator_id", "title_fi", "title_sv", "title_en", "description_fi", "description_sv",
                        "description_en", "interpretation_fi", "interpretation_sv", "interpretation_en", "limits_fi",
                        "limits_sv", "limits_en", "unit_code", "unit_fi", "unit_sv", "unit_en", "organization_fi",
                        "organization_sv", "organization_en", "decimals", "data_updated", "range_start", "range_end"));
    }

    /**
     * {@code data/*.json} and {@code data/*.csv}: the /json and /csv data responses, the same records either way
     * (the CSV header is {@code indicator;region;year;gender;primary value;absolute value}). A region is known
     * when it is an area or is in {@code regions.json}, so the regions are loaded first: {@code regions} gives the
     * silver region list when it exists.
     */
    public static InputSource data(Map<Integer, String> sotkanetIds, Supplier<Optional<Dataset<Row>>> regions) {
        FileFormat format = FileFormat.byExtension(Map.of("json", FileFormat.json(), "csv", FileFormat.csv(';')));
        return new InputSource(DATA, DIRECTORY + "/data", Pattern.compile(".+\\.(?i:json|csv)"), format,
                List.of("indicator", "region", "year", "gender"), Set.of(), "sotkanet-data",
                (bronze, key) -> {
                    List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
                    cols.add(text("indicator").as("raw_indicator"));
                    cols.add(text("region").as("raw_region"));
                    cols.add(text("year").as("raw_year"));
                    cols.add(text("gender").as("raw_gender"));
                    // The JSON response names the values value and absValue, the CSV response "primary value" and
                    // "absolute value"; a batch of both kinds has all four columns.
                    cols.add(coalesce(optionalText(bronze, "value"), optionalText(bronze, "primary_value")).as("raw_value"));
                    cols.add(coalesce(optionalText(bronze, "absValue"), optionalText(bronze, "absolute_value"))
                            .as("raw_absolute_value"));
                    Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                            .withColumn("indicator_id", integer("raw_indicator"))
                            .withColumn("region_id", integer("raw_region"))
                            .withColumn("year", integer("raw_year"))
                            .withColumn("gender", lower(col("raw_gender")))
                            .withColumn("value", decimal("raw_value"))
                            .withColumn("absolute_value", decimal("raw_absolute_value"))
                            .withColumn("area_code", areaOfRegion(col("region_id"), sotkanetIds));
                    Optional<Dataset<Row>> known = regions.get();
                    if (known.isEmpty()) {
                        return typed.withColumn("region_category", lit(null).cast("string"))
                                .withColumn("region_code", lit(null).cast("string"));
                    }
                    Dataset<Row> list = known.get().select(col("region_id").as("_r_id"),
                            col("category").as("region_category"), col("code").as("region_code"))
                            .dropDuplicates("_r_id");
                    return typed.join(broadcast(list), col("region_id").equalTo(col("_r_id")), "left").drop("_r_id");
                },
                DATA_SILVER);
    }
}
