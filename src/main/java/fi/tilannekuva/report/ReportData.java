package fi.tilannekuva.report;

import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.Freshness;
import fi.tilannekuva.picture.SituationalPicture;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

/**
 * What the quarterly report shows, read once: the quarter's picture, attention and freshness rows, the headline
 * measures' comparison rows, the catalogue and the areas — from a published release, or from the tables as they are
 * now for a draft ({@code releaseId} null). Rows are plain maps of column name to value.
 */
public record ReportData(String quarter, String releaseId, Timestamp publishedAt, List<Map<String, Object>> catalogue,
                         List<Map<String, Object>> areas, List<Map<String, Object>> picture,
                         List<Map<String, Object>> attention, List<Map<String, Object>> freshness,
                         List<Map<String, Object>> comparison) {

    /**
     * The quarter's latest release, or {@code release} when given; a draft from the current tables when the quarter
     * was never published and {@code draft} allows it.
     */
    public static ReportData read(Warehouse warehouse, Publications publications, Quarter quarter, String release,
                                  boolean draft) {
        String q = quarter.toString();
        Optional<String> id = release != null ? Optional.of(release) : publications.latestRelease(q);
        if (id.isPresent()) {
            String r = publications.checkRelease(q, id.get());
            Timestamp at = publications.record(r).select("published_at").first().getTimestamp(0);
            List<Map<String, Object>> catalogue = rows(publications.read(MeasureCatalogue.TABLE, r));
            return new ReportData(q, r, at, catalogue, rows(publications.read(AreasTable.TABLE, r)),
                    rows(publications.read(SituationalPicture.TABLE, r)),
                    rows(publications.read(SituationalPicture.ATTENTION, r)), rows(publications.read(Freshness.TABLE, r)),
                    rows(headline(publications.read(ComparisonTable.TABLE, r), catalogue)));
        }
        if (!draft) {
            throw new InputException("quarter " + q + " has not been published in " + warehouse.root()
                    + " (publish it first, or report --draft for the tables as they are now)");
        }
        if (!warehouse.exists(Layer.GOLD, SituationalPicture.TABLE)) {
            throw new InputException("no situational_picture in " + warehouse.root() + ": run refresh --quarter " + q);
        }
        List<Map<String, Object>> catalogue = rows(warehouse.read(Layer.GOLD, MeasureCatalogue.TABLE));
        Dataset<Row> comparison = warehouse.read(Layer.GOLD, ComparisonTable.TABLE)
                .where(length(col("period")).equalTo(4).and(col("period").cast("int").leq(quarter.year() + 1))
                        .or(length(col("period")).equalTo(6).and(col("period").leq(q))));
        List<Map<String, Object>> picture = rows(warehouse.read(Layer.GOLD, SituationalPicture.TABLE).where(col("quarter").equalTo(q)));
        if (picture.isEmpty()) {
            throw new InputException("situational_picture has no rows of " + q + ": run refresh --quarter " + q);
        }
        return new ReportData(q, null, null, catalogue, rows(warehouse.read(Layer.GOLD, AreasTable.TABLE)), picture,
                rows(warehouse.readIfExists(Layer.GOLD, SituationalPicture.ATTENTION).map(a -> a.where(col("quarter").equalTo(q)))
                        .orElse(null)),
                rows(warehouse.read(Layer.GOLD, Freshness.TABLE).where(col("quarter").equalTo(q))),
                rows(headline(comparison, catalogue)));
    }

    /** The catalogue's headline measures, in catalogue order. */
    public List<Map<String, Object>> headlineMeasures() {
        return catalogue.stream().filter(m -> Boolean.TRUE.equals(m.get("headline")))
                .sorted(java.util.Comparator.comparing(m -> (Integer) m.get("position"))).toList();
    }

    private static Dataset<Row> headline(Dataset<Row> comparison, List<Map<String, Object>> catalogue) {
        Object[] ids = catalogue.stream().filter(m -> Boolean.TRUE.equals(m.get("headline"))).map(m -> m.get("measure_id")).toArray();
        return comparison.where(col("measure_id").isin(ids));
    }

    private static List<Map<String, Object>> rows(Dataset<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (rows == null) {
            return out;
        }
        String[] names = rows.columns();
        for (Row r : rows.collectAsList()) {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], r.isNullAt(i) ? null : r.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
