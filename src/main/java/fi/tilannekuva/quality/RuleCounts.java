package fi.tilannekuva.quality;

import java.util.List;
import java.util.Map;

/**
 * Rows read and quarantined in one evaluation, how many rows failed each rule, and — when counted with an area
 * column — the distinct areas of the accepted rows (sorted; null when not counted), which the picture's freshness
 * takes from the ingestion log instead of reading every silver table again.
 */
public record RuleCounts(long rowsRead, long rowsQuarantined, Map<String, Long> failuresByRule, List<String> areas) {

    /** A file without data rows (a header only). */
    public static final RuleCounts NONE = new RuleCounts(0, 0, Map.of());

    public RuleCounts {
        failuresByRule = Map.copyOf(failuresByRule);
        areas = areas == null ? null : areas.stream().sorted().toList();
    }

    /** Counts without the areas. */
    public RuleCounts(long rowsRead, long rowsQuarantined, Map<String, Long> failuresByRule) {
        this(rowsRead, rowsQuarantined, failuresByRule, null);
    }

    public long rowsAccepted() {
        return rowsRead - rowsQuarantined;
    }
}
