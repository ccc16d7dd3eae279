package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The SHA-256 of a whole table's rows (in any order, ignoring some columns), recorded in a file beside the table
 * with the version it describes: a table rewritten every run with the same rows (the areas, the measure catalogue)
 * is then known to be unchanged without a Delta read. The file is a shortcut only: when it is missing, describes
 * another version, or names another digest, the rows are compared with the table's as before.
 */
final class ContentDigest {

    /** In the table's folder: Delta neither reads nor vacuums names starting with an underscore. */
    static final String FILE = "_content_sha256";
    private static final Logger LOG = LoggerFactory.getLogger(ContentDigest.class);

    private ContentDigest() {
    }

    /**
     * The digest of {@code rows} over every column of {@code schema} but {@code ignored}: the column names and types,
     * then each row's values, the rows in sorted order of their encoding, so that order does not matter and how often
     * a row occurs does. Empty for a schema with nested columns.
     */
    static Optional<String> of(StructType schema, List<Row> rows, Collection<String> ignored) {
        // Values as text are unambiguous for numbers, text, dates and times; nested values are not digested.
        if (Arrays.stream(schema.fields()).anyMatch(f -> !(f.dataType() instanceof AtomicType))) {
            return Optional.empty();
        }
        List<Integer> kept = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        StructField[] fields = schema.fields();
        Integer[] order = new Integer[fields.length];
        for (int i = 0; i < fields.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> fields[a].name().compareTo(fields[b].name()));
        for (int i : order) {
            if (!ignored.contains(fields[i].name())) {
                kept.add(i);
                encode(header, fields[i].name() + " " + fields[i].dataType().catalogString());
            }
        }
        List<String> encoded = new ArrayList<>(rows.size());
        for (Row r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i : kept) {
                encode(b, r.isNullAt(i) ? null : text(r.get(i)));
            }
            encoded.add(b.toString());
        }
        encoded.sort(null);
        MessageDigest sha = sha256();
        sha.update(header.toString().getBytes(StandardCharsets.UTF_8));
        for (String e : encoded) {
            sha.update(e.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * A value as text that no other value of its type shares: a time as its instant (its local rendering repeats an
     * hour when the clocks go back), bytes as hex (an array's own text is its identity).
     */
    private static String text(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return Math.floorDiv(t.getTime(), 1000) + "." + t.getNanos();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }

    /** Length-prefixed, so that no two different value lists encode alike; a null is not the text "null". */
    private static void encode(StringBuilder b, String value) {
        if (value == null) {
            b.append("-;");
        } else {
            b.append(value.length()).append(':').append(value).append(';');
        }
    }

    /** The digest recorded for {@code version} of the table in {@code tableDir}, if the file describes that version. */
    static Optional<String> recorded(Path tableDir, long version) {
        Path file = tableDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return parts.length == 2 && parts[0].equals(Long.toString(version)) ? Optional.of(parts[1]) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Records {@code digest} for {@code version}, replacing the file at once (a reader sees the old or the new one).
     * A file that cannot be written is a warning, not a failure: the table is committed, and without the file the
     * next refresh compares the rows instead.
     */
    static void record(Path tableDir, long version, String digest) {
        Path file = tableDir.resolve(FILE);
        Path temporary = tableDir.resolve(FILE + ".tmp");
        try {
            Files.writeString(temporary, version + " " + digest + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not record the content digest of {} ({}): the next refresh compares its rows instead",
                    tableDir, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
