package fi.tilannekuva.job;

import fi.tilannekuva.area.Area;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.TrayTraffic;
import fi.tilannekuva.gold.TrayUsefulness;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.source.traffic.TrafficSources;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service-tray part of a refresh: the quarter's {@code tray_traffic} and {@code tray_usefulness} and their
 * measures in {@code comparison}. Needs the tray registry; without it the trays are not reported at all.
 */
final class TrafficRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRefresh.class);

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final AppConfig config;
    private final RunContext run;
    private final List<String> warnings;

    TrafficRefresh(SparkSession spark, Warehouse warehouse, AppConfig config, RunContext run, List<String> warnings) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.config = config;
        this.run = run;
        this.warnings = warnings;
    }

    void run(Quarter quarter, QuarterPopulation population, Map<String, Long> gold) {
        Optional<Dataset<Row>> trays = warehouse.readIfExists(Layer.SILVER, TrafficSources.TRAYS);
        if (trays.isEmpty()) {
            LOG.info("no tray registry (traffic/trays.csv) loaded yet: no tray figures");
            return;
        }
        List<String> areaCodes = config.areas().stream().map(Area::code).filter(c -> !Area.COUNTRY.equals(c)).toList();
        String slice = "period = " + Warehouse.literal(quarter.toString());
        List<Dataset<Row>> comparison = new ArrayList<>();

        Optional<QuarterPopulation.Denominator> denominator = population.get();
        if (denominator.isEmpty()) {
            warn("no population file: tray visits per 1,000 residents of " + quarter + " cannot be computed");
        }
        Dataset<Row> totals = denominator.map(QuarterPopulation.Denominator::totals)
                .orElseGet(() -> spark.emptyDataFrame().selectExpr("CAST(NULL AS INT) AS year",
                        "CAST(NULL AS STRING) AS area_code", "CAST(NULL AS LONG) AS population").limit(0));
        int populationYear = denominator.map(d -> d.choice().year()).orElse(quarter.year() - 1);
        Dataset<Row> traffic = TrayTraffic.compute(spark, trays.get(),
                warehouse.readIfExists(Layer.SILVER, TrafficSources.TARMOA),
                warehouse.readIfExists(Layer.SILVER, TrafficSources.ANALYTICS), quarter, areaCodes, totals,
                populationYear, config.suppression(), run.runId());
        write(TrayTraffic.TABLE, traffic, slice, gold);
        comparison.add(TrayTraffic.comparisonRows(warehouse.read(Layer.GOLD, TrayTraffic.TABLE)
                .where(slice), run.runId()));

        Optional<Dataset<Row>> survey = warehouse.readIfExists(Layer.SILVER, TrafficSources.SURVEY);
        if (survey.isPresent()) {
            Dataset<Row> usefulness = TrayUsefulness.compute(spark, survey.get(),
                    TrayTraffic.traysOf(trays.get(), quarter), quarter, areaCodes, config.traffic(),
                    config.suppression(), run.runId());
            write(TrayUsefulness.TABLE, usefulness, slice, gold);
            comparison.add(TrayUsefulness.comparisonRows(warehouse.read(Layer.GOLD, TrayUsefulness.TABLE)
                    .where(slice), run.runId()));
        }
        Dataset<Row> rows = comparison.stream().reduce(Dataset::unionByName).orElseThrow().cache();
        try {
            warehouse.replaceIfChanged(Layer.GOLD, ComparisonTable.TABLE, rows,
                    slice + " AND source = " + Warehouse.literal(TrayTraffic.SOURCE), run.runId(), List.of("run_id"));
            gold.put(ComparisonTable.TABLE + " (" + TrayTraffic.SOURCE + ")", rows.count());
        } finally {
            rows.unpersist();
        }
    }

    private void write(String table, Dataset<Row> rows, String slice, Map<String, Long> gold) {
        Dataset<Row> cached = rows.cache();
        try {
            boolean changed = warehouse.replaceIfChanged(Layer.GOLD, table, cached, slice, run.runId(), List.of("run_id"));
            gold.put(table, cached.count());
            LOG.info("{} {}: {}", table, slice, changed ? "written" : "unchanged");
        } finally {
            cached.unpersist();
        }
    }

    private void warn(String message) {
        warnings.add(message);
        LOG.warn(message);
    }
}
