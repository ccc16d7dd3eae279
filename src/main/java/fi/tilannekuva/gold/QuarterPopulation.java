package fi.tilannekuva.gold;

import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.Layer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The population that rates of one quarter are divided by, read from silver once per refresh and shared by every
 * source's rates, with the year chosen by the configured rule (a fallback to an earlier year is warned once).
 */
public final class QuarterPopulation {

    private static final Logger LOG = LoggerFactory.getLogger(QuarterPopulation.class);

    /**
     * Population per (year, area_code) and per (year, area_code, sex, age_group), SSS included, and the year the
     * quarter's rates use.
     */
    public record Denominator(Dataset<Row> totals, Dataset<Row> strata, Denominators.Choice choice) {
    }

    private final GoldStage stage;
    private final Quarter quarter;
    private Optional<Denominator> value;

    public QuarterPopulation(GoldStage stage, Quarter quarter) {
        this.stage = stage;
        this.quarter = quarter;
    }

    /** Empty when no population file was ever loaded. Visits and trays ask for it at the same time. */
    public synchronized Optional<Denominator> get() {
        if (value == null) {
            value = stage.warehouse.readIfExists(Layer.SILVER, Denominators.TABLE).map(population -> {
                Denominators.checkOneLevelPerArea(population);
                Denominators.Choice choice = Denominators.choose(quarter.year(), Denominators.years(population),
                        stage.config.methods().population());
                if (choice.isFallback()) {
                    stage.warn(LOG, "rates of " + quarter + " use the population of " + choice.year()
                            + ": population_" + choice.wanted() + ".csv is missing");
                }
                return new Denominator(Denominators.totals(population), Denominators.byStratum(population), choice);
            });
        }
        return value;
    }
}
