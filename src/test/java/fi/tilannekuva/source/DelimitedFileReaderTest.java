package fi.tilannekuva.source;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedFileReaderTest {

    @Test
    void rowsKeepTheirPhysicalLineNumbersAndLatin1TextSurvives(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("visits/avohilmo_202511.csv");
        Files.createDirectories(f.getParent());
        String text = "ID;NAME;NOTE\r\n"
                + "1;Mäntyharju;ok\r\n"
                + "\r\n"                              // a blank line holds no row
                + "2;\"Närpiö; Närpes\";quoted\r\n"   // a quoted delimiter stays in its field
                + "3;Åland\r\n";                      // one field short
        Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
        InputFile file = InputFile.inspect(dir, f);
        List<String> header = DelimitedFileReader.header(file, ';', List.of("ID"));
        assertEquals(List.of("ID", "NAME", "NOTE"), header);

        List<Row> rows = DelimitedFileReader.read(TestSpark.session(), file, ';', header).orderBy("_line").collectAsList();
        assertEquals(3, rows.size());
        Row first = rows.get(0);
        assertEquals("Mäntyharju", first.getAs("NAME"));
        assertEquals(2L, (long) first.getAs("_line"));
        assertEquals(3, (int) first.getAs("_field_count"));
        assertNull(first.getAs("_raw"), "a row with the header's field count needs no raw copy");
        assertEquals("Närpiö; Närpes", rows.get(1).getAs("NAME"));
        assertEquals(4L, (long) rows.get(1).getAs("_line"), "line 3 was blank");
        Row shortRow = rows.get(2);
        assertEquals(2, (int) shortRow.getAs("_field_count"));
        assertEquals("3;Åland", shortRow.getAs("_raw"));
        assertNull(shortRow.getAs("NOTE"));
    }

    @Test
    void aFileReadInRangesSideBySideNumbersItsLinesAsInOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("visits/avohilmo_202512.csv");
        Files.createDirectories(f.getParent());
        // Lines 1-7: the header, two rows, a blank line, a row ended by a carriage return alone, a row with an invalid
        // byte, the last row without a line end. Bytes: "ID;NAME\r\n" 0-8, "1;\u00e4\r\n" 9-14 (the a-umlaut in two
        // UTF-8 bytes makes the file UTF-8), "2;bbb\r\n" 15-21, "\r\n" 22-23, "3;ccc\r" 24-29, "4;", 0xFF, "d\n" 30-34
        // (the invalid byte is 30 + 2 = 32), "5;eee" 35-39.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("ID;NAME\r\n1;\u00e4\r\n2;bbb\r\n\r\n3;ccc\r4;".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("d\n5;eee".getBytes(StandardCharsets.UTF_8));
        byte[] text = bytes.toByteArray();
        Files.write(f, text);
        InputFile file = InputFile.inspect(dir, f);
        List<String> header = DelimitedFileReader.header(file, ';', List.of("ID"));
        for (long rangeBytes : new long[]{text.length, 7, 1}) {
            List<Row> rows = DelimitedFileReader.read(TestSpark.session(), file, ';', header, rangeBytes)
                    .orderBy("_line").collectAsList();
            assertEquals(List.of("1 2", "2 3", "3 5", "4 6", "5 7"),
                    rows.stream().map(r -> r.getAs("ID") + " " + r.getAs("_line")).toList(), "ranges of " + rangeBytes);
            assertEquals("invalid UTF-8 at byte 32", rows.get(3).getAs("_encoding_error"), "ranges of " + rangeBytes);
        }
    }

    @Test
    void aMissingRequiredColumnNamesTheFileAndTheColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("visits/avohilmo_202510.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "AVOHILMO_ID;ASIAKAS_KOTIKUNTA\n1;091\n");
        InputException e = assertThrows(InputException.class,
                () -> DelimitedFileReader.header(InputFile.inspect(dir, f), ';', List.of("AVOHILMO_ID", "TNRO")));
        assertTrue(e.getMessage().startsWith("visits/avohilmo_202510.csv: missing required column TNRO"), e.getMessage());
    }

    @Test
    void aLineWithoutQuotesIsSplitAsTheCsvParserSplitsIt() {
        for (String line : List.of("1;Mäntyharju;ok", "a;;b", "a;b;", ";", ";;", "x", " a ; b ", "a\tb;c",
                "100000001;301e278faa015dc5;508;65;2;Terveysasema, Mänttä-Vilppula;T11;R10;2264;1;24.10.2025 08:35;")) {
            assertTrue(DelimitedFileReader.plain(line), line);
            assertEquals(List.of(DelimitedFileReader.parser(';').parseLine(line)),
                    List.of(DelimitedFileReader.split(line, ';')), line);
        }
        // Quotes and the parser's comment lines stay with the parser.
        assertEquals(false, DelimitedFileReader.plain("2;\"Närpiö; Närpes\";quoted"));
        assertEquals(false, DelimitedFileReader.plain("#1;2;3"));
        assertEquals(List.of("a", "", "b", ""), List.of(DelimitedFileReader.split("a,,b,", ',')));
    }

    @Test
    void headerNamesBecomeDeltaColumnNames() {
        assertEquals("primary_value", DelimitedFileReader.columnName("primary value"));
        assertEquals("TNRO", DelimitedFileReader.columnName("\uFEFFTNRO "));
        assertEquals("_column", DelimitedFileReader.columnName(""));
    }
}
