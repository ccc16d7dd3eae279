package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.quality.RunMarkers;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.warehouse.RunContext;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of bad input, as a careless supplier (or an attacker) delivers it, across the four sources: each case a
 * small fixture with its expected outcome — rows accepted, quarantined or the entry ignored, with the words of its
 * reason; or the exit code and the words of the error. Loads only ({@code refresh --load-only}, one JVM, the shared
 * session): what is checked here is decided before the gold stage. Afterwards every place a user can reach — the
 * gold tables in every version, the exports, stdout and stderr, the warehouse beside bronze and silver — is scanned
 * for the corpus's person ids (last, so that it also reads what the failing cases printed and wrote).
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    private static final String HEADER = "AVOHILMO_ID;TNRO;ASIAKAS_KOTIKUNTA;ASIAKAS_IKA;ASIAKAS_SUKUPUOLI;"
            + "PALVELUNTUOTTAJA;KAYNTI_PALVELUMUOTO;KAYNTI_YHTEYSTAPA;KAYNTI_AMMATTILUOKKA;KAYNTI_KAVIJARYHMA;"
            + "KAYNTI_ALKOI;PERUUTUS_AJANKOHTA";
    /** Every person id of the corpus: none may leave bronze and silver. */
    private static final List<String> PERSON_IDS = new ArrayList<>();
    private static final StringBuilder PRINTED = new StringBuilder();

    private static Path root;
    private static Path input;
    private static Path warehouse;
    private static String firstRun;
    private static Map<String, Map<String, String>> runFiles;
    private static List<Map<String, String>> quarantine;

    /** A contact line of {@code month} (yyyyMM) with a new person id; {@code fields} replace fields by index. */
    private static String contact(String id, String date, Object... fields) {
        String tnro = "P23" + String.format("%05d", PERSON_IDS.size());
        PERSON_IDS.add(tnro);
        String[] f = {id, tnro, "108", "40", "2", "Terveysasema, Hämeenkyrö", "T11", "R10", "2264", "1", date, ""};
        for (int i = 0; i < fields.length; i += 2) {
            f[(Integer) fields[i]] = String.valueOf(fields[i + 1]).replace("{tnro}", tnro);
        }
        return String.join(";", f);
    }

    private static void write(String relative, String text) throws IOException {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(String relative, byte[] bytes) throws IOException {
        Path p = input.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** {@code line} with its {@code @} replaced by {@code raw} bytes (invalid in UTF-8). */
    private static byte[] withBytes(String line, byte[] raw) {
        int at = line.indexOf('@');
        return bytes(line.substring(0, at), raw, line.substring(at + 1));
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static TestCli.Outcome cli(Path wh, String... args) {
        TestCli.Outcome r = TestCli.run(TestCli.withWarehouse(wh, args));
        PRINTED.append(r.out()).append(r.err());
        return r;
    }

    @BeforeAll
    static void loadTheCorpus() throws IOException {
        TestSpark.get();
        root = TestSpark.target().resolve("bad-input-corpus");
        TestPaths.deleteRecursively(root);
        input = root.resolve("input");
        warehouse = root.resolve("warehouse");
        for (String year : List.of("2024", "2025")) {
            write("reference/municipalities_" + year + ".csv",
                    Files.readAllBytes(TestPaths.samples().resolve("reference/municipalities_" + year + ".csv")));
        }
        // 1. A person id in the municipality column: quarantined, and the reason does not echo it.
        write("visits/avohilmo_202510.csv", lines(HEADER, contact("1001", "01.10.2025 08:00"),
                contact("1002", "02.10.2025 08:00"), contact("1003", "03.10.2025 08:00", 2, "{tnro}")));
        // 2-3. A browser's duplicate download and a full-width digit: ignored, with the pattern.
        write("visits/avohilmo_202510 (1).csv", lines(HEADER, contact("1101", "01.10.2025 08:00")));
        write("visits/avohilmo_２02511.csv", lines(HEADER, contact("1201", "01.11.2025 08:00")));
        // 4. Upper-case name: loaded.
        write("visits/AVOHILMO_202512.CSV", lines(HEADER, contact("1301", "01.12.2025 08:00")));
        // 5. A folder named like a file; 6. a link that loops; 7. a stray file; 8. a stray folder at the root.
        Files.createDirectories(input.resolve("visits/avohilmo_202509.csv"));
        Files.createSymbolicLink(input.resolve("visits/loop.csv"), input.resolve("visits/loop.csv"));
        write("visits/notes.txt", "delivered by hand\n");
        write("visitz/avohilmo_202510.csv", lines(HEADER, contact("1401", "01.10.2025 08:00")));
        write("README.txt", "stray\n");
        // 9. One invalid byte in a UTF-8 file with Finnish letters: UTF-8, that line quarantined.
        write("visits/avohilmo_202508.csv", bytes(HEADER, "\n", contact("1501", "01.08.2025 08:00"), "\n",
                contact("1502", "02.08.2025 08:00", 5, "Tampere"), "\n",
                withBytes(contact("1503", "03.08.2025 08:00", 5, "Pirkk@la"), new byte[]{(byte) 0xE4}), "\n"));
        // 10. A latin-1 file (no multi-byte sequence): latin-1, everything accepted.
        write("visits/avohilmo_202507.csv", lines(HEADER, contact("1601", "01.07.2025 08:00"))
                .getBytes(StandardCharsets.ISO_8859_1));
        // 11. BOM and CRLF.
        write("visits/avohilmo_202506.csv", bytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, HEADER, "\r\n",
                contact("1701", "01.06.2025 08:00"), "\r\n", contact("1702", "02.06.2025 08:00"), "\r\n"));
        // 12. A truncated line.
        write("visits/avohilmo_202505.csv", lines(HEADER, contact("1801", "01.05.2025 08:00"), "1802;P2399999;108;40"));
        PERSON_IDS.add("P2399999");
        // 13. A repeated contact id: the later row is kept, the earlier one quarantined (never counted twice).
        write("visits/avohilmo_202504.csv", lines(HEADER, contact("1901", "01.04.2025 08:00"),
                contact("1901", "01.04.2025 09:00"), contact("1902", "02.04.2025 08:00")));
        // 14. Impossible values: ages -4 and 999, a contact in 2031, one far outside the file's month.
        write("visits/avohilmo_202503.csv", lines(HEADER, contact("2001", "01.03.2025 08:00", 3, "-4"),
                contact("2002", "01.03.2025 08:00", 3, "999"), contact("2003", "01.03.2031 08:00"),
                contact("2004", "01.09.2025 08:00"), contact("2005", "02.03.2025 08:00")));
        // 15. A date in another format.
        write("visits/avohilmo_202502.csv", lines(HEADER, contact("2101", "2025-02-03 10:00"),
                contact("2102", "03.02.2025 10:00")));
        // 16. Reordered and extra columns: read by name.
        write("visits/avohilmo_202501.csv", lines("EXTRA;" + String.join(";", reversed(HEADER.split(";"))),
                "x;" + String.join(";", reversed(contact("2201", "05.01.2025 08:00").split(";", -1))),
                "y;" + String.join(";", reversed(contact("2202", "06.01.2025 08:00").split(";", -1))),
                "z;" + String.join(";", reversed(contact("2203", "07.01.2025 08:00").split(";", -1)))));
        // 17. Header only.
        write("visits/avohilmo_202412.csv", lines(HEADER));
        // 18. A 1 MB field.
        write("visits/avohilmo_202411.csv", lines(HEADER, contact("2301", "01.11.2024 08:00", 5, "x".repeat(1 << 20))));
        // 19. A multi-byte character cut in two, in a file with whole ones.
        write("visits/avohilmo_202410.csv", bytes(HEADER, "\n", contact("2401", "01.10.2024 08:00"), "\n",
                withBytes(contact("2402", "02.10.2024 08:00", 5, "Hämeenkyr@"), new byte[]{(byte) 0xC3}), "\n"));
        // 20. A repeated procedure row.
        write("visits/avohilmo_202510_toimenpide.csv", lines("AVOHILMO_ID;JARJESTYS;TOIMENPIDE", "1001;1;OAB61",
                "1001;1;OAB61", "1002;1;OAB62"));
        // 21. A Tarmoa record repeated for the same area and month: the later one counts, never the sum.
        write("traffic/tarmoa_202510.json", """
                {"month": "2025-10", "areas": [
                  {"area": "Itä-Uusimaa", "front_page_visits": 448, "page_loads": 900, "wellbeing_surveys": 1},
                  {"area": "Keski-Uusimaa", "front_page_visits": 953, "page_loads": 3052, "wellbeing_surveys": 7},
                  {"area": "Itä-Uusimaa", "front_page_visits": 352, "page_loads": 1009, "wellbeing_surveys": 3}]}
                """);
        // 22. A negative net cost.
        write("funding/costs_2024.csv", lines("area_code,sector,net_operating_cost_eur", "01,health,196773539",
                "01,social,-1999", "02,health,100"));
        // 23. Sotkanet CSV with a repeated indicator x region x year x gender.
        write("indicators/data/sotkanet_2024.csv", lines("indicator;region;year;gender;primary value;absolute value",
                "322;956;2024;total;3773.5;1200", "322;956;2024;total;3800.0;1210", "322;957;2024;total;3600;1000"));
        write("indicators/regions.json", """
                [{"id": 956, "category": "HYVINVOINTIALUE", "code": "01", "title": {"fi": "Itä-Uusimaa"}},
                 {"id": 957, "category": "HYVINVOINTIALUE", "code": "02", "title": {"fi": "Keski-Uusimaa"}}]
                """);

        // A run killed by kill -9 earlier left its marker and no runs row: the next run records it.
        new RunMarkers(warehouse).start(new RunContext("refresh-killed-earlier", "refresh",
                Instant.parse("2026-01-01T00:00:00Z"), "dev"), "2025Q4", input.toString());
        TestCli.Outcome first = cli(warehouse, "refresh", "--quarter", "2025Q4", "--input", input.toString(), "--load-only");
        assertEquals(ExitCode.OK, first.code(), first.out() + first.err());
        firstRun = runId(first);
        // 24. A revision with fewer rows (same name, new content): loaded again, the old rows replaced.
        write("visits/avohilmo_202501.csv", lines(HEADER, contact("2201", "05.01.2025 08:00"),
                contact("2202", "06.01.2025 08:00")));
        TestCli.Outcome second = cli(warehouse, "refresh", "--quarter", "2025Q4", "--input", input.toString(), "--load-only");
        assertEquals(ExitCode.OK, second.code(), second.out() + second.err());

        // Per file, its row of the later run that loaded (or ignored) it.
        runFiles = new HashMap<>();
        String secondRun = runId(second);
        for (Map<String, String> f : export("run_files")) {
            if (!"unchanged".equals(f.get("status"))
                    && (!runFiles.containsKey(f.get("file")) || f.get("run_id").equals(secondRun))) {
                runFiles.put(f.get("file"), f);
            }
        }
        quarantine = export("quarantine");
    }

    private static String runId(TestCli.Outcome run) {
        return run.out().replaceAll("(?s).*\\(run (refresh-[^)]+)\\).*", "$1");
    }

    private static String[] reversed(String[] a) {
        String[] r = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    private static List<Map<String, String>> export(String table) throws IOException {
        Path out = root.resolve("exports").resolve(table + ".csv");
        TestCli.Outcome r = cli(warehouse, "export", "--table", table, "--out", out.toString(), "--overwrite");
        assertEquals(ExitCode.OK, r.code(), r.err());
        return TestCli.csv(Files.readString(out));
    }

    /** Asserts the file's outcome: status, rows read = accepted + quarantined, and words of its quarantine reasons. */
    private static void loaded(String file, String status, long read, long accepted, long quarantined, String... words) {
        Map<String, String> f = runFiles.get(file);
        assertNotNull(f, file + " is not in run_files: " + runFiles.keySet());
        assertEquals(status, f.get("status"), file);
        assertEquals(List.of(read, accepted, quarantined), List.of(Long.parseLong(f.get("rows_read")),
                Long.parseLong(f.get("rows_accepted")), Long.parseLong(f.get("rows_quarantined"))), file);
        String reasons = String.join(" | ", quarantine.stream().filter(q -> q.get("source_file").equals(file))
                .map(q -> q.get("reason")).toList());
        for (String w : words) {
            assertTrue(reasons.contains(w), file + ": '" + w + "' not in " + reasons);
        }
    }

    private static void ignored(String entry, String words) {
        Map<String, String> f = runFiles.get(entry);
        assertNotNull(f, entry + " is not listed: " + runFiles.keySet());
        assertEquals("ignored", f.get("status"));
        assertTrue(f.get("note").contains(words), entry + ": " + f.get("note"));
    }

    @Test
    void everyFileIsLoadedWithItsReasonsOrIgnoredWithIts() {
        loaded("visits/avohilmo_202510.csv", "loaded", 3, 2, 1, "ASIAKAS_KOTIKUNTA is not a municipality");
        loaded("visits/AVOHILMO_202512.CSV", "loaded", 1, 1, 0);
        loaded("visits/avohilmo_202508.csv", "loaded", 3, 2, 1, "invalid UTF-8 at byte");
        assertEquals("UTF-8", runFiles.get("visits/avohilmo_202508.csv").get("charset"));
        loaded("visits/avohilmo_202507.csv", "loaded", 1, 1, 0);
        assertEquals("ISO-8859-1", runFiles.get("visits/avohilmo_202507.csv").get("charset"));
        loaded("visits/avohilmo_202506.csv", "loaded", 2, 2, 0);
        loaded("visits/avohilmo_202505.csv", "loaded", 2, 1, 1, "expected 12 fields, found 4");
        loaded("visits/avohilmo_202504.csv", "loaded", 3, 2, 1, "repeats the key (avohilmo_id) of line 3");
        loaded("visits/avohilmo_202503.csv", "loaded", 5, 1, 4, "ASIAKAS_IKA is not an age", "after the day of the run",
                "more than two months outside the month of the file");
        loaded("visits/avohilmo_202502.csv", "loaded", 2, 1, 1, "KAYNTI_ALKOI is not a dd.mm.yyyy HH:MM time");
        loaded("visits/avohilmo_202501.csv", "loaded", 2, 2, 0);
        loaded("visits/avohilmo_202412.csv", "loaded", 0, 0, 0);
        loaded("visits/avohilmo_202411.csv", "loaded", 1, 1, 0);
        loaded("visits/avohilmo_202410.csv", "loaded", 2, 1, 1, "invalid UTF-8 at byte");
        loaded("visits/avohilmo_202510_toimenpide.csv", "loaded", 3, 2, 1, "repeats the key (avohilmo_id, seq, code)");
        loaded("traffic/tarmoa_202510.json", "loaded", 3, 2, 1, "repeats the key (area_code, month_start) of line 3");
        loaded("funding/costs_2024.csv", "loaded", 3, 2, 1, "is not an amount of at least 0");
        loaded("indicators/data/sotkanet_2024.csv", "loaded", 3, 2, 1, "repeats the key (indicator_id, region_id, year, gender)");
        ignored("visits/avohilmo_202510 (1).csv", "avohilmo_(\\d{6})\\.csv");
        ignored("visits/avohilmo_２02511.csv", "matches no file of this folder");
        ignored("visits/avohilmo_202509.csv", "a folder");
        ignored("visits/loop.csv", "a link that cannot be followed");
        ignored("visits/notes.txt", "matches no file of this folder");
        ignored("visitz", "not a source folder");
        ignored("README.txt", "a file at the input root");
        // The Tarmoa repeat: the later record (352 visits) counts, not 448 + 352.
        Dataset<Row> tarmoa = TestSpark.session().read().format("delta").load(warehouse.resolve("silver/tarmoa_traffic")
                .toString()).where(col("area_code").equalTo("01"));
        assertEquals(List.of(352L), tarmoa.select(col("front_page_visits").cast("long")).as(
                org.apache.spark.sql.Encoders.LONG()).collectAsList());
    }

    @Test
    void aRunKilledEarlierIsRecordedAsKilled() throws IOException {
        Map<String, String> killed = export("runs").stream().filter(r -> r.get("run_id").equals("refresh-killed-earlier"))
                .findFirst().orElseThrow();
        assertEquals("killed", killed.get("status"));
        assertTrue(killed.get("error").contains("ended without recording the run"), killed.get("error"));
        assertFalse(Files.exists(warehouse.resolve("_runs/refresh-killed-earlier.running")));
    }

    @Test
    void nothingUnderTheCorpusRootIsUnaccountedFor() throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.walk(input, 1)) {
            s.filter(p -> !p.equals(input)).forEach(p -> entries.add(input.relativize(p).toString()));
        }
        for (String folder : List.of("visits", "traffic", "funding", "indicators", "indicators/data", "reference")) {
            try (Stream<Path> s = Files.list(input.resolve(folder))) {
                s.forEach(p -> entries.add(input.relativize(p).toString()));
            }
        }
        for (String e : entries) {
            if (List.of("visits", "traffic", "funding", "indicators", "indicators/data", "reference").contains(e)) {
                continue;
            }
            assertTrue(runFiles.containsKey(e) || e.startsWith("reference/municipalities_"),
                    e + " is neither loaded nor listed as ignored");
            Map<String, String> f = runFiles.get(e);
            if (f != null && !f.get("status").equals("ignored")) {
                assertEquals(Long.parseLong(f.get("rows_read")),
                        Long.parseLong(f.get("rows_accepted")) + Long.parseLong(f.get("rows_quarantined")), e);
            }
        }
    }

    @Test
    void rowsJudgedAgainByEveryQueryLoadAsRowsJudgedOnceAndKept() throws IOException {
        // The corpus's files are small: each source's rows were judged once and kept in memory. With judged-again-from
        // at 0 bytes, each query judges them again from bronze (the key rule's, silver's write, which counts them, and
        // the quarantine's). The corpus's visits (its keys, encodings, truncated lines, repeats) loaded that way: the
        // same silver rows, quarantine and counts as in the corpus's first run.
        Path again = root.resolve("judged-again");
        Path visits = again.resolve("input");
        Files.createDirectories(visits.resolve("visits"));
        copyKeys(visits);
        try (Stream<Path> s = Files.list(input.resolve("visits"))) {
            for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.copy(f, visits.resolve("visits").resolve(f.getFileName()));
            }
        }
        Path overlay = again.resolve("judged-again.conf");
        Files.writeString(overlay, "include file(\"" + TestPaths.project().resolve("src/test/resources/test.conf")
                + "\")\ntilannekuva.spark.judged-again-from = 0\n");
        TestCli.Outcome run = TestCli.run("refresh", "--quarter", "2025Q4", "--input", visits.toString(), "--load-only",
                "--warehouse", again.resolve("warehouse").toString(), "--conf-file", overlay.toString());
        PRINTED.append(run.out()).append(run.err());
        assertEquals(ExitCode.OK, run.code(), run.out() + run.err());
        // The file the corpus's second run revised is left out: this run loads its revision.
        String revised = "visits/avohilmo_202501.csv";
        for (String table : List.of("avohilmo_contacts", "avohilmo_procedures", SourceLoader.QUARANTINE)) {
            assertEquals(visitRows(warehouse, table, revised), visitRows(again.resolve("warehouse"), table, revised), table);
        }
        assertEquals(visitCounts(warehouse, firstRun, revised), visitCounts(again.resolve("warehouse"), runId(run), revised));
        assertTrue(visitRows(warehouse, SourceLoader.QUARANTINE, revised).size() > 8, "the corpus quarantines rows");
    }

    /** A silver table's rows of visit files but {@code leftOut}, as text, sorted, without the run's own columns. */
    private static List<String> visitRows(Path wh, String table, String leftOut) {
        Dataset<Row> rows = TestSpark.session().read().format("delta").load(wh.resolve("silver").resolve(table).toString())
                .where(col("source_file").startsWith("visits/").and(col("source_file").notEqual(leftOut)))
                .drop("run_id", "loaded_at", "quarantined_at");
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** Rows read, accepted and quarantined per visit file {@code run} loaded but {@code leftOut}: "file read accepted quarantined". */
    private static List<String> visitCounts(Path wh, String run, String leftOut) {
        return TestSpark.session().read().format("delta").load(wh.resolve("bronze").resolve(RunLog.INGESTED_FILES).toString())
                .where(col("run_id").equalTo(run).and(col("file").startsWith("visits/")).and(col("file").notEqual(leftOut)))
                .selectExpr("concat_ws(' ', file, rows_read, rows_accepted, rows_quarantined)")
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }

    /** The corpus's municipality keys into another input root, which visits need for their areas. */
    private static void copyKeys(Path otherInput) throws IOException {
        Files.createDirectories(otherInput.resolve("reference"));
        for (String year : List.of("2024", "2025")) {
            Files.copy(input.resolve("reference/municipalities_" + year + ".csv"),
                    otherInput.resolve("reference/municipalities_" + year + ".csv"));
        }
    }

    /** A case that stops the run: its exit code, the words of its error, and no person id in what it printed. */
    private static void fails(String name, int exit, String words, String file, byte[] content, String... options)
            throws IOException {
        Path caseRoot = root.resolve("failing").resolve(name);
        Path caseInput = caseRoot.resolve("input");
        copyKeys(caseInput);
        Path p = caseInput.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        List<String> args = new ArrayList<>(List.of("refresh", "--quarter", "2025Q4", "--input", caseInput.toString(),
                "--load-only"));
        args.addAll(List.of(options));
        TestCli.Outcome r = cli(caseRoot.resolve("warehouse"), args.toArray(String[]::new));
        assertEquals(exit, r.code(), name + ": " + r.out() + r.err());
        assertTrue(r.err().contains(words), name + ": '" + words + "' not in " + r.err());
        assertTrue(r.err().length() < 1000, name + " printed " + r.err().length() + " characters");
    }

    @Test
    void aFileThatCannotBeReadStopsTheRunWithAClearError() throws IOException {
        PERSON_IDS.add("P2300999");
        fails("no-header", ExitCode.INPUT, "the first line is not a header", "visits/avohilmo_202510.csv",
                lines("1;P2300999;108;40;2;Töölö;T11;R10;221;1;01.10.2025 08:00;").getBytes(StandardCharsets.UTF_8));
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        fails("binary", ExitCode.INPUT, "not a text file", "visits/avohilmo_202510.csv", binary);
        fails("empty", ExitCode.INPUT, "the file is empty", "visits/avohilmo_202510.csv", new byte[0]);
        fails("missing-column", ExitCode.INPUT, "missing required column TNRO", "visits/avohilmo_202510.csv",
                lines(HEADER.replace("TNRO;", ""), "1;108;40;2;x;T11;R10;221;1;01.10.2025 08:00;")
                        .getBytes(StandardCharsets.UTF_8));
        fails("html-not-json", ExitCode.INPUT, "not valid JSON", "traffic/tarmoa_202510.json",
                "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
        fails("wrong-delimiter", ExitCode.INPUT, "the header is not separated by ','", "funding/costs_2024.csv",
                lines("area_code;sector;net_operating_cost_eur", "01;health;1").getBytes(StandardCharsets.UTF_8));
        fails("unknown-file", ExitCode.INPUT, "read by no source", "visits/avohilmo_202510.csv.bak",
                lines(HEADER).getBytes(StandardCharsets.UTF_8), "--fail-on-unknown-files");
        StringBuilder many = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 24; i++) {
            many.append(contact(String.valueOf(3000 + i), i < 10 ? "31.13.2025 08:00" : "01.10.2025 08:00")).append('\n');
        }
        fails("quarantine-share", ExitCode.QUALITY, "quarantined, above the limit", "visits/avohilmo_202510.csv",
                many.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The intruder's scan: no person id of the corpus in what the runs printed, in any version of any gold table, in
     * the exports, or anywhere in the warehouse beside bronze and silver (Spark's scratch files included).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPersonIdReachesAnythingAUserCanRead() throws IOException {
        for (String table : List.of("runs", "run_files", "checks", "quarantine")) {
            export(table);
        }
        List<String> texts = new ArrayList<>();
        texts.add(PRINTED.toString());
        try (Stream<Path> s = Files.walk(root.resolve("exports"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(p));
            }
        }
        List<Path> warehouses = new ArrayList<>(List.of(warehouse));
        if (Files.isDirectory(root.resolve("judged-again"))) {
            warehouses.add(root.resolve("judged-again").resolve("warehouse"));
        }
        try (Stream<Path> s = Files.list(root.resolve("failing"))) {
            s.forEach(c -> warehouses.add(c.resolve("warehouse")));
        }
        for (Path wh : warehouses) {
            try (Stream<Path> s = Files.walk(wh)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String rel = wh.relativize(p).toString();
                    assertFalse(rel.startsWith("_tmp"), "Spark's scratch files are kept outside the warehouse: " + rel);
                    if (!rel.startsWith("bronze/") && !rel.startsWith("silver/") && !rel.endsWith(".parquet")) {
                        texts.add(rel + " " + new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                    }
                }
            }
            Path gold = wh.resolve("gold");
            if (!Files.isDirectory(gold)) {
                continue;
            }
            try (Stream<Path> s = Files.list(gold)) {
                for (Path t : s.toList()) {
                    long last = DeltaTable.forPath(TestSpark.session(), t.toString()).history(1).first().getLong(0);
                    for (long v = 0; v <= last; v++) {
                        texts.add(strings(TestSpark.session().read().format("delta").option("versionAsOf", v)
                                .load(t.toString())));
                    }
                }
            }
        }
        assertTrue(PERSON_IDS.size() > 30);
        for (String text : texts) {
            for (String id : PERSON_IDS) {
                assertFalse(text.contains(id), "person id " + id + " reached: "
                        + text.substring(Math.max(0, text.indexOf(id) - 200), Math.min(text.length(), text.indexOf(id) + 50)));
            }
        }
    }

    /** Every string (and array of strings) of {@code rows}, as one text. */
    private static String strings(Dataset<Row> rows) {
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            cols.add(col("`" + f.name() + "`").cast(DataTypes.StringType));
        }
        StringBuilder b = new StringBuilder();
        for (Row r : rows.select(cols.toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
            b.append(r.mkString("|")).append('\n');
        }
        return b.toString();
    }
}
