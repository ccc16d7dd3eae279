package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.input.InputException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Population denominators per area and year from silver population rows: municipalities rolled up to their
 * area, the country as the sum of the areas, and the rule choosing which year's population a period uses.
 */
public final class Denominators {

    /** The silver table of residents (written by the population source), the denominators' rows. */
    public static final String TABLE = "population";

    /** Which population year a period's rates use, and whether it is the one the rule asked for. */
    public record Choice(int year, int wanted) {
        public boolean isFallback() {
            return year != wanted;
        }
    }

    private Denominators() {
    }

    /** Population per (year, area_code, sex, age_group), with SSS rows that sum the areas. */
    public static Dataset<Row> byStratum(Dataset<Row> population) {
        Dataset<Row> areas = population.where(col("level").notEqual("country"))
                .groupBy("year", "area_code", "sex", "age_group")
                .agg(sum("population").as("population"));
        Dataset<Row> country = areas.groupBy("year", "sex", "age_group")
                .agg(sum("population").as("population"))
                .withColumn("area_code", lit(Area.COUNTRY))
                .select("year", "area_code", "sex", "age_group", "population");
        return areas.unionByName(country);
    }

    /** Total population per (year, area_code), SSS included. */
    public static Dataset<Row> totals(Dataset<Row> population) {
        return byStratum(population).groupBy("year", "area_code").agg(sum("population").as("population"));
    }

    /**
     * Areas given both as municipalities and as a whole in the same year would be counted twice: that is an
     * input error naming the year and areas.
     */
    public static void checkOneLevelPerArea(Dataset<Row> population) {
        List<Row> mixed = population.where(col("level").notEqual("country"))
                .groupBy("year", "area_code").agg(countDistinct("level").as("levels"))
                .where(col("levels").gt(1)).orderBy("year", "area_code").collectAsList();
        if (!mixed.isEmpty()) {
            Row r = mixed.get(0);
            throw new InputException("reference/population_" + r.getInt(0) + ".csv: area " + r.getString(1)
                    + " is given both as municipalities and as a whole; use one level per area ("
                    + mixed.size() + " such areas)");
        }
    }

    /** The population year for rates of {@code year}, by the configured rule. */
    public static Choice choose(int year, NavigableSet<Integer> available, AppConfig.PopulationRule rule) {
        int wanted = rule.denominatorYear(year);
        if (available.contains(wanted)) {
            return new Choice(wanted, wanted);
        }
        Integer earlier = available.lower(wanted);
        if (rule.fallBackToLatest() && earlier != null) {
            return new Choice(earlier, wanted);
        }
        throw new InputException("reference/population_" + wanted + ".csv is missing: rates of " + year
                + " use the population at the end of " + wanted
                + (available.isEmpty() ? " (no population file was found)" : " (found: " + available + ")"));
    }

    public static NavigableSet<Integer> years(Dataset<Row> population) {
        NavigableSet<Integer> years = new TreeSet<>();
        population.select("year").distinct().collectAsList().forEach(r -> years.add(r.getInt(0)));
        return years;
    }
}
