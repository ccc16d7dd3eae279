package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * The last part of a refresh: the quarter's {@code freshness}, {@code attention} and {@code situational_picture},
 * assembled from {@code comparison} once every source has written its rows.
 */
public final class PictureRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(PictureRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    public PictureRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    public void run(Quarter quarter) {
        Optional<Dataset<Row>> table = warehouse.readIfExists(Layer.GOLD, ComparisonTable.TABLE);
        if (table.isEmpty()) {
            stage.warn(LOG, "no comparison rows at all: no situational picture for " + quarter);
            return;
        }
        Dataset<Row> comparison = table.get();
        String runId = stage.run.runId();
        Slice slice = Slice.where("quarter", quarter.toString());
        List<String> areaCodes = config.catalogue().areas().stream().map(Area::code).toList();
        // What the picture needs of the whole table: which cells have data in which periods (a few columns of tens
        // of thousands of rows after decades), collected once; the figures are worked out from it in plain Java.
        List<Row> cells = comparison.select("measure_id", "area_code", "period", "source", "value",
                "standardised_value", "numerator", "suppressed").collectAsList();
        List<Row> freshness = Freshness.compute(cells, config.catalogue().measures(), areaCodes, quarter, loads(), checkWarnings(), runId);
        stage.write(Freshness.TABLE, Freshness.TABLE, Freshness.SCHEMA.frame(stage.spark, freshness), slice);

        Map<String, MeasureKinds.UpdateCycle> cycleOf = new HashMap<>();
        config.catalogue().measures().forEach(m -> cycleOf.putIfAbsent(m.id(), m.updateCycle()));
        Set<String> standardised = config.catalogue().measures().stream()
                .filter(m -> m.method() == MeasureKinds.Method.STANDARDISED_RATE).map(AppConfig.Measure::id)
                .collect(Collectors.toSet());
        // The rows the picture shows, chosen once for the attention list and the picture.
        List<Row> chosen = comparison.where(SituationalPicture.shown(
                SituationalPicture.chosenPeriods(cycleOf, standardised, cells, quarter))).collectAsList();
        List<Row> attention = SituationalPicture.attention(chosen, config.catalogue().measures(), quarter, runId);
        stage.write(SituationalPicture.ATTENTION, SituationalPicture.ATTENTION,
                SituationalPicture.ATTENTION_SCHEMA.frame(stage.spark, attention), slice);
        List<AppConfig.Measure> headline = SituationalPicture.headline(config.catalogue().measures());
        stage.write(SituationalPicture.TABLE, SituationalPicture.TABLE, SituationalPicture.schema(headline).frame(stage.spark,
                SituationalPicture.compute(chosen, config.catalogue().areas(), freshness, attention, headline, quarter, runId)), slice);
        long stale = freshness.stream()
                .filter(r -> Boolean.TRUE.equals(r.getAs("stale")) && Area.COUNTRY.equals(r.getAs("area_code"))).count();
        if (stale > 0) {
            stage.warn(LOG, stale + " measure(s) of " + quarter + " have no national figure within their freshness limit (see freshness)");
        }
    }

    /** The run's warned checks per measure source (a source's silver tables summed). */
    private Map<String, Long> checkWarnings() {
        Map<String, Long> bySource = new TreeMap<>();
        ChecksTable.countsOfRun(warehouse, stage.run.runId()).ifPresent(c -> c.collectAsList().forEach(r -> {
            String table = r.getString(0);
            long warned = r.isNullAt(1) ? 0 : r.getLong(1);
            PictureSources.SOURCES.forEach(source -> {
                if (source.silverTables().contains(table)) {
                    bySource.merge(source.name(), warned, Long::sum);
                }
            });
        }));
        return bySource;
    }

    /**
     * Latest load time per source and area, and over the whole source (area null): every silver table of every
     * source in one Spark job.
     */
    private List<Freshness.Load> loads() {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (PictureSources.Source source : PictureSources.SOURCES) {
            for (String t : source.silverTables()) {
                warehouse.readIfExists(Layer.SILVER, t).ifPresent(rows -> parts.add(rows.select(lit(source.name()).as("source"),
                        Arrays.asList(rows.columns()).contains("area_code") ? col("area_code") : lit(null).cast("string").as("area_code"),
                        col("loaded_at"))));
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        List<Freshness.Load> loads = new ArrayList<>();
        parts.stream().reduce(Dataset::unionByName).orElseThrow().groupBy("source", "area_code")
                .agg(max("loaded_at")).collectAsList().forEach(r -> {
                    Timestamp at = r.getTimestamp(2);
                    loads.add(new Freshness.Load(r.getString(0), null, at));
                    if (!r.isNullAt(1)) {
                        loads.add(new Freshness.Load(r.getString(0), r.getString(1), at));
                    }
                });
        return loads;
    }
}
