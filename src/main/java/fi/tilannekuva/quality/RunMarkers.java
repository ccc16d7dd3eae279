package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.RunContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A marker file per running job under {@code <warehouse>/_runs}: written when a run starts, removed once its
 * {@code runs} row is written. A marker that outlives its process is a run that was killed (kill -9, power loss)
 * before it could record itself; the next run finds it and records it as {@code killed}.
 */
public final class RunMarkers {

    private static final String FOLDER = "_runs";
    private static final String SUFFIX = ".running";

    /** A run that left its marker: what it was, when it started, and which input it read. */
    public record Marker(String runId, String job, String period, Instant startedAt, String input, Path file) {
    }

    private final Path folder;

    public RunMarkers(Path warehouse) {
        this.folder = warehouse.resolve(FOLDER);
    }

    public void start(RunContext run, String period, String input) {
        Properties p = new Properties();
        p.setProperty("run_id", run.runId());
        p.setProperty("job", run.job());
        p.setProperty("period", period);
        p.setProperty("started_at", run.startedAt().toString());
        p.setProperty("input", input);
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(run.runId() + ".tmp");
            try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "tilannekuva run in progress");
            }
            Files.move(tmp, marker(run.runId()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run marker under " + folder + ": " + e.getMessage(), e);
        }
    }

    public void finish(String runId) {
        try {
            Files.deleteIfExists(marker(runId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The markers of runs other than {@code currentRunId}: each is a run that ended without recording itself. */
    public List<Marker> leftBehind(String currentRunId) {
        List<Marker> markers = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return markers;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                Properties p = new Properties();
                try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String id = p.getProperty("run_id");
                if (id != null && !id.equals(currentRunId)) {
                    markers.add(new Marker(id, p.getProperty("job", RunContext.REFRESH), p.getProperty("period"),
                            Instant.parse(p.getProperty("started_at")), p.getProperty("input"), f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run markers under " + folder + ": " + e.getMessage(), e);
        }
        return markers;
    }

    private Path marker(String runId) {
        return folder.resolve(runId + SUFFIX);
    }
}
