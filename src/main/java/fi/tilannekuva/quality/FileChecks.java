package fi.tilannekuva.quality;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.RowRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table checks on every input file of a run, the quality gates of a refresh: the share of its rows sent to the
 * quarantine, and the change in its row count against the previous delivery of the same file name; plus the
 * pass/fail counts of each row rule. Each check warns or fails by the thresholds in {@code tilannekuva.checks}.
 * Files skipped as unchanged are checked again from what their load recorded, so a bad file fails every run
 * until it is replaced.
 */
public final class FileChecks {

    /** A check's outcome: its {@code status} in {@code checks}. */
    public enum Status {
        PASSED, WARNED, FAILED,
        /** A row rule's failures are counted, not judged here: its own action already acted on the rows. */
        COUNTED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What is known of one file of the run: its counts when (last) loaded, and the previous delivery's rows. */
    public record FileFacts(String source, String file, long rowsRead, long rowsQuarantined, Long previousRowsRead,
                            List<String> rules, Map<String, Long> ruleFailures) {
        public FileFacts {
            rules = List.copyOf(rules);
            ruleFailures = Map.copyOf(ruleFailures);
        }
    }

    /** One check of one file: what was observed against which threshold, and the outcome. */
    public record Result(String source, String subject, String check, double observed, Double threshold,
                         String action, Status status, String message) {
    }

    private FileChecks() {
    }

    public static List<Result> evaluate(List<FileFacts> files, AppConfig.QualitySettings settings) {
        List<Result> results = new ArrayList<>();
        for (FileFacts f : files) {
            AppConfig.FileThresholds t = settings.thresholdsFor(f.source());
            double share = f.rowsRead() == 0 ? 0 : (double) f.rowsQuarantined() / f.rowsRead();
            String shareText = String.format(Locale.ROOT, "%.1f %% of %d rows quarantined", 100 * share, f.rowsRead());
            if (f.rowsRead() < settings.minRowsForShare()) {
                results.add(new Result(f.source(), f.file(), "quarantine-share", share, null, null, Status.COUNTED,
                        f.rowsQuarantined() + " of " + f.rowsRead() + " rows quarantined (a share is judged from "
                                + settings.minRowsForShare() + " rows)"));
            } else if (share > t.failQuarantineShare()) {
                results.add(new Result(f.source(), f.file(), "quarantine-share", share, t.failQuarantineShare(), "fail",
                        Status.FAILED, f.file() + ": " + shareText + ", above the limit of "
                        + percent(t.failQuarantineShare()) + " (tilannekuva.checks)"));
            } else if (share > t.warnQuarantineShare()) {
                results.add(new Result(f.source(), f.file(), "quarantine-share", share, t.warnQuarantineShare(), "warn",
                        Status.WARNED, f.file() + ": " + shareText + ", above the warning level of " + percent(t.warnQuarantineShare())));
            } else {
                results.add(new Result(f.source(), f.file(), "quarantine-share", share, t.warnQuarantineShare(), "warn",
                        Status.PASSED, null));
            }
            if (f.previousRowsRead() != null && f.previousRowsRead() > 0) {
                double change = Math.abs(f.rowsRead() - f.previousRowsRead()) / (double) f.previousRowsRead();
                boolean over = change > t.maxRowChange();
                Status status = !over ? Status.PASSED : "fail".equals(t.rowChangeAction()) ? Status.FAILED : Status.WARNED;
                results.add(new Result(f.source(), f.file(), "row-count-change", change, t.maxRowChange(),
                        t.rowChangeAction(), status, over ? String.format(Locale.ROOT,
                        "%s: %d rows against %d in its previous delivery (%s change, limit %s)", f.file(), f.rowsRead(),
                        f.previousRowsRead(), percent(change), percent(t.maxRowChange())) : null));
            }
            for (String rule : f.rules()) {
                long failures = f.ruleFailures().getOrDefault(rule, 0L);
                results.add(new Result(f.source(), f.file(), "rule:" + rule, failures, null, null, Status.COUNTED,
                        (f.rowsRead() - failures) + " rows passed, " + failures + " failed"));
                if (failures > 0 && rule.equals(RowRule.DUPLICATE_KEY)) {
                    // Counted and quarantined, and said where a person reads: repeats are never summed.
                    results.add(new Result(f.source(), f.file(), "duplicate-key", failures, 0.0, "warn", Status.WARNED,
                            f.file() + ": " + failures + " rows repeat the natural key of another row of the file "
                                    + "and were quarantined (see the quarantine)"));
                }
            }
        }
        return results;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
