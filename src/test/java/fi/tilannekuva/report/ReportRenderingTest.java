package fi.tilannekuva.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quarterly report of the sample release in Finnish, Swedish and English, with the shipped county map; headless
 * Chromium renders each page (the Finnish one to {@code target/report/tilannekuva_2025Q4_fi.png}) and checks in the
 * laid-out page what a reader relies on: a profile per area, arrows, the maps, and no text cut or spilling out.
 */
@Tag("slow")
class ReportRenderingTest {

    private static final Path OUT = TestSpark.target().resolve("report");
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    @BeforeAll
    static void writeReports() throws IOException {
        SampleRun sample = SampleRun.get();
        TestPaths.deleteRecursively(OUT);
        Files.createDirectories(OUT);
        for (String lang : LANGUAGES) {
            TestCli.Outcome r = TestCli.run("report", "--quarter", SampleRun.QUARTER, "--out", OUT.toString(), "--lang", lang,
                    "--warehouse", sample.warehouse().toString());
            assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("release " + SampleRun.RELEASE), r.out());
            PAGES.put(lang, Files.readString(OUT.resolve("tilannekuva_2025Q4_" + lang + ".html"), StandardCharsets.UTF_8));
        }
    }

    private static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, from);
        return text.substring(start, text.indexOf(to, start));
    }

    @Test
    void theReportShowsThePictureProfilesChartsMapsAndDefinitions() {
        String fi = PAGES.get("fi");
        assertTrue(fi.startsWith("<!DOCTYPE html>\n<html lang=\"fi\">"), fi.substring(0, 80));
        assertTrue(fi.contains("<h1>Hyvinvointialueiden tilannekuva</h1>"));
        assertTrue(fi.contains("Julkaisu 2025Q4-r1"));
        // The headline table: the country and 23 areas, seven measures each.
        String table = between(fi, "<table class=\"picture\">", "</table>");
        assertEquals(24, count(table, "<th scope=\"row\">"));
        assertEquals(24 * 7, count(table, "<td "));
        // A profile per area, linked from the top, each with the seven headline measures and a spine chart each
        // where the country has a figure.
        assertEquals(23, count(fi, "<section class=\"profile\" id=\"a-"));
        assertEquals(23, count(between(fi, "<nav>", "</nav>"), "href=\"#a-"));
        String kymenlaakso = between(fi, "<section class=\"profile\" id=\"a-10\">", "</section>");
        assertTrue(kymenlaakso.contains("<h3>Kymenlaakson hyvinvointialue</h3>"));
        assertEquals(7, count(kymenlaakso, "<td class=\"name\">"));
        assertTrue(count(kymenlaakso, "<svg[^>]*class=\"spine\"") >= 5, kymenlaakso);
        // Per headline measure: a bar chart of 23 areas, a map of 23 areas (shipped outlines, on by default).
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
    void arrowsShowWhichWayTheValueMovedAndColourWhetherThatIsBetter() {
        // Mortality is lower-is-better; where the sample's five-year series rises, the trend is worsening: an
        // upward arrow coloured worse, never the downward one (the old report drew ↘ for it).
        String fi = PAGES.get("fi");
        List<String> header = new ArrayList<>();
        Matcher h = Pattern.compile("<th scope=\"col\"><a href=\"#m-([a-z0-9_]+)\">").matcher(between(fi, "<thead>", "</thead>"));
        while (h.find()) {
            header.add(h.group(1));
        }
        int mortality = header.indexOf("mortality_65");
        assertTrue(mortality >= 0, header.toString());
        int worseUp = 0;
        int betterDown = 0;
        for (String row : between(fi, "<table class=\"picture\">", "</table>").split("<tr")) {
            String[] cells = row.split("<td ");
            if (cells.length <= mortality + 1) {
                continue;
            }
            String cell = cells[mortality + 1];
            assertFalse(cell.contains("arrow worse down") || cell.contains("arrow better up"),
                    "a lower-is-better measure that worsens rises: " + cell);
            worseUp += cell.contains("arrow worse up") ? 1 : 0;
            betterDown += cell.contains("arrow better down") ? 1 : 0;
        }
        assertTrue(worseUp + betterDown > 0, "the sample has mortality trends");
        assertTrue(fi.contains("nousee, heikkenee") || fi.contains("laskee, paranee"));
    }

    @Test
    void whyAFigureIsMissingIsPrintedWithTheFigure() {
        for (String lang : LANGUAGES) {
            String page = PAGES.get(lang);
            String table = between(page, "<table class=\"picture\">", "</table>");
            assertTrue(count(table, "<sup class=\"why\">") > 0, lang);
            String key = between(page, "<p class=\"why-key\">", "</p>");
            // The sample has areas without a tray and suppressed small numbers.
            assertTrue(key.contains(switch (lang) {
                case "fi" -> "ei palvelutarjotinta";
                case "sv" -> "ingen servicebricka";
                default -> "no service tray";
            }), key);
        }
        // A missing figure is a dash with its letter, e.g. "–<sup class="why">a</sup>", never an empty cell.
        String table = between(PAGES.get("fi"), "<table class=\"picture\">", "</table>");
        assertFalse(Pattern.compile("<td [^>]*>(<sup|</td>)").matcher(table).find(), table);
    }

    @Test
    void figuresHaveTheCataloguesDecimals() {
        // conf/measures.conf: funding per resident in whole euros, OAB rates with two decimals.
        String fi = PAGES.get("fi");
        String country = between(between(fi, "<table class=\"picture\">", "</table>"), "<tr class=\"country\">", "</tr>");
        List<String> values = new ArrayList<>();
        Matcher v = Pattern.compile("<td [^>]*>([^<]+)").matcher(country);
        while (v.find()) {
            values.add(v.group(1).trim());
        }
        List<String> ids = new ArrayList<>();
        Matcher h = Pattern.compile("<th scope=\"col\"><a href=\"#m-([a-z0-9_]+)\">").matcher(fi);
        while (h.find() && ids.size() < 7) {
            ids.add(h.group(1));
        }
        assertTrue(values.get(ids.indexOf("funding_per_resident")).matches("[0-9\u00a0]+"), values.toString());
        assertTrue(values.get(ids.indexOf("oab_any_clients")).matches("[0-9\u00a0]+,[0-9]{2}"), values.toString());
    }

    @Test
    void theSwedishAndEnglishReportsTakeTheirOwnWordsAndNames() {
        String sv = PAGES.get("sv");
        assertTrue(sv.startsWith("<!DOCTYPE html>\n<html lang=\"sv\">"));
        assertTrue(sv.contains("<h1>Lägesbild över välfärdsområdena</h1>"));
        assertTrue(sv.contains("Klienter med välbefinnandehandledning (OAB61–OAB64)"));
        assertTrue(sv.contains("Kymmenedalens välfärdsområde"));
        assertFalse(sv.contains("Kymenlaakson hyvinvointialue"));
        String en = PAGES.get("en");
        assertTrue(en.contains("<h1>Situational picture of the wellbeing services counties</h1>"));
        assertTrue(en.contains("Area profiles"));
        assertFalse(en.contains("Kymenlaakson hyvinvointialue"));
    }

    @Test
    void theReportIsSelfContained() {
        for (String html : PAGES.values()) {
            assertFalse(Pattern.compile("<(script|link|img|iframe|object)\\b").matcher(html).find(), "nothing to fetch");
            assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external reference");
            assertFalse(html.contains("url("), "no CSS fetch");
        }
    }

    /** What the page's layout shows, measured by Chromium in an instrumented copy of each page. */
    private static final String CHECKS = """
            <script>
            (function () {
              const r = {cut: [], profiles: 0, profileRows: 0, mapAreas: 0, arrows: 0, spines: 0};
              const visible = e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
              document.querySelectorAll('section.profile').forEach(s => { if (visible(s)) r.profiles++; });
              document.querySelectorAll('table.profile tbody tr').forEach(s => { if (visible(s)) r.profileRows++; });
              document.querySelectorAll('svg.map path.area').forEach(p => { if (visible(p)) r.mapAreas++; });
              document.querySelectorAll('.arrow').forEach(a => { if (visible(a)) r.arrows++; });
              document.querySelectorAll('svg.spine').forEach(a => { if (visible(a)) r.spines++; });
              // Text cut by its box, or spilling out of it.
              document.querySelectorAll('th, td, figcaption, dt, dd, p, li, h1, h2, h3').forEach(e => {
                if (e.scrollWidth > e.clientWidth + 1) r.cut.push(e.tagName + ': ' + e.textContent.slice(0, 80));
              });
              document.querySelectorAll('.scroll').forEach(e => {
                if (e.scrollWidth > e.clientWidth + 1) r.cut.push('table wider than the page: ' + e.scrollWidth);
              });
              // SVG text outside its drawing.
              document.querySelectorAll('svg text').forEach(t => {
                const svg = t.ownerSVGElement, box = t.getBBox(), w = svg.viewBox.baseVal.width;
                if (box.x < -0.5 || box.x + box.width > w + 0.5) r.cut.push('svg: ' + t.textContent.slice(0, 80));
              });
              const pre = document.createElement('pre');
              pre.id = 'checks';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            })();
            </script>
            """;

    @Test
    void chromiumRendersEachPageWithNothingCut() throws Exception {
        Path chromium = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null) {
            // .ci/run installs Debian's chromium; a developer's machine may not have it.
            assertTrue(System.getenv("CI") == null, "CI must have /usr/bin/chromium (.ci/run installs it)");
            Assumptions.abort("no /usr/bin/chromium: apt-get install chromium to render the report");
        }
        Path png = OUT.resolve("tilannekuva_2025Q4_fi.png");
        String log = chromium(chromium, "shot", OUT.resolve("tilannekuva_2025Q4_fi.html"), "--window-size=1280,9000",
                "--screenshot=" + png);
        assertFalse(log.contains(":CONSOLE("), log);
        assertFalse(log.contains("Failed to load resource"), log);
        assertFalse(log.contains("net::ERR_"), log);
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 50_000, "a rendered page, not a blank one: " + image.length + " bytes");
        assertEquals((byte) 0x89, image[0]);
        assertEquals('P', image[1]);
        for (String lang : LANGUAGES) {
            Path probe = OUT.resolve("probe_" + lang + ".html");
            Files.writeString(probe, PAGES.get(lang).replace("</body>", CHECKS + "</body>"), StandardCharsets.UTF_8);
            String dom = chromium(chromium, "dom-" + lang, probe, "--window-size=1280,2000", "--virtual-time-budget=10000",
                    "--dump-dom");
            Matcher m = Pattern.compile("<pre id=\"checks\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
            assertTrue(m.find(), "the probe ran: " + dom.substring(0, Math.min(dom.length(), 500)));
            JsonNode r = new ObjectMapper().readTree(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            assertEquals(23, r.get("profiles").asInt(), lang);
            assertEquals(23 * 7, r.get("profileRows").asInt(), lang);
            assertEquals(7 * 23, r.get("mapAreas").asInt(), lang);
            assertTrue(r.get("arrows").asInt() > 0, lang);
            assertTrue(r.get("spines").asInt() >= 23 * 5, lang);
            assertEquals("[]", r.get("cut").toString(), lang + ": text cut or spilling");
        }
    }

    /** Runs Chromium on {@code page}; returns what it printed (the DOM with --dump-dom) and its log. */
    private static String chromium(Path chromium, String name, Path page, String... args) throws Exception {
        Path profile = Files.createDirectories(OUT.resolve("chromium-profile-" + name));
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path out = OUT.resolve("chromium-" + name + ".out");
        Path log = OUT.resolve("chromium-" + name + ".log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String printed = Files.readString(out, StandardCharsets.UTF_8) + "\n" + Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), printed);
        return printed;
    }
}
