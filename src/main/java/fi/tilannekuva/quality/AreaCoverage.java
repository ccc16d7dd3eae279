package fi.tilannekuva.quality;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * The area-coverage checks of {@code tilannekuva.checks.coverage}: every period of a silver table must hold each
 * expected area (e.g. every funded area for a funding year), or the run warns or fails before the gold stage.
 */
public final class AreaCoverage {

    public static final String CHECK = "area-coverage";

    private AreaCoverage() {
    }

    /** The areas present per period of {@code table} (its {@code area_code} and the rule's period column). */
    public static Map<String, Set<String>> areasByPeriod(Dataset<Row> table, AppConfig.CoverageRule rule) {
        Map<String, Set<String>> present = new TreeMap<>();
        table.where(col("area_code").isNotNull().and(col(rule.periodColumn()).isNotNull()))
                .select(col(rule.periodColumn()).cast("string"), col("area_code")).distinct().collectAsList()
                .forEach(r -> present.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1)));
        return present;
    }

    /** The areas a rule expects: those of the funding act, or every area but the country. */
    public static List<String> expected(AppConfig.CoverageRule rule, List<Area> areas) {
        return areas.stream().filter(a -> !a.isCountry()).filter(a -> "all".equals(rule.areas()) || a.funded())
                .map(Area::code).sorted().toList();
    }

    /** One result per period of the table: passed, or warned / failed by the rule's action, naming the missing areas. */
    public static List<FileChecks.Result> evaluate(AppConfig.CoverageRule rule, Map<String, Set<String>> present,
                                                   List<String> expected) {
        List<FileChecks.Result> results = new ArrayList<>();
        for (Map.Entry<String, Set<String>> p : present.entrySet()) {
            List<String> missing = expected.stream().filter(a -> !p.getValue().contains(a)).toList();
            int covered = expected.size() - missing.size();
            String subject = rule.source() + " " + rule.periodColumn() + " " + p.getKey();
            FileChecks.Status status = missing.isEmpty() ? FileChecks.Status.PASSED
                    : "fail".equals(rule.action()) ? FileChecks.Status.FAILED : FileChecks.Status.WARNED;
            String message = missing.isEmpty() ? null : subject + ": " + covered + " of " + expected.size() + " "
                    + rule.areas() + " areas, missing " + String.join(", ", missing) + " (tilannekuva.checks.coverage)";
            results.add(new FileChecks.Result(rule.source(), subject, CHECK, covered, (double) expected.size(),
                    rule.action(), status, message));
        }
        return results;
    }
}
