package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Freshness;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.gold.PictureSources;
import fi.tilannekuva.gold.SituationalPicture;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * The last part of a refresh: the quarter's {@code freshness}, {@code attention} and {@code situational_picture},
 * assembled from {@code comparison} once every source has written its rows.
 */
final class PictureRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(PictureRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    PictureRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    void run(Quarter quarter) {
        Optional<Dataset<Row>> table = warehouse.readIfExists(Layer.GOLD, ComparisonTable.TABLE);
        if (table.isEmpty()) {
            stage.warn(LOG, "no comparison rows at all: no situational picture for " + quarter);
            return;
        }
        Dataset<Row> comparison = table.get().cache();
        try {
            String runId = stage.run.runId();
            Slice slice = Slice.where("quarter", quarter.toString());
            Dataset<Row> catalogue = MeasureCatalogue.rows(stage.spark, config.measures());
            List<String> areaCodes = config.areas().stream().map(a -> a.code()).toList();
            stage.write(Freshness.TABLE, Freshness.TABLE,
                    Freshness.compute(comparison, catalogue, areaCodes, quarter, loads(), checkWarnings(), runId), slice);
            Dataset<Row> freshness = warehouse.read(Layer.GOLD, Freshness.TABLE).where(slice.condition());
            // The rows the picture shows, chosen once for the attention list and the picture.
            Dataset<Row> chosen = SituationalPicture.chosenRows(comparison, catalogue, quarter).cache();
            try {
                stage.write(SituationalPicture.ATTENTION, SituationalPicture.ATTENTION,
                        SituationalPicture.attention(chosen, quarter, runId), slice);
                Dataset<Row> attention = warehouse.read(Layer.GOLD, SituationalPicture.ATTENTION).where(slice.condition());
                stage.write(SituationalPicture.TABLE, SituationalPicture.TABLE, SituationalPicture.compute(chosen,
                        AreasTable.rows(stage.spark, config.areas()), freshness, attention,
                        SituationalPicture.headline(config.measures()), quarter, runId), slice);
            } finally {
                chosen.unpersist();
            }
            long stale = freshness.where(col("stale").and(col("area_code").equalTo("SSS"))).count();
            if (stale > 0) {
                stage.warn(LOG, stale + " measure(s) of " + quarter + " have no national figure within their freshness limit (see freshness)");
            }
        } finally {
            comparison.unpersist();
        }
    }

    /** The run's warned checks per measure source (a source's silver tables summed). */
    private Dataset<Row> checkWarnings() {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> bySource = new java.util.TreeMap<>();
        ChecksTable.countsOfRun(warehouse, stage.run.runId()).ifPresent(c -> c.collectAsList().forEach(r -> {
            String table = r.getString(0);
            long warned = r.isNullAt(1) ? 0 : r.getLong(1);
            PictureSources.SOURCES.forEach(source -> {
                if (source.silverTables().contains(table)) {
                    bySource.merge(source.name(), warned, Long::sum);
                }
            });
        }));
        bySource.forEach((source, n) -> rows.add(RowFactory.create(source, n)));
        return stage.spark.createDataFrame(rows, new StructType().add("source", DataTypes.StringType)
                .add("checks_warned", DataTypes.LongType));
    }

    /** Latest load time per source and area ({@code area_code} null: over the whole source). */
    private Dataset<Row> loads() {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (PictureSources.Source source : PictureSources.SOURCES) {
            for (String t : source.silverTables()) {
                warehouse.readIfExists(Layer.SILVER, t).ifPresent(rows -> {
                    parts.add(rows.agg(max("loaded_at").as("loaded_at"))
                            .select(lit(source.name()).as("source"), lit(null).cast("string").as("area_code"), col("loaded_at")));
                    if (Arrays.asList(rows.columns()).contains("area_code")) {
                        parts.add(rows.where(col("area_code").isNotNull()).groupBy("area_code")
                                .agg(max("loaded_at").as("loaded_at"))
                                .select(lit(source.name()).as("source"), col("area_code"), col("loaded_at")));
                    }
                });
            }
        }
        return parts.stream().reduce(Dataset::unionByName).orElseGet(() -> stage.spark.sql(
                "SELECT CAST(NULL AS STRING) AS source, CAST(NULL AS STRING) AS area_code, CAST(NULL AS TIMESTAMP) AS loaded_at WHERE false"));
    }
}
