package fi.tilannekuva.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void axesEndOnRoundTicks() {
        // 0..87: a fifth is 17.4, so the step is 20 (1, 2 or 5 × 10^k, the first ≥ 17.4) and the axis 0..100.
        SvgCharts.Axis a = SvgCharts.axis(0, 87);
        assertEquals(20, a.step(), 1e-12);
        assertEquals(0, a.min(), 1e-12);
        assertEquals(100, a.max(), 1e-12);
        // -3..12: a fifth is 3, step 5, from floor(-3/5)·5 = -5 to ceil(12/5)·5 = 15.
        SvgCharts.Axis b = SvgCharts.axis(-3, 12);
        assertEquals(5, b.step(), 1e-12);
        assertEquals(-5, b.min(), 1e-12);
        assertEquals(15, b.max(), 1e-12);
    }

    @Test
    void barsAreInOrderOfValueWithTheirIntervalsAndTheCountry() throws Exception {
        String svg = SvgCharts.bars(List.of(
                        new SvgCharts.Bar("B", null, null, null, "#ccc", "B: no figure"),
                        new SvgCharts.Bar("A & co", 50.0, 40.0, 60.0, "#0072b2", "A: 50"),
                        new SvgCharts.Bar("C", 20.0, null, null, "#d55e00", "C: 20")),
                45.0, "Country", "no figure", "caption", v -> String.format(Locale.ROOT, "%.0f", v));
        Document d = parse(svg);
        // 3 rows: 30 + 3 × 20 + 26 = 116 high.
        assertEquals("116", d.getDocumentElement().getAttribute("height"));
        NodeList labels = d.getElementsByTagName("text");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < labels.getLength(); i++) {
            Element e = (Element) labels.item(i);
            if ("label".equals(e.getAttribute("class"))) {
                order.add(e.getTextContent());
            }
        }
        assertEquals(List.of("A & co", "C", "B"), order, "descending, no figure last");
        // Values 0..60 (the upper limit): step 20, axis 0..60; the plot is 760 - 230 - 70 = 460 wide.
        // A = 50 → 230 + 50/60 · 460 = 613.3; its bar starts at zero (x = 230) and is 383.3 wide.
        Element bar = (Element) d.getElementsByTagName("rect").item(0);
        assertEquals("230.0", bar.getAttribute("x"));
        assertEquals("383.3", bar.getAttribute("width"));
        // The interval 40..60: 230 + 40/60 · 460 = 536.7 to 690.0, at the row's middle 30 + 20 / 2 = 40.
        Element interval = (Element) d.getElementsByTagName("path").item(0);
        assertTrue(interval.getAttribute("d").startsWith("M536.7 40.0H690.0"), interval.getAttribute("d"));
        // The country at 45: 230 + 45/60 · 460 = 575.0.
        NodeList lines = d.getElementsByTagName("line");
        Element national = (Element) lines.item(lines.getLength() - 1);
        assertEquals("national", national.getAttribute("class"));
        assertEquals("575.0", national.getAttribute("x1"));
        assertTrue(svg.contains(">no figure</text>"));
    }

    @Test
    void aSeriesHasAPointPerPeriodWhiskersAndGapsForMissingValues() throws Exception {
        String svg = SvgCharts.series(List.of(new SvgCharts.Point("2023", 10.0), new SvgCharts.Point("2024", null),
                new SvgCharts.Point("2025", 20.0, 18.0, 22.0)), null, new SvgCharts.Axis(0, 25, 5), 360, 170, "c", true,
                v -> String.valueOf(v));
        Document d = parse(svg);
        assertEquals(2, d.getElementsByTagName("circle").getLength());
        // Periods from x = 44 to 360 − 26 = 334, 145 apart; values 0..25 over 170 − 10 − 22 = 138 px from y = 10:
        // 2023 at 10 → y = 10 + 15/25 · 138 = 92.8; 2025 at 20 → 10 + 5/25 · 138 = 37.6.
        Element first = (Element) d.getElementsByTagName("circle").item(0);
        assertEquals("44.0", first.getAttribute("cx"));
        assertEquals("92.8", first.getAttribute("cy"));
        // The whisker of 18..22: 10 + 7/25 · 138 = 48.64 up to 10 + 3/25 · 138 = 26.56.
        assertTrue(svg.contains("<path class=\"interval\" d=\"M334.0 48.6V26.6\"/>"), svg);
        String start = "<path class=\"series\" d=\"";
        String path = svg.substring(svg.indexOf(start) + start.length());
        path = path.substring(0, path.indexOf('"'));
        assertEquals("M44.0 92.8M334.0 37.6", path, "the pen lifts over 2024");
    }
}
