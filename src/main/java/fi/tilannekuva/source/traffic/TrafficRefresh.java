package fi.tilannekuva.source.traffic;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.gold.QuarterPopulation;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service-tray part of a refresh: the quarter's {@code tray_traffic} and {@code tray_usefulness} and their
 * measures in {@code comparison}. Needs the tray registry; without it the trays are not reported at all.
 */
public final class TrafficRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRefresh.class);

    private final GoldStage stage;
    private final SparkSession spark;
    private final Warehouse warehouse;
    private final AppConfig config;

    public TrafficRefresh(GoldStage stage) {
        this.stage = stage;
        this.spark = stage.spark;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    public void run(Quarter quarter, QuarterPopulation population) {
        Optional<Dataset<Row>> trays = warehouse.readIfExists(Layer.SILVER, TrafficSources.TRAYS);
        if (trays.isEmpty()) {
            LOG.info("no tray registry (traffic/trays.csv) loaded yet: no tray figures");
            return;
        }
        List<String> areaCodes = config.catalogue().areas().stream().map(Area::code).filter(c -> !Area.COUNTRY.equals(c)).toList();
        Slice slice = Slice.where("period", quarter.toString());
        List<Dataset<Row>> comparison = new ArrayList<>();

        Optional<QuarterPopulation.Denominator> denominator = population.get();
        String runId = stage.run.runId();
        if (denominator.isEmpty()) {
            stage.warn(LOG, "no population file: tray visits per 1,000 residents of " + quarter + " cannot be computed");
        }
        Dataset<Row> totals = denominator.map(QuarterPopulation.Denominator::totals)
                .orElseGet(() -> TableSchema.empty(spark, "year INT, area_code STRING, population BIGINT"));
        int populationYear = denominator.map(d -> d.choice().year()).orElse(quarter.year() - 1);
        Dataset<Row> traysOfQuarter = TrayTraffic.traysOf(trays.get(), quarter).cache();
        Dataset<Row> traffic = TrayTraffic.compute(spark, traysOfQuarter,
                warehouse.readIfExists(Layer.SILVER, TrafficSources.TARMOA),
                warehouse.readIfExists(Layer.SILVER, TrafficSources.ANALYTICS), quarter, areaCodes, totals,
                populationYear, config.methods().suppression(), runId);
        stage.write(TrayTraffic.TABLE, TrayTraffic.TABLE, traffic, slice);
        // The rows just written are in memory (a local frame): no need to read the table back.
        comparison.add(TrayTraffic.comparisonRows(traffic, runId));

        Optional<Dataset<Row>> survey = warehouse.readIfExists(Layer.SILVER, TrafficSources.SURVEY);
        if (survey.isPresent()) {
            Dataset<Row> usefulness = TrayUsefulness.compute(spark, survey.get(), traysOfQuarter, quarter, areaCodes,
                    config.sources().traffic(), config.methods().suppression(), runId);
            stage.write(TrayUsefulness.TABLE, TrayUsefulness.TABLE, usefulness, slice);
            comparison.add(TrayUsefulness.comparisonRows(usefulness, runId));
        }
        traysOfQuarter.unpersist();
        stage.addComparison(TrayTraffic.SOURCE, slice.and("source", TrayTraffic.SOURCE),
                comparison.stream().reduce(Dataset::unionByName).orElseThrow());
    }
}
