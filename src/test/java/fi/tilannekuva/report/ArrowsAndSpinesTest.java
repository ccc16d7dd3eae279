package fi.tilannekuva.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's arrows follow the value, its spine charts put the country in the middle and the worst on the left. */
class ArrowsAndSpinesTest {

    @Test
    void anArrowPointsWhereTheValueMovesWhateverThePolarity() {
        // Mortality (lower is better) that rose is worsening: the arrow points up, coloured worse.
        assertEquals("up", QuarterlyReport.direction("worsening", false));
        assertEquals("down", QuarterlyReport.direction("improving", false));
        assertEquals("up", QuarterlyReport.direction("improving", true));
        assertEquals("down", QuarterlyReport.direction("worsening", true));
        assertEquals("flat", QuarterlyReport.direction("stable", true));
        // Neutral measures (funding) say only which way the value moved.
        assertEquals("up", QuarterlyReport.direction("increasing", null));
        assertEquals("down", QuarterlyReport.direction("decreasing", null));
        assertNull(QuarterlyReport.direction("not_computed", true));
        assertNull(QuarterlyReport.direction(null, true));
    }

    @Test
    void quartilesInterpolateBetweenTheAreas() {
        // Five values: the 25 % point is at position 0.25 · 4 = 1 → 20; 75 % at 3 → 40. Four values: 0.25 · 3 = 0.75
        // → 10 + 0.75 · (20 − 10) = 17.5.
        assertEquals(20.0, QuarterlyReport.quantile(List.of(10.0, 20.0, 30.0, 40.0, 50.0), 0.25), 1e-12);
        assertEquals(40.0, QuarterlyReport.quantile(List.of(10.0, 20.0, 30.0, 40.0, 50.0), 0.75), 1e-12);
        assertEquals(17.5, QuarterlyReport.quantile(List.of(10.0, 20.0, 30.0, 40.0), 0.25), 1e-12);
    }

    @Test
    void aSpineHasTheCountryInTheMiddleAndTheWorstOnTheLeft() {
        // Lower is better: worst 80, best 20, country 50. Half-width = max(|80 − 50|, |20 − 50|) = 30; the plot spans
        // 220 / 2 − 8 = 102 px each side of x = 110, and runs reversed (best 20 on the right):
        // x(v) = 110 − (v − 50) / 30 · 102. Worst 80 → 8.0, best 20 → 212.0; the area at 35 → 161.0.
        String svg = SvgCharts.spine(new SvgCharts.Spine(35.0, 50, 80, 65, 40, 20, "#0072b2", "t"));
        assertTrue(svg.contains("<rect class=\"range\" x=\"8.0\" y=\"4\" width=\"204.0\""), svg);
        // Quartiles 65 → 59.0 and 40 → 144.0.
        assertTrue(svg.contains("<rect class=\"quartiles\" x=\"59.0\" y=\"4\" width=\"85.0\""), svg);
        assertTrue(svg.contains("<line class=\"national\" x1=\"110.0\""), svg);
        assertTrue(svg.contains("<circle class=\"figure\" cx=\"161.0\" cy=\"9\" r=\"5\" style=\"fill:#0072b2\"/>"), svg);
    }

    @Test
    void aLongAreaNameWrapsToTwoLinesInsteadOfBeingCut() {
        String name = "Wellbeing services county of Western Uusimaa";
        String svg = SvgCharts.label(name, 222, 40);
        // 45 characters > 34: broken at the last space before character 34 ("…county of" | "Western Uusimaa").
        assertTrue(svg.contains("<tspan x=\"222\">Wellbeing services county of</tspan>"), svg);
        assertTrue(svg.contains("<tspan x=\"222\" dy=\"10\">Western Uusimaa</tspan>"), svg);
        assertEquals("<text class=\"label\" x=\"222\" y=\"44.0\" text-anchor=\"end\">Kainuu</text>", SvgCharts.label("Kainuu", 222, 40));
    }
}
