package fi.tilannekuva.source;

import java.util.List;
import java.util.Map;

/**
 * What happened to one input file in a run: loaded (with rows read = accepted + quarantined and failures per
 * rule) or skipped because a file with the same content was loaded before; {@code rules} names the row rules
 * of its source.
 */
public record FileLoad(String source, String file, String sha256, String charset, Status status,
                       long rowsRead, long rowsAccepted, long rowsQuarantined, Map<String, Long> ruleFailures,
                       List<String> rules) {

    public enum Status { LOADED, UNCHANGED }

    public FileLoad {
        ruleFailures = Map.copyOf(ruleFailures);
        rules = List.copyOf(rules);
        if (status == Status.LOADED && rowsRead != rowsAccepted + rowsQuarantined) {
            throw new IllegalStateException(file + ": rows read " + rowsRead + " != accepted " + rowsAccepted
                    + " + quarantined " + rowsQuarantined);
        }
    }
}
