package fi.tilannekuva.job;

import fi.tilannekuva.area.MunicipalityKeys;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * The fingerprint of everything a refresh's gold stage computes from: the quarter, every input file behind silver
 * (source and content hash), the municipality keys read from the input root, the effective configuration and the
 * program itself. A refresh whose fingerprint is that of the warehouse's latest run, a refresh that succeeded, has
 * nothing to compute: its gold rows would be the same.
 */
final class GoldInputs {

    private static volatile String program;

    private GoldInputs() {
    }

    /**
     * @param loadedFiles {@code source/sha256} of every file in silver, this run's included
     */
    static String fingerprint(Quarter quarter, Collection<String> loadedFiles, MunicipalityKeys keys,
                              String configDigest) {
        MessageDigest sha = sha256();
        update(sha, "quarter " + quarter);
        new TreeSet<>(loadedFiles).forEach(f -> update(sha, "file " + f));
        keys.files().forEach((name, sha256) -> update(sha, "key " + name + " " + sha256));
        update(sha, "config " + configDigest);
        update(sha, "program " + program());
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The latest run before {@code currentRun} when it is a refresh that succeeded with this fingerprint: then
     * nothing has changed the inputs or the gold tables since.
     */
    static Optional<String> unchangedSince(Warehouse warehouse, String currentRun, String fingerprint) {
        return warehouse.readIfExists(Layer.GOLD, RunLog.RUNS).flatMap(runs -> {
            if (!List.of(runs.columns()).contains(RunLog.GOLD_INPUTS)) {
                return Optional.empty();
            }
            List<Row> latest = runs.where(col("run_id").notEqual(currentRun)).orderBy(col("started_at").desc())
                    .select("run_id", "job", "status", RunLog.GOLD_INPUTS).limit(1).collectAsList();
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            Row r = latest.get(0);
            boolean same = RunContext.REFRESH.equals(r.getString(1))
                    && RunLog.Status.SUCCEEDED.code().equals(r.getString(2)) && fingerprint.equals(r.getString(3));
            return same ? Optional.of(r.getString(0)) : Optional.empty();
        });
    }

    /**
     * The program's classes: from the jar, each entry's name, size and CRC (no byte is read); from a build folder,
     * each class file's bytes. A rebuilt program with the same version number is then a different program.
     */
    static String program() {
        if (program == null) {
            MessageDigest sha = sha256();
            try {
                Path location = Path.of(GoldInputs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(location)) {
                    try (Stream<Path> s = Files.walk(location.resolve("fi"))) {
                        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                            update(sha, location.relativize(p).toString());
                            try (InputStream in = Files.newInputStream(p)) {
                                sha.update(in.readAllBytes());
                            }
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(location.toFile())) {
                        TreeSet<String> entries = new TreeSet<>();
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            JarEntry entry = e.nextElement();
                            if (entry.getName().startsWith("fi/")) {
                                entries.add(entry.getName() + " " + entry.getSize() + " " + entry.getCrc());
                            }
                        }
                        entries.forEach(e -> update(sha, e));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the program's classes: " + e.getMessage(), e);
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // Not a local file (a jar fetched by a cluster manager): a program never taken for another.
                update(sha, "unidentified " + java.util.UUID.randomUUID());
            }
            program = HexFormat.of().formatHex(sha.digest());
        }
        return program;
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
