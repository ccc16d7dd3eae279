package fi.tilannekuva;

import fi.tilannekuva.job.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line inside the test JVM (on the shared session) and reads the CSV files it writes. */
public final class TestCli {

    /** Exit code and what the command printed. */
    public record Outcome(int code, String out, String err) {
    }

    private TestCli() {
    }

    public static Outcome run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Outcome(code, o.toString(), e.toString());
    }

    /** {@code args} with the warehouse and the test overlay (two shuffle partitions) appended. */
    public static String[] withWarehouse(Path warehouse, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", warehouse.toString(),
                "--conf-file", TestPaths.project().resolve("src/test/resources/test.conf").toString()));
        return all.toArray(String[]::new);
    }

    /** Rows of a CSV whose fields hold no quoted commas (the exports and reference columns tests read). */
    public static List<Map<String, String>> csv(Path file) throws IOException {
        return csv(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The rows of an exported CSV (RFC 4180: quoted fields may hold commas), keyed by the header's names. */
    public static List<Map<String, String>> csv(String text) {
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(-1);
        List<String[]> lines = new com.univocity.parsers.csv.CsvParser(settings).parseAll(new java.io.StringReader(text));
        String[] header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] v : lines.subList(1, lines.size())) {
            Map<String, String> row = new HashMap<>();
            for (int j = 0; j < header.length && j < v.length; j++) {
                row.put(header[j], v[j]);
            }
            rows.add(row);
        }
        return rows;
    }
}
