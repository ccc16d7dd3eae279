package fi.tilannekuva.period;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeriodsTest {

    @Test
    void quartersAndYears() {
        // Ordinal: 2025·4 + 4 - 1 = 8103 and 2025·4 + 1 - 1 = 8100; a year is itself.
        assertEquals(List.of("2024Q4", "2025Q3"), List.of(Periods.yearAgo("2025Q4"), Periods.previous("2025Q4")));
        assertEquals(8103, Periods.ordinal("2025Q4"));
        assertEquals(List.of("2024Q1", "2024Q4"), List.of(Periods.yearAgo("2025Q1"), Periods.previous("2025Q1")));
        assertEquals(8100, Periods.ordinal("2025Q1"));
        assertEquals(List.of("2023", "2023"), List.of(Periods.yearAgo("2024"), Periods.previous("2024")));
        assertEquals(2024, Periods.ordinal("2024"));
        assertEquals(List.of("2025-12-31", "2025-03-31", "2024-12-31"),
                List.of(Periods.lastDay("2025Q4").toString(), Periods.lastDay("2025Q1").toString(), Periods.lastDay("2024").toString()));
    }

    @Test
    void schedulersMayAskForThePreviousQuarter() {
        // Run on 2 January 2026: the last finished quarter is 2025Q4; on 31 March 2026 still 2025Q4.
        assertEquals("2025Q4", Quarter.parse("previous", java.time.LocalDate.of(2026, 1, 2)).toString());
        assertEquals("2025Q4", Quarter.parse("previous", java.time.LocalDate.of(2026, 3, 31)).toString());
        assertEquals("2026Q2", Quarter.parse("current", java.time.LocalDate.of(2026, 4, 1)).toString());
        assertEquals("2024Q3", Quarter.parse("2024q3", java.time.LocalDate.of(2026, 4, 1)).toString());
    }
}
