package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.StandardPopulationKind;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.OabGuidanceCounts;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.method.DirectStandardisation;
import fi.tilannekuva.method.StandardPopulation;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.source.avohilmo.AvohilmoSource;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The Avohilmo part of a refresh: the quarter's OAB guidance contacts and clients per area in {@code comparison},
 * as crude and age–sex standardised rates per 1,000 residents.
 */
final class VisitRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(VisitRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    VisitRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    void run(Quarter quarter, QuarterPopulation populationOfQuarter) {
        if (!warehouse.exists(Layer.SILVER, AvohilmoSource.CONTACTS)) {
            LOG.info("no Avohilmo contacts loaded yet: no visit figures");
            return;
        }
        Dataset<Row> contacts = warehouse.read(Layer.SILVER, AvohilmoSource.CONTACTS);
        if (!OabGuidanceCounts.hasData(contacts, quarter)) {
            stage.warn(LOG, "no Avohilmo contacts in " + quarter + ": its visit figures are not published (no data, not zero)");
            return;
        }
        Dataset<Row> procedures = warehouse.readIfExists(Layer.SILVER, AvohilmoSource.PROCEDURES)
                .orElseThrow(() -> new InputException("visits/: contacts were loaded but no procedure sub-table "
                        + "(avohilmo_<YYYYMM>_toimenpide.csv) ever was"));
        QuarterPopulation.Denominator population = populationOfQuarter.get()
                .orElseThrow(() -> new InputException("reference/: no population file (population_<YYYY>.csv)"));
        List<String> areaCodes = config.areas().stream().map(Area::code).toList();
        List<String> followed = config.visits().followedCodes();
        Dataset<Row> byStratum = OabGuidanceCounts.countByStratum(contacts, procedures, followed, quarter).cache();
        try {
            Dataset<Row> strata = population.strata().where(col("year").equalTo(population.choice().year()));
            Dataset<Row> standard = config.standard() == StandardPopulationKind.ESP2013
                    ? StandardPopulation.esp2013(stage.spark)
                    : StandardPopulation.national(strata.where(col("area_code").equalTo(Area.COUNTRY)));
            Dataset<Row> standardised = DirectStandardisation.rates(byStratum.where(col("sex").isNotNull()
                            .and(col("age_group").isNotNull())), strata, standard,
                    List.of("area_code", "measure_id"), "area_code", List.of("sex", "age_group"), 1000);
            Dataset<Row> rows = ComparisonTable.fromCounts(stage.spark, OabGuidanceCounts.totals(byStratum),
                    standardised, areaCodes, OabGuidanceCounts.measureIds(followed), quarter.toString(),
                    population.totals(), population.choice(), OabGuidanceCounts.summed(), config.suppression(),
                    OabGuidanceCounts.SOURCE,
                    stage.run.runId());
            rows = OabGuidanceCounts.coverage(rows, quarter, config.visits().codesInUseFrom());
            stage.addComparison(OabGuidanceCounts.SOURCE,
                    Slice.where("period", quarter.toString()).and("source", OabGuidanceCounts.SOURCE), rows);
        } finally {
            byStratum.unpersist();
        }
    }
}
