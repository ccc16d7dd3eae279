package fi.tilannekuva.quality;

import java.util.List;
import java.util.Map;

/**
 * What happened to one entry of the input root in a run: a file loaded (with rows read = accepted + quarantined and
 * failures per rule), skipped because a file with the same content was loaded before, or ignored (not a source's
 * file; {@code note} says why); {@code rules} names the row rules of its source. For a loaded file {@code note}
 * says which encoding was chosen and why.
 */
public record FileLoad(String source, String file, String sha256, String charset, Status status,
                       long rowsRead, long rowsAccepted, long rowsQuarantined, Map<String, Long> ruleFailures,
                       List<String> rules, String note) {

    public enum Status { LOADED, UNCHANGED, IGNORED, KILLED }

    /** An entry of a source folder that no source reads, with the reason. */
    public static FileLoad ignored(String folder, String entry, String reason) {
        return new FileLoad(folder, entry, null, null, Status.IGNORED, 0, 0, 0, Map.of(), List.of(), reason);
    }

    public FileLoad {
        ruleFailures = Map.copyOf(ruleFailures);
        rules = List.copyOf(rules);
        if (status == Status.LOADED && rowsRead != rowsAccepted + rowsQuarantined) {
            throw new IllegalStateException(file + ": rows read " + rowsRead + " != accepted " + rowsAccepted
                    + " + quarantined " + rowsQuarantined);
        }
    }
}
