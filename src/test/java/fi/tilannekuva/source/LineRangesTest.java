package fi.tilannekuva.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineRangesTest {

    /** A line as read: its index, its first byte's offset in the file, its text. */
    private record Line(long index, long offset, String text) {
    }

    // Every line end Hadoop's text format knows, a line end split between two ranges or two reads, blank lines, and a
    // last line without one. Offsets by hand: "H;X\r\n" is bytes 0-4, "1;a\n" 5-8, "\n" 9, "2;b\r" 10-13 (a carriage
    // return alone ends a line), "3;c\r\n" 14-18, "\r" 19, "4;d" 20-22: 23 bytes.
    private static final String MIXED = "H;X\r\n1;a\n\n2;b\r3;c\r\n\r4;d";
    private static final List<Line> MIXED_LINES = List.of(new Line(0, 0, "H;X"), new Line(1, 5, "1;a"),
            new Line(2, 9, ""), new Line(3, 10, "2;b"), new Line(4, 14, "3;c"), new Line(5, 19, ""), new Line(6, 20, "4;d"));

    // Lines longer than eight bytes, which the count skips eight at a time: "HEADER;COLUMNS\n" is bytes 0-14,
    // "0123456789;abcdefghij\r\n" 15-37, "0123456789;abcdefghij\r" 38-59, "z\n" 60-61: 62 bytes, ending with a line end.
    private static final String LONG = "HEADER;COLUMNS\n0123456789;abcdefghij\r\n0123456789;abcdefghij\rz\n";
    private static final List<Line> LONG_LINES = List.of(new Line(0, 0, "HEADER;COLUMNS"),
            new Line(1, 15, "0123456789;abcdefghij"), new Line(2, 38, "0123456789;abcdefghij"), new Line(3, 60, "z"));

    @Test
    void everyCutOfTheFileGivesTheLinesTheirIndexAndOffset(@TempDir Path dir) throws IOException {
        for (String[] text : new String[][]{{"mixed", MIXED}, {"long", LONG}}) {
            Path f = dir.resolve(text[0] + ".csv");
            Files.writeString(f, text[1], StandardCharsets.US_ASCII);
            long bytes = Files.size(f);
            List<Line> expected = text[0].equals("mixed") ? MIXED_LINES : LONG_LINES;
            for (long rangeBytes = 1; rangeBytes <= bytes + 1; rangeBytes++) {
                List<LineRanges.Range> ranges = LineRanges.of(f, bytes, rangeBytes);
                // The ranges cover the file, one after another, each from a line's first byte.
                assertEquals(0, ranges.get(0).start());
                for (int i = 1; i < ranges.size(); i++) {
                    assertEquals(ranges.get(i - 1).end(), ranges.get(i).start(), text[0] + " in " + rangeBytes);
                }
                assertEquals(bytes, ranges.get(ranges.size() - 1).end());
                for (int buffer = 1; buffer <= 9; buffer += 4) {
                    List<Line> read = new ArrayList<>();
                    for (LineRanges.Range r : ranges) {
                        read.addAll(lines(f, r, buffer));
                    }
                    assertEquals(expected, read, text[0] + " in ranges of " + rangeBytes + " bytes, read " + buffer
                            + " at a time");
                }
            }
        }
    }

    @Test
    void aFileIsCutNearTheSizeAskedForAndNeverBetweenACarriageReturnAndItsLineFeed(@TempDir Path dir)
            throws IOException {
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, MIXED, StandardCharsets.US_ASCII);
        // Four ranges of ceil(23 / 4) = 6 bytes: cuts wanted at 6, 12 and 18; lines begin at 9, 14 and 19 (the line
        // at 19, not 18, which is the line feed after 17's carriage return).
        assertEquals(List.of(new LineRanges.Range(0, 9, 0), new LineRanges.Range(9, 14, 2),
                new LineRanges.Range(14, 19, 4), new LineRanges.Range(19, 23, 5)), LineRanges.of(f, 23, 6));
        // A cut wanted at 4, the line feed of "H;X\r\n", is made at 5.
        assertEquals(new LineRanges.Range(0, 5, 0), LineRanges.of(f, 23, 4).get(0));
        assertEquals(List.of(new LineRanges.Range(0, 23, 0)), LineRanges.of(f, 23, 23));
    }

    private static List<Line> lines(Path f, LineRanges.Range range, int buffer) {
        List<Line> lines = new ArrayList<>();
        try (LineRanges.Cursor c = new LineRanges.Cursor(f, range, buffer)) {
            while (c.next()) {
                lines.add(new Line(c.index(), c.fileOffset(),
                        new String(c.buffer(), c.lineOffset(), c.lineLength(), StandardCharsets.US_ASCII)));
            }
        }
        return lines;
    }
}
