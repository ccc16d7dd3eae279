package fi.tilannekuva.report;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.job.ExitCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quarterly report of the sample release, in Finnish and Swedish, with the areas' map from the shared reference
 * GeoJSON; headless Chromium renders the whole Finnish page to {@code target/report/tilannekuva_2025Q4_fi.png} and
 * must report no error while loading it.
 */
@Tag("slow")
class ReportRenderingTest {

    private static final Path OUT = TestSpark.target().resolve("report");
    private static String fi;
    private static String sv;

    @BeforeAll
    static void writeReports() throws IOException {
        SampleRun sample = SampleRun.get();
        TestPaths.deleteRecursively(OUT);
        Files.createDirectories(OUT);
        // The product ships no map: the test points the report at the reference data's outlines.
        Path overlay = OUT.resolve("map.conf");
        Files.writeString(overlay, "include file(\"" + TestPaths.project().resolve("src/test/resources/test.conf")
                + "\")\ntilannekuva.report.map = \"" + TestPaths.reference().resolve("hyvinvointialueet_2023_simplified.geojson") + "\"\n");
        for (String lang : List.of("fi", "sv")) {
            TestCli.Outcome r = TestCli.run("report", "--quarter", SampleRun.QUARTER, "--out", OUT.toString(), "--lang", lang,
                    "--warehouse", sample.warehouse().toString(), "--conf-file", overlay.toString());
            assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("release " + SampleRun.RELEASE), r.out());
        }
        fi = Files.readString(OUT.resolve("tilannekuva_2025Q4_fi.html"), StandardCharsets.UTF_8);
        sv = Files.readString(OUT.resolve("tilannekuva_2025Q4_sv.html"), StandardCharsets.UTF_8);
    }

    private static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theReportShowsThePictureChartsMapsAndDefinitions() {
        assertTrue(fi.startsWith("<!DOCTYPE html>\n<html lang=\"fi\">"));
        assertTrue(fi.contains("<h1>Hyvinvointialueiden tilannekuva</h1>"));
        assertTrue(fi.contains("Julkaisu 2025Q4-r1"));
        // The headline table: the country and 23 areas, seven measures each.
        String table = fi.substring(fi.indexOf("<table class=\"picture\">"), fi.indexOf("</table>", fi.indexOf("<table class=\"picture\">")));
        assertEquals(24, count(table, "<th scope=\"row\">"));
        assertEquals(24 * 7, count(table, "<td "));
        // Per headline measure: a bar chart of 23 areas and a map of 23 areas.
        assertEquals(7, count(fi, "<svg[^>]*class=\"chart bars\""));
        assertEquals(7, count(fi, "<svg[^>]*class=\"map\""));
        assertEquals(7 * 23, count(fi, "<path class=\"area\""));
        assertEquals(7 * 23, count(fi, "<g class=\"bar\">"));
        // The yearly sources' periods behind the figures; the sample's attention case; a stale or missing figure.
        assertTrue(fi.contains("Tiedot: 2025"), "Sotkanet's latest year");
        assertTrue(fi.contains("Tiedot: 2026"), "next year's funding");
        assertTrue(fi.contains("Tiedot: 2025Q4"));
        assertTrue(fi.contains("<td>Kymenlaakson hyvinvointialue</td>"), "area 10 needs attention");
        assertTrue(fi.contains("id=\"freshness\""));
        // Definitions from the catalogue, in Finnish.
        assertTrue(fi.contains("Hyvinvoinnin ohjauksen asiakkaat (OAB61–OAB64)"));
        assertTrue(fi.contains("CC BY 4.0"));
    }

    @Test
    void theSwedishReportTakesSwedishWordsAndNames() {
        assertTrue(sv.startsWith("<!DOCTYPE html>\n<html lang=\"sv\">"));
        assertTrue(sv.contains("<h1>Lägesbild över välfärdsområdena</h1>"));
        assertTrue(sv.contains("Klienter med välbefinnandehandledning (OAB61–OAB64)"));
        assertTrue(sv.contains("Kymmenedalens välfärdsområde"));
        assertFalse(sv.contains("Kymenlaakson hyvinvointialue"));
    }

    @Test
    void theReportIsSelfContained() {
        for (String html : List.of(fi, sv)) {
            assertFalse(Pattern.compile("<(script|link|img|iframe|object)\\b").matcher(html).find(), "nothing to fetch");
            assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external reference");
            assertFalse(html.contains("url("), "no CSS fetch");
        }
    }

    @Test
    void chromiumRendersItWithoutErrors() throws Exception {
        Path chromium = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null) {
            // .ci/run installs Debian's chromium; a developer's machine may not have it.
            assertTrue(System.getenv("CI") == null, "CI must have /usr/bin/chromium (.ci/run installs it)");
            Assumptions.abort("no /usr/bin/chromium: apt-get install chromium to render the report");
        }
        Path html = OUT.resolve("tilannekuva_2025Q4_fi.html");
        Path png = OUT.resolve("tilannekuva_2025Q4_fi.png");
        Path profile = Files.createDirectories(OUT.resolve("chromium-profile"));
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1280,9000", "--screenshot=" + png, html.toUri().toString()));
        Path log = OUT.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        // Console messages and failed loads are logged as CONSOLE lines and net errors.
        assertFalse(output.contains(":CONSOLE("), output);
        assertFalse(output.contains("Failed to load resource"), output);
        assertFalse(output.contains("net::ERR_"), output);
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 50_000, "a rendered page, not a blank one: " + image.length + " bytes");
        assertEquals((byte) 0x89, image[0]);
        assertEquals('P', image[1]);
        assertEquals('N', image[2]);
        assertEquals('G', image[3]);
    }
}
