package fi.tilannekuva.job;

import fi.tilannekuva.period.Quarter;
import picocli.CommandLine.Option;

/** The {@code --quarter} of the commands that work on one quarter, parsed once. */
final class QuarterOption {

    @Option(names = "--quarter", required = true, paramLabel = "YYYYQn",
            description = "The quarter, e.g. 2025Q4, or previous (the last finished quarter, Finnish time; for schedulers) or current.")
    String value;

    Quarter quarter() {
        return Quarter.parseForToday(value);
    }
}
