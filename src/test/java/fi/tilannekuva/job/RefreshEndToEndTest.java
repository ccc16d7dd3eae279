package fi.tilannekuva.job;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import io.delta.tables.DeltaTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command on data-samples/, through the real command line: refresh 2025Q4 (the shared
 * {@link SampleRun}) and again (nothing to compute), once more with a setting that changes no figure (computed again,
 * nothing committed), export, and compare every exported row with an independent count of the same files.
 */
@Tag("slow")
class RefreshEndToEndTest {

    private static final String QUARTER = "2025Q4";
    private static Path warehouse;
    private static Path out;
    private static final List<String> outputs = new ArrayList<>();
    private static Map<String, Long> versionsAfterFirst;
    private static Map<String, Long> versionsAfterSecond;
    private static String exportAfterFirst;
    private static String exportAfterSecond;
    private static String secondRefresh;
    private static String thirdRefresh;
    private static IndependentCount expected;

    static int run(String... args) {
        TestCli.Outcome r = TestCli.run(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r.code();
    }

    static String[] withPaths(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // Only the commands that read the input take --input.
        if (List.of("refresh", "quarterly-refresh").contains(args[0])) {
            all.addAll(List.of("--input", TestPaths.samples().toString()));
        }
        return TestCli.withWarehouse(warehouse, all.toArray(String[]::new));
    }

    @BeforeAll
    static void refreshTwice() throws IOException {
        // The first refresh (and a publish, which leaves the figure tables as they are) is the shared sample run.
        SampleRun sample = SampleRun.get();
        outputs.addAll(sample.outputs());
        warehouse = sample.warehouse();
        out = warehouse.resolveSibling("out");
        TestPaths.deleteRecursively(out);
        expected = new IndependentCount(TestPaths.samples(), QUARTER);
        versionsAfterFirst = versions();
        assertEquals(ExitCode.OK, run(withPaths("export", "--table", "comparison", "--quarter", QUARTER,
                "--format", "csv", "--out", out.resolve("comparison-1.csv").toString())));
        exportAfterFirst = Files.readString(out.resolve("comparison-1.csv"));

        assertEquals(ExitCode.OK, run(withPaths("refresh", "--quarter", QUARTER)), String.join("\n", outputs));
        secondRefresh = outputs.get(outputs.size() - 2);
        // A setting that changes no figure changes the configuration's digest: the figures are computed again, found
        // the same, and nothing is committed.
        Path overlay = warehouse.resolveSibling("two-at-a-time.conf");
        Files.writeString(overlay, "include file(\"" + TestPaths.project().resolve("src/test/resources/test.conf")
                + "\")\ntilannekuva.spark.parallel-sources = 2\n");
        assertEquals(ExitCode.OK, run("refresh", "--quarter", QUARTER, "--input", TestPaths.samples().toString(),
                "--warehouse", warehouse.toString(), "--conf-file", overlay.toString()), String.join("\n", outputs));
        thirdRefresh = outputs.get(outputs.size() - 2);
        versionsAfterSecond = versions();
        assertEquals(ExitCode.OK, run(withPaths("export", "--table", "comparison", "--quarter", QUARTER,
                "--out", out.resolve("comparison-2.csv").toString())));
        assertEquals(ExitCode.OK, run(withPaths("export", "--table", "situational_picture", "--quarter", QUARTER,
                "--out", out.resolve("situational_picture.csv").toString())));
        assertEquals(ExitCode.OK, run(withPaths("export", "--table", "attention", "--quarter", QUARTER,
                "--out", out.resolve("attention.csv").toString())));
        exportAfterSecond = Files.readString(out.resolve("comparison-2.csv"));
        for (String t : List.of("areas", "runs", "run_files", "quarantine", "measure_catalogue", "comparison")) {
            assertEquals(ExitCode.OK, run(withPaths("export", "--table", t, "--out", out.resolve(t + ".csv").toString())));
        }
    }

    private static Map<String, Long> versions() {
        Map<String, Long> v = new HashMap<>();
        for (String t : List.of("gold/comparison", "gold/areas", "silver/avohilmo_contacts",
                "silver/avohilmo_procedures", "silver/population", "silver/quarantine", "bronze/avohilmo_contacts")) {
            v.put(t, DeltaTable.forPath(TestSpark.session(), warehouse.resolve(t).toString()).history(1)
                    .select("version").first().getLong(0));
        }
        return v;
    }

    @Test
    void everyExportedRowAgreesWithTheIndependentCount() {
        List<Map<String, String>> all = TestCli.csv(exportAfterFirst);
        // Every null figure of the quarter, of any source, is either suppressed or says why there is no data.
        for (Map<String, String> r : all) {
            assertTrue(!r.get("value").isEmpty() || r.get("suppressed").equals("true") || !r.get("no_data_reason").isEmpty(),
                    "unexplained null: " + r);
        }
        List<Map<String, String>> rows = all.stream().filter(r -> r.get("source").equals("avohilmo")).toList();
        // 23 areas and the country, 10 measures each: every cell present, zeros included.
        assertEquals(24 * 10, rows.size());
        Map<String, Map<String, String>> byCell = new HashMap<>();
        rows.forEach(r -> byCell.put(r.get("area_code") + "|" + r.get("measure_id"), r));
        List<String> measures = new ArrayList<>();
        for (String code : IndependentCount.CODES) {
            measures.add(code.toLowerCase() + "_contacts");
            measures.add(code.toLowerCase() + "_clients");
        }
        measures.add("oab_any_contacts");
        measures.add("oab_any_clients");
        int secondary = 0;
        for (String m : measures) {
            List<String> areas = new ArrayList<>(IndependentCount.AREAS);
            // METHODS.md §6, worked out here on its own for this one-way table: the small areas, and — where the
            // country is the sum of the areas (contacts; a client may count in two areas) and is published — the
            // next smallest non-zero areas (ties by code) until the hidden ones are at least two, hold at least 5
            // and more than one each.
            Set<String> hidden = new TreeSet<>(areas.stream().filter(a -> isSmall(expected.count(a, m))).toList());
            if (isSmall(expected.count("SSS", m))) {
                hidden.add("SSS");
            } else if (m.endsWith("_contacts") && !hidden.isEmpty()) {
                while (true) {
                    long sum = hidden.stream().mapToLong(a -> expected.count(a, m)).sum();
                    if (hidden.size() >= 2 && sum >= 5 && sum > hidden.size()) {
                        break;
                    }
                    String next = areas.stream().filter(a -> !hidden.contains(a) && expected.count(a, m) > 0)
                            .min(Comparator.comparingLong((String a) -> expected.count(a, m)).thenComparing(a -> a))
                            .orElse(null);
                    if (next == null) {
                        hidden.add("SSS");
                        break;
                    }
                    hidden.add(next);
                    secondary++;
                }
            }
            areas.add("SSS");
            for (String a : areas) {
                Map<String, String> r = byCell.get(a + "|" + m);
                long n = expected.count(a, m);
                long pop = expected.population.get(a);
                assertEquals(String.valueOf(pop), r.get("denominator"), a + " " + m);
                assertFalse(r.containsKey("suppression_reason"), "a reader is not told why a cell is suppressed");
                if (hidden.contains(a)) {
                    assertEquals("true", r.get("suppressed"), a + " " + m);
                    assertEquals("", r.get("numerator"));
                    assertEquals("", r.get("value"));
                } else {
                    assertEquals("false", r.get("suppressed"), a + " " + m);
                    assertEquals(String.valueOf(n), r.get("numerator"), a + " " + m);
                    assertEquals(1000.0 * n / pop, Double.parseDouble(r.get("value")), 1e-12, a + " " + m);
                }
                assertEquals("2024", r.get("denominator_period"));
                assertEquals(QUARTER, r.get("data_period"));
            }
        }
        System.out.println("end-to-end: " + secondary + " secondary suppressions checked");
    }

    @Test
    void theCatalogueHoldsExactlyTheMeasuresOfComparison() throws IOException {
        java.util.Set<String> inComparison = new java.util.TreeSet<>();
        TestCli.csv(out.resolve("comparison.csv")).forEach(r -> inComparison.add(r.get("measure_id")));
        java.util.Set<String> inCatalogue = new java.util.TreeSet<>();
        TestCli.csv(out.resolve("measure_catalogue.csv")).forEach(r -> {
            inCatalogue.add(r.get("measure_id"));
            for (String c : List.of("name_fi", "name_sv", "name_en", "definition_fi", "definition_sv", "definition_en",
                    "unit_fi", "unit_sv", "unit_en")) {
                assertFalse(r.get(c).isBlank(), r.get("measure_id") + " has no " + c);
            }
        });
        assertEquals(inCatalogue, inComparison);
    }

    @Test
    void thePictureHasOneRowPerAreaAndEveryNullSaysWhy() throws IOException {
        List<Map<String, String>> picture = TestCli.csv(out.resolve("situational_picture.csv"));
        List<String> areas = new ArrayList<>(IndependentCount.AREAS);
        areas.add("SSS");
        assertEquals(areas.stream().sorted().toList(), picture.stream().map(r -> r.get("area_code")).sorted().toList());
        List<String> headline = TestCli.csv(out.resolve("measure_catalogue.csv")).stream()
                .filter(r -> r.get("headline").equals("true")).map(r -> r.get("measure_id")).toList();
        assertTrue(headline.size() >= 5 && headline.size() <= 8, "a small, deliberate headline set: " + headline);
        int nulls = 0;
        for (Map<String, String> r : picture) {
            for (String m : headline) {
                for (String never : List.of("_significance", "_assessment", "_change_significance", "_trend", "_stale")) {
                    assertFalse(r.get(m + never).isEmpty(), r.get("area_code") + " " + m + never);
                }
                boolean anyNull = List.of("_period", "_value", "_index", "_change").stream().anyMatch(c -> r.get(m + c).isEmpty());
                if (anyNull) {
                    nulls++;
                    assertFalse(r.get(m + "_note").isEmpty(), "unexplained null: " + r.get("area_code") + " " + m);
                }
            }
        }
        assertTrue(nulls > 0, "the sample has suppressed and no-data figures");
        Map<String, Map<String, String>> byArea = new HashMap<>();
        picture.forEach(r -> byArea.put(r.get("area_code"), r));
        // Yearly sources show the year used: Sotkanet's latest (2025), next year's funding (2026).
        assertEquals("2025", byArea.get("01").get("mortality_65_period"));
        assertEquals("2026", byArea.get("01").get("funding_per_resident_period"));
        assertEquals(QUARTER, byArea.get("01").get("tray_visits_per_1000_period"));
        // Åland is outside the funding act; Lapland's tray was not launched yet: both say so.
        assertTrue(byArea.get("91").get("cost_per_resident_note").contains("outside the needs-based funding act"));
        assertTrue(byArea.get("21").get("tray_visits_per_1000_note").contains("launched on 2026-01-15"));
        // The sample's area 10 has high and steadily rising mortality among the 65+: it needs attention.
        assertTrue(byArea.get("10").get("attention").contains("mortality_65"));
        assertTrue(TestCli.csv(out.resolve("attention.csv")).stream().anyMatch(a -> a.get("area_code").equals("10")
                && a.get("measure_id").equals("mortality_65") && a.get("basis").equals("trend")));
    }

    @Test
    void aSourcesBronzeAndSilverKeepNoStatisticsAndTheQuarantineKeepsItsOwn() {
        // Delta would update statistics for every row of a national extract; the quarantine is sliced by its files.
        for (String table : List.of("bronze/avohilmo_contacts", "silver/avohilmo_contacts",
                "silver/avohilmo_procedures")) {
            Map<String, String> p = TestSpark.tableProperties(warehouse.resolve(table).toString());
            assertEquals("0", p.get("delta.dataSkippingNumIndexedCols"), table + " " + p);
        }
        assertEquals("source,source_file,file_hash,run_id", TestSpark.tableProperties(
                warehouse.resolve("silver/quarantine").toString()).get("delta.dataSkippingStatsColumns"));
    }

    @Test
    void aSecondRefreshLeavesEveryTableAsItWas() {
        assertEquals(versionsAfterFirst, versionsAfterSecond);
        assertEquals(exportAfterFirst, exportAfterSecond);
    }

    @Test
    void aRefreshAfterARefreshOfTheSameInputsComputesNothing() {
        // The latest run was the shared run's refresh (a publish is no run of the log and changes no figure table).
        String first = SampleRun.get().outputs().stream().filter(o -> o.startsWith("tilannekuva refresh")).findFirst()
                .orElseThrow().replaceAll("(?s).*?\\(run (refresh-[^)]+)\\).*", "$1");
        assertTrue(secondRefresh.contains("gold tables left as they were: the input files, configuration and program "
                + "are those of run " + first + ", the latest"), first + "\n" + secondRefresh);
        assertTrue(thirdRefresh.contains("gold rows written or confirmed:"), thirdRefresh);
    }

    @Test
    void everyFileAddsUpAndMatchesTheIndependentCount() throws IOException {
        List<Map<String, String>> files = TestCli.csv(out.resolve("run_files.csv"));
        int loaded = 0;
        for (Map<String, String> f : files) {
            if (f.get("status").equals("ignored")) {
                // The sample's own README at the input root: listed, with its reason, not read.
                assertEquals("README.md", f.get("file"), f.toString());
                continue;
            }
            if (!f.get("status").equals("loaded")) {
                assertEquals("unchanged", f.get("status"));
                continue;
            }
            loaded++;
            long read = Long.parseLong(f.get("rows_read"));
            assertEquals(read, Long.parseLong(f.get("rows_accepted")) + Long.parseLong(f.get("rows_quarantined")));
            if (expected.rowsRead.containsKey(f.get("file"))) {
                assertEquals(expected.rowsRead.get(f.get("file")), read, f.get("file"));
                assertEquals(expected.rowsQuarantined.get(f.get("file")), Long.parseLong(f.get("rows_quarantined")),
                        f.get("file"));
            }
        }
        long inputFiles;
        try (Stream<Path> walk = Files.walk(TestPaths.samples())) {
            inputFiles = walk.filter(p -> Files.isRegularFile(p) && !p.getParent().equals(TestPaths.samples())
                    && !p.getFileName().toString().startsWith("municipalities_")).count();
        }
        assertEquals(inputFiles, loaded, "every input file of the sample (keys aside) loaded once");
        List<Map<String, String>> runs = TestCli.csv(out.resolve("runs.csv"));
        assertEquals(3, runs.size(), "the shared run's refresh and this test's two");
        assertTrue(runs.stream().allMatch(r -> r.get("status").equals("succeeded")));
    }

    @Test
    void finnishTextSurvivesEitherEncodingAndTheTraySourcesReachGold() {
        org.apache.spark.sql.SparkSession spark = TestSpark.session();
        // The 2025Q4 survey is latin-1: its answers and groups still match the five Finnish texts.
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> survey = spark.read().format("delta")
                .load(warehouse.resolve("silver/ux_survey").toString())
                .where("source_file = 'traffic/ux_survey_2025Q4.csv'");
        assertTrue(survey.where("answer = 'Erittäin hyödyllistä' AND answer_code = 'very_useful'").count() > 0);
        assertTrue(survey.where("respondent_group = 'Järjestön tai yhdistyksen edustaja'").count() > 0);
        // Tarmoa names Päijät-Häme by its full Finnish name: it resolves to 09.
        assertTrue(spark.read().format("delta").load(warehouse.resolve("silver/tarmoa_traffic").toString())
                .where("area_code = '09'").count() > 0);
        List<String> reasons = spark.read().format("delta").load(warehouse.resolve("silver/quarantine").toString())
                .where("source IN ('tarmoa_traffic', 'ux_survey', 'sotkanet_data')").orderBy("source", "line")
                .collectAsList().stream().map(r -> r.getAs("source") + ": " + r.getAs("reason")).toList();
        assertEquals(List.of("sotkanet_data: region \"12345\" is neither an area nor a region of regions.json",
                "sotkanet_data: value \"n/a\" is not a number",
                "tarmoa_traffic: area \"Tuntematon alue\" is not an area name",
                "tarmoa_traffic: a count is not a whole number: front_page_visits \"-5\", page_loads \"20\", wellbeing_surveys \"0\"",
                "ux_survey: answer \"Melko hyödyllistä\" is not one of the survey's five answers"), reasons);
        // Lapland's tray launches after the quarter: no data, not zero.
        List<Map<String, String>> traffic = TestCli.csv(exportAfterFirst).stream()
                .filter(r -> r.get("measure_id").equals("tray_visits_per_1000") && r.get("area_code").equals("21")).toList();
        assertEquals("", traffic.get(0).get("value"));
        assertTrue(traffic.get(0).get("no_data_reason").startsWith("the tray was launched on 2026-01-15"));
    }

    @Test
    void noPersonIdInAnyOutput() throws IOException {
        assertFalse(expected.personIds.isEmpty());
        List<String> texts = new ArrayList<>(outputs);
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        for (String t : texts) {
            for (String id : expected.personIds) {
                assertFalse(t.contains(id), "a person id reached an output");
            }
        }
    }

    private static boolean isSmall(long n) {
        return n >= 1 && n <= 4;
    }
}
