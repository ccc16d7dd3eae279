package fi.tilannekuva.source.population;

import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.Denominators;
import fi.tilannekuva.method.StandardPopulation;
import fi.tilannekuva.source.FileFormat;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceLoader;

import static fi.tilannekuva.source.Typing.areaCode;
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

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * {@code reference/population_<YYYY>.csv}: population on 31 December of YYYY by area, sex and five-year age
 * band. {@code area_code} is an area code (two digits) or a municipality code (three digits), which is rolled
 * up through the key of the same year. Country rows ({@code SSS}) are kept but never summed: the country is
 * the sum of the areas (METHODS.md §1).
 */
public final class PopulationSource {

    public static final String TABLE = Denominators.TABLE;
    public static final List<String> SILVER = List.of("year", "area_code", "municipality", "level", "sex", "age_group",
            "population");

    private PopulationSource() {
    }

    /** The population by area, sex and age: the denominators of every rate. */
    public static List<SourceChain> chains(SourceContext context) {
        return List.of(SourceChain.of(source(context.config().catalogue().areas(), context.lookup())));
    }

    public static InputSource source(List<Area> areas, MunicipalityLookup lookup) {
        List<String> codes = areas.stream().map(Area::code).filter(c -> !Area.COUNTRY.equals(c)).toList();
        return new InputSource(TABLE, "reference", Pattern.compile("population_(\\d{4})\\.csv"), FileFormat.csv(','),
                List.of("area_code", "sex", "age_group", "population"), Set.of(), "population",
                (bronze, year) -> typed(bronze, year.cast("int"), codes, lookup), SILVER);
    }

    /** Typed population rows of {@code year} (the file's); {@code areaCodes} are the known area codes (without SSS). */
    public static Dataset<Row> typed(Dataset<Row> bronze, Column year, List<String> areaCodes, MunicipalityLookup lookup) {
        List<Column> cols = new ArrayList<>(Arrays.asList(SourceLoader.lineage(bronze)));
        cols.add(text("area_code").as("raw_area"));
        cols.add(text("sex").as("raw_sex"));
        cols.add(text("age_group").as("raw_age_group"));
        cols.add(text("population").as("raw_population"));
        Column raw = col("raw_area");
        Column isMunicipality = raw.rlike("^[0-9]{3}$");
        Column band = regexp_replace(col("raw_age_group"), "\\s+", "");
        List<String> withCountry = new java.util.ArrayList<>(areaCodes);
        withCountry.add(Area.COUNTRY);
        Dataset<Row> typed = bronze.select(cols.toArray(Column[]::new))
                .withColumn("year", year)
                .withColumn("sex", integer("raw_sex"))
                .withColumn("age_group", when(band.isin(StandardPopulation.AGE_GROUPS.toArray()), band))
                .withColumn("population", expr("try_cast(raw_population AS BIGINT)"))
                .withColumn("level", when(upper(raw).equalTo(Area.COUNTRY), lit("country"))
                        .when(isMunicipality, lit("municipality"))
                        .otherwise(lit("area")))
                .withColumn("municipality", when(isMunicipality, raw))
                .withColumn("_area_direct", areaCode("raw_area", withCountry));
        return lookup.resolve(typed, when(isMunicipality, raw), col("year"), "_area_municipality", "_key_year")
                .withColumn("area_code", when(isMunicipality, col("_area_municipality")).otherwise(col("_area_direct")))
                .drop("_area_direct", "_area_municipality", "_key_year");
    }
}
