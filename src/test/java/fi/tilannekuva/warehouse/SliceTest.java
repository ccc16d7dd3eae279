package fi.tilannekuva.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A slice in words and as Delta's replaceWhere predicate, quoted in one place. */
class SliceTest {

    @Test
    void wholeOneAndSeveralSetsOfRows() {
        assertEquals("true", Slice.whole().predicate());
        assertEquals("whole table", Slice.whole().toString());
        Slice traffic = Slice.where("period", "2025Q4").and("source", "traffic");
        assertEquals("`period` = '2025Q4' AND `source` = 'traffic'", traffic.predicate());
        assertEquals("period 2025Q4, source traffic", traffic.toString());
        Slice refresh = Slice.anyOf(List.of(traffic, Slice.where("source", "funding")));
        assertEquals("(`period` = '2025Q4' AND `source` = 'traffic') OR (`source` = 'funding')", refresh.predicate());
        assertEquals("period 2025Q4, source traffic or source funding", refresh.toString());
        // A quote in a value is escaped, never ends the literal.
        assertEquals("`area` = 'O\\'Brien'", Slice.where("area", "O'Brien").predicate());
    }
}
