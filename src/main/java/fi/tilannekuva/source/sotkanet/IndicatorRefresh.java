package fi.tilannekuva.source.sotkanet;

import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;

/**
 * The Sotkanet part of a refresh: {@code indicator_values} for every year loaded, and the followed indicators'
 * rows in {@code comparison}. Yearly figures do not depend on the refreshed quarter, so every year is recomputed;
 * only tables whose rows changed get a new version, so a revision shows in the table history.
 */
public final class IndicatorRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    public IndicatorRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    public void run(MunicipalityLookup lookup) {
        if (!warehouse.exists(Layer.SILVER, SotkanetSources.DATA)) {
            LOG.info("no Sotkanet data loaded yet: no indicator figures");
            return;
        }
        List<AppConfig.FollowedIndicator> followed = config.sources().indicators().followed();
        if (followed.isEmpty()) {
            return;
        }
        Dataset<Row> data = warehouse.read(Layer.SILVER, SotkanetSources.DATA);
        warnAboutMissing(data, followed);
        String runId = stage.run.runId();
        List<Row> values = IndicatorValues.compute(data, IndicatorValues.followed(stage.spark, followed),
                rows -> lookup.resolve(rows, MunicipalityLookup.normalised(col("region_code")), col("year"),
                        "area_code", "_key_year").drop("_key_year"),
                config.methods().suppression(), runId);
        stage.write(IndicatorValues.TABLE, IndicatorValues.TABLE, IndicatorValues.SCHEMA.frame(stage.spark, values),
                Slice.whole());
        List<String> areaCodes = config.catalogue().areas().stream().map(Area::code).toList();
        stage.addComparison(IndicatorValues.SOURCE, Slice.where("source", IndicatorValues.SOURCE),
                ComparisonTable.BASE.frame(stage.spark, IndicatorValues.comparisonRows(values, areaCodes, runId)));
    }

    /** A followed indicator without metadata has no names for people; one without data has no figures. */
    private void warnAboutMissing(Dataset<Row> data, List<AppConfig.FollowedIndicator> followed) {
        Set<Integer> withData = ids(data);
        Set<Integer> withMetadata = warehouse.readIfExists(Layer.SILVER, SotkanetSources.METADATA)
                .map(IndicatorRefresh::ids).orElse(Set.of());
        String noData = followed.stream().filter(f -> !withData.contains(f.id()))
                .map(f -> f.id() + " (" + f.measureId() + ")").collect(Collectors.joining(", "));
        String noMetadata = followed.stream().filter(f -> !withMetadata.contains(f.id()))
                .map(f -> String.valueOf(f.id())).collect(Collectors.joining(", "));
        if (!noData.isEmpty()) {
            warn("followed Sotkanet indicators without any data rows: " + noData);
        }
        if (!noMetadata.isEmpty()) {
            warn("followed Sotkanet indicators without indicators/metadata/<id>.json (no names or definitions): "
                    + noMetadata);
        }
    }

    private static Set<Integer> ids(Dataset<Row> rows) {
        Set<Integer> ids = new TreeSet<>();
        rows.select("indicator_id").distinct().collectAsList().forEach(r -> ids.add(r.getInt(0)));
        return ids;
    }

    private void warn(String message) {
        stage.warn(LOG, message);
    }
}
