package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.gold.ComparisonMeasures;
import fi.tilannekuva.period.Periods;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.source.funding.FundingTables;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gold {@code freshness}: for the picture of one quarter, each measure's latest period with a figure per area,
 * when its source was last loaded, and whether that figure is older than the catalogue's freshness limit.
 */
public final class Freshness {

    public static final String TABLE = "freshness";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("quarter", DataTypes.StringType, "The situational picture's quarter.")
            .column("source", DataTypes.StringType, "Source of the measure.")
            .column("measure_id", DataTypes.StringType, "Measure id (measure_catalogue).")
            .column("area_code", DataTypes.StringType, "Area code; SSS the whole country.")
            .column("latest_period", DataTypes.StringType, "The latest period, not after the quarter, with data for the area (a figure, or one withheld as a small number); null when there is none.")
            .column("latest_loaded_at", DataTypes.TimestampType, "When the source's data for the area was last loaded (the source's latest load when its rows have no area).")
            .column("age_months", DataTypes.IntegerType, "Whole months from the end of latest_period to the end of the quarter (0 for a period ending later, such as next year's funding); null without a figure.")
            .column("freshness_limit_months", DataTypes.IntegerType, "The catalogue's limit.")
            .column("stale", DataTypes.BooleanType, "True when age_months is above the limit or the area has no figure at all.")
            .column("checks_warned", DataTypes.LongType, "Checks of the source's input files that warned in the run (see checks).")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private Freshness() {
    }

    /** When a source's data was last loaded: for one area, or ({@code area} null) for the whole source. */
    public record Load(String source, String area, Timestamp loadedAt) {
    }

    /**
     * @param comparison the rows of {@code comparison} (at least period, area_code, measure_id, value,
     *                   standardised_value, numerator, suppressed, by name)
     * @param catalogue  the measure catalogue
     * @param areaCodes  every area, SSS included
     * @param loads      per source the latest loads ({@link Load})
     * @param checks     the run's warned checks per source
     */
    public static List<Row> compute(List<Row> comparison, List<AppConfig.Measure> catalogue, List<String> areaCodes,
                                    Quarter quarter, List<Load> loads, Map<String, Long> checks, String runId) {
        Map<String, AppConfig.Measure> measures = new HashMap<>();
        catalogue.forEach(m -> measures.putIfAbsent(m.id(), m));
        Map<String, String> latest = new HashMap<>();
        for (Row r : comparison) {
            AppConfig.Measure m = measures.get(r.<String>getAs("measure_id"));
            String period = r.getAs("period");
            // Data is there when a figure is published, withheld, or too small to standardise: only "no data" is missing.
            boolean data = ComparisonMeasures.figure(r, m) != null || Boolean.TRUE.equals(r.getAs("suppressed"))
                    || r.getAs("numerator") != null;
            if (m == null || !data || !notAfter(period, m.source(), quarter)) {
                continue;
            }
            latest.merge(m.id() + "|" + r.getAs("area_code"), period,
                    (a, b) -> Periods.ordinal(b) > Periods.ordinal(a) ? b : a);
        }
        Map<String, Timestamp> loaded = new HashMap<>();
        for (Load l : loads) {
            if (l.loadedAt() != null) {
                loaded.merge(loadKey(l.source(), l.area()), l.loadedAt(), (a, b) -> b.after(a) ? b : a);
            }
        }
        YearMonth end = YearMonth.from(quarter.lastDay());
        List<Row> out = new ArrayList<>();
        for (AppConfig.Measure m : catalogue) {
            for (String area : areaCodes) {
                String period = latest.get(m.id() + "|" + area);
                // No figure at all is the oldest there is: null age, stale.
                Integer age = period == null ? null
                        : (int) Math.max(0, YearMonth.from(Periods.lastDay(period)).until(end, ChronoUnit.MONTHS));
                Timestamp areaLoad = loaded.get(loadKey(m.source(), area));
                out.add(SCHEMA.row().set("quarter", quarter.toString()).set("source", m.source())
                        .set("measure_id", m.id()).set("area_code", area).set("latest_period", period)
                        .set("latest_loaded_at", areaLoad != null ? areaLoad : loaded.get(loadKey(m.source(), null)))
                        .set("age_months", age).set("freshness_limit_months", m.freshnessLimitMonths())
                        .set("stale", age == null || age > m.freshnessLimitMonths())
                        .set("checks_warned", checks.getOrDefault(m.source(), 0L)).set("run_id", runId).build());
            }
        }
        return out;
    }

    /** A load's key: the source and the area, or the whole source when {@code area} is null. */
    private static String loadKey(String source, String area) {
        return source + "|" + (area == null ? "*" : area);
    }

    /**
     * A quarterly period not after the quarter, or a year not after the quarter's; for the funding source, not after
     * the year following it: the funding of a year is set in the autumn before it, so next year's funding is already
     * the latest available. No other yearly figure can be of a year that has not begun.
     */
    public static boolean notAfter(String period, String source, Quarter quarter) {
        if (Periods.isQuarter(period)) {
            return Periods.ordinal(period) <= quarter.year() * 4 + quarter.quarter() - 1;
        }
        return Periods.ordinal(period) <= (FundingTables.SOURCE.equals(source) ? quarter.year() + 1 : quarter.year());
    }
}
