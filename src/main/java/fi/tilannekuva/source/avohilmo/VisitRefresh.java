package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.StandardPopulationKind;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.gold.QuarterPopulation;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.method.DirectStandardisation;
import fi.tilannekuva.method.StandardPopulation;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.Cells;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The Avohilmo part of a refresh: the quarter's OAB guidance contacts and clients per area in {@code comparison},
 * as crude and age–sex standardised rates per 1,000 residents.
 */
public final class VisitRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(VisitRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    public VisitRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    public void run(Quarter quarter, QuarterPopulation populationOfQuarter) {
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
        List<String> areaCodes = config.catalogue().areas().stream().map(Area::code).toList();
        List<String> followed = config.sources().visits().followedCodes();
        // Spark counts the contacts; the counts per area, measure and stratum (thousands) are worked out in Java.
        Dataset<Row> guidedCodes = OabGuidanceCounts.guidedCodes(procedures, followed).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> byStratum;
        try {
            // Materialised first, so that its size is known when the counts are planned: small, it is sent to every
            // task; grown large (decades of procedures), the contacts are joined to it by a shuffle instead.
            guidedCodes.count();
            byStratum = OabGuidanceCounts.countByStratum(contacts, guidedCodes, quarter).collectAsList();
        } finally {
            guidedCodes.unpersist();
        }
        int year = population.choice().year();
        Map<String, Map<DirectStandardisation.Stratum, Long>> residents = new HashMap<>();
        population.strata().where(col("year").equalTo(year)).select("area_code", "sex", "age_group", "population")
                .where(col("sex").isNotNull().and(col("population").isNotNull())).collectAsList()
                .forEach(r -> residents.computeIfAbsent(r.getString(0), a -> new HashMap<>())
                        .put(new DirectStandardisation.Stratum(Cells.intOf(r, 1), r.getString(2)),
                                Cells.longOf(r, 3)));
        Map<String, Long> totals = new HashMap<>();
        population.totals().where(col("year").equalTo(year).and(col("population").isNotNull()))
                .select("area_code", "population").collectAsList()
                .forEach(r -> totals.put(r.getString(0), Cells.longOf(r, 1)));
        Map<DirectStandardisation.Stratum, Double> standard = config.methods().standard() == StandardPopulationKind.ESP2013
                ? StandardPopulation.esp2013()
                : StandardPopulation.national(residents.getOrDefault(Area.COUNTRY, Map.of()));

        Map<String, Long> counts = new HashMap<>();
        Map<String, Map<DirectStandardisation.Stratum, Long>> observed = new HashMap<>();
        for (Row r : byStratum) {
            String cell = r.getString(0) + "|" + r.getString(1);
            long n = r.getLong(4);
            counts.merge(cell, n, Long::sum);
            // An event without age or sex counts in the totals, not in a standardised rate.
            if (!r.isNullAt(2) && !r.isNullAt(3)) {
                observed.computeIfAbsent(cell, c -> new HashMap<>()).merge(
                        new DirectStandardisation.Stratum(Cells.intOf(r, 2), r.getString(3)), n, Long::sum);
            }
        }
        Map<String, DirectStandardisation.Rate> standardised = new HashMap<>();
        observed.forEach((cell, strata) -> standardised.put(cell, DirectStandardisation.rate(strata,
                residents.getOrDefault(cell.substring(0, cell.indexOf('|')), Map.of()), standard, 1000)));
        List<Row> rows = ComparisonTable.fromCounts(counts, standardised, areaCodes,
                OabGuidanceCounts.measureIds(followed), quarter.toString(), totals, population.choice(),
                OabGuidanceCounts::summed, config.methods().suppression(), OabGuidanceCounts.SOURCE, stage.run.runId());
        stage.addComparison(OabGuidanceCounts.SOURCE,
                Slice.where("period", quarter.toString()).and("source", OabGuidanceCounts.SOURCE),
                OabGuidanceCounts.coverage(ComparisonTable.BASE.frame(stage.spark, rows), quarter,
                        config.sources().visits().codesInUseFrom()));
    }
}
