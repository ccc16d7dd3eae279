package fi.tilannekuva.quality;

import java.util.Map;

/** Rows read and quarantined in one evaluation, and how many rows failed each rule. */
public record RuleCounts(long rowsRead, long rowsQuarantined, Map<String, Long> failuresByRule) {

    /** A file without data rows (a header only). */
    public static final RuleCounts NONE = new RuleCounts(0, 0, Map.of());

    public RuleCounts {
        failuresByRule = Map.copyOf(failuresByRule);
    }

    public long rowsAccepted() {
        return rowsRead - rowsQuarantined;
    }
}
