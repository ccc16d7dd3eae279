package fi.tilannekuva.warehouse;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Identity of one job run: its id (stamped on every row and Delta commit it writes), job name and start time. */
public record RunContext(String runId, String job, Instant startedAt, String codeVersion) {

    /** The job of a refresh, in {@code runs.job}. */
    public static final String REFRESH = "refresh";
    /** The job of a publish, in {@code runs.job} and the releases. */
    public static final String PUBLISH = "publish";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public static RunContext start(String job) {
        // To the microsecond, as Delta keeps a timestamp: the run's time in memory is the one its rows hold.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = job + "-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String version = RunContext.class.getPackage().getImplementationVersion();
        return new RunContext(id, job, now, version == null ? "dev" : version);
    }

    public Timestamp startedAtTimestamp() {
        return Timestamp.from(startedAt);
    }
}
