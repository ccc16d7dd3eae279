package fi.tilannekuva.report;

import org.junit.jupiter.api.Test;

import java.text.NumberFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberFormatTest {

    private static String format(String lang, double v) {
        return QuarterlyReport.number(NumberFormat.getNumberInstance(QuarterlyReport.locale(lang)), v);
    }

    @Test
    void digitsByMagnitudeRoundedHalfUpInEachLanguage() {
        // ≥ 100: whole (1234.5 → 1235, half up); ≥ 10: one decimal; below: two (0.125 → 0.13, exact in binary).
        assertEquals("1\u00a0235", format("fi", 1234.5));
        assertEquals("12,3", format("fi", 12.345));
        assertEquals("0,13", format("fi", 0.125));
        assertEquals("1\u00a0235", format("sv", 1234.5));
        assertEquals("0,13", format("sv", 0.125));
        assertEquals("1,235", format("en", 1234.5));
        assertEquals("12.3", format("en", 12.345));
        assertEquals("0.13", format("en", 0.125));
    }
}
