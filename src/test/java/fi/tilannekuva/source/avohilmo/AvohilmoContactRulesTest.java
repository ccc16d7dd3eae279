package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.TestKeys;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.input.InputFile;
import fi.tilannekuva.quality.RowRules;
import fi.tilannekuva.source.DelimitedFileReader;
import fi.tilannekuva.source.SourceLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contact rules of conf/application.conf on a latin-1 extract, row by row. */
class AvohilmoContactRulesTest {

    private static final String HEADER = String.join(";", AvohilmoSource.CONTACT_COLUMNS);
    /** When the run that loads the extracts started: 15 January 2026 at 10:00 in Helsinki (UTC+2). */
    private static final Instant LOADED_AT = Instant.parse("2026-01-15T08:00:00Z");
    private static Map<String, Row> byLine;

    @BeforeAll
    static void evaluateTheExtract(@TempDir Path dir) throws IOException {
        String rows = String.join("\n",
                "1;p-0001;091;40;2;Helsingin terveysasema;T11;R10;221;1;01.10.2025 08:00;",          // line 2
                "2;p-0002;588;70;1;Pertunmaan terveysasema;T11;R10;221;1;1.12.2025 9:05;",           // 3
                "3;p-0003;091;40;2;Töölö;T11;R10;221;1;30.09.2025 23:59;",                           // 4
                "4;p-0004;091;40;2;Töölö;T11;R10;221;1;15.10.2025 10:00;14.10.2025 12:00",          // 5
                "5;p-0005;091;40;2;Töölö;T11;R10;221;2;15.10.2025 10:00;",                           // 6
                "6;p-0006;091;40;2;Töölö;T11;R10;221;1;31.13.2025 10:00;",                           // 7
                "7;p-0007;999;40;2;Töölö;T11;R10;221;1;15.10.2025 10:00;",                           // 8
                ";p-0008;091;40;2;Töölö;T11;R10;221;1;15.10.2025 10:00;",                            // 9
                "9;p-0009;091;40",                                                                   // 10
                "10;;091;abc;3;Töölö;T11;R10;221;1;15.10.2025 10:00;",                              // 11
                "11;p-0011;91;40;2;Töölö;t11;r52;221;1;15.10.2025 10:00:30;") + "\n";              // 12
        byLine = evaluate(dir, "202510", rows);
        assertEquals(11, byLine.size());
    }

    /** The rules' verdicts on {@code rows} (a file's text after its header) in {@code avohilmo_<month>.csv}, by line. */
    private static Map<String, Row> evaluate(Path dir, String month, String rows) throws IOException {
        Path f = dir.resolve("visits/avohilmo_" + month + ".csv");
        Files.createDirectories(f.getParent());
        Files.write(f, (HEADER + "\n" + rows).getBytes(StandardCharsets.ISO_8859_1));
        AppConfig config = ConfigLoader.load(null);
        InputFile file = InputFile.inspect(dir, f);
        List<String> header = DelimitedFileReader.header(file, ';', AvohilmoSource.CONTACT_COLUMNS);
        Dataset<Row> bronze = DelimitedFileReader.read(TestSpark.session(), file, ';', header)
                .withColumn("_expected_fields", lit(header.size()))
                .withColumn("_file_hash", lit(file.sha256()))
                .withColumn("_loaded_at", lit(Timestamp.from(LOADED_AT)))
                .withColumn(AvohilmoSource.FILE_MONTH, lit(month));
        Dataset<Row> evaluated = RowRules.evaluate(
                AvohilmoSource.typedContacts(bronze, config.sources().visits(), TestKeys.lookup()),
                SourceLoader.withBuiltIns(config.sources().rules().get("avohilmo-contacts")));
        Map<String, Row> rowsByLine = new HashMap<>();
        for (Row r : evaluated.collectAsList()) {
            rowsByLine.put(String.valueOf((long) r.getAs("_line")), r);
        }
        return rowsByLine;
    }

    private static List<String> reasons(int line) {
        return reasonsIn(byLine, line);
    }

    @Test
    void aContactGetsItsAreaAndQuarterFromTheRowNotTheFile() {
        Row r = byLine.get("2");
        assertEquals("90", r.getAs("area_code"));
        assertEquals("2025Q4", r.getAs("period"));
        assertTrue((Boolean) r.getAs("is_contact"));
        assertEquals(List.of(), reasons(2));
        // In the October file, but started on 30 September: a contact of 2025Q3.
        assertEquals("2025Q3", byLine.get("4").getAs("period"));
    }

    @Test
    void pertunmaaGoesThroughThe2024KeyAndOneDigitTimesParse() {
        Row r = byLine.get("3");
        assertEquals("12", r.getAs("area_code"));
        assertEquals(2024, (int) r.getAs("key_year"));
        assertEquals("2025Q4", r.getAs("period"));
        assertEquals("Pertunmaan terveysasema", r.getAs("provider"));
    }

    @Test
    void cancelledBookingsAndOtherVisitorGroupsAreAcceptedButAreNotContacts() {
        assertEquals(List.of(), reasons(5));
        assertTrue((Boolean) byLine.get("5").getAs("cancelled"));
        assertFalse((Boolean) byLine.get("5").getAs("is_contact"));
        assertEquals(List.of(), reasons(6));
        assertFalse((Boolean) byLine.get("6").getAs("is_contact"));
    }

    @Test
    void malformedRowsAreQuarantinedWithAReasonThatNamesTheColumnNotTheValue() {
        // A person id can stand in any column of a mistyped row: the reason names the column and the problem only.
        assertEquals(List.of("KAYNTI_ALKOI is not a dd.mm.yyyy HH:MM time"), reasons(7));
        assertEquals(List.of("ASIAKAS_KOTIKUNTA is not a municipality of any key (visit year 2025)"), reasons(8));
        assertEquals(List.of("AVOHILMO_ID is empty"), reasons(9));
        assertEquals(List.of("expected 12 fields, found 4"), reasons(10));
        // A missing person id quarantines, and so does an age that is not 0-120; an odd sex only warns.
        assertEquals(List.of("TNRO is empty", "ASIAKAS_IKA is not an age from 0 to 120"), reasons(11));
        Row r = byLine.get("11");
        assertEquals(List.of("person-id", "age", "sex"), r.getList(r.fieldIndex(RowRules.FAILED)));
    }

    @Test
    void codesAreNormalisedAndSecondsAccepted() {
        Row r = byLine.get("12");
        assertEquals("091", r.getAs("home_municipality"));
        assertEquals("90", r.getAs("area_code"));
        assertEquals("T11", r.getAs("service_type"));
        assertEquals("R52", r.getAs("contact_mode"));
        assertEquals(List.of(), reasons(12));
    }

    @Test
    void aContactMayStartTwoWholeMonthsEitherSideOfItsFilesMonth(@TempDir Path dir) throws IOException {
        // An October file: August 1st 00:00 to December 31st 23:59 are plausible, a minute outside either end is not.
        Map<String, Row> october = evaluate(dir, "202510", String.join("\n",
                "21;p-0021;091;40;2;Töölö;T11;R10;221;1;1.8.2025 0:00;",                            // line 2
                "22;p-0022;091;40;2;Töölö;T11;R10;221;1;31.7.2025 23:59;",                          // 3
                "23;p-0023;091;40;2;Töölö;T11;R10;221;1;31.12.2025 23:59;",                         // 4
                "24;p-0024;091;40;2;Töölö;T11;R10;221;1;1.1.2026 0:00;") + "\n");                   // 5
        String outside = "KAYNTI_ALKOI is more than two months outside the month of the file";
        assertEquals(List.of(), reasonsIn(october, 2));
        assertEquals(List.of(outside), reasonsIn(october, 3));
        assertEquals(List.of(), reasonsIn(october, 4));
        assertEquals(List.of(outside), reasonsIn(october, 5));
        // Across a year: a January file reaches back to November 1st of the year before.
        Map<String, Row> january = evaluate(dir, "202601", String.join("\n",
                "25;p-0025;091;40;2;Töölö;T11;R10;221;1;1.11.2025 0:00;",                           // line 2
                "26;p-0026;091;40;2;Töölö;T11;R10;221;1;31.10.2025 23:59;") + "\n");               // 3
        assertEquals(List.of(), reasonsIn(january, 2));
        assertEquals(List.of(outside), reasonsIn(january, 3));
    }

    @Test
    void noContactStartsAfterTheRunThatLoadsIt(@TempDir Path dir) throws IOException {
        // The run started at 10:00 on 15 January 2026 (Helsinki time, as the extract's times are): a contact at 10:00
        // is plausible, one a minute later is not. Judged against the run's start, not the clock at each query.
        Map<String, Row> january = evaluate(dir, "202601", String.join("\n",
                "31;p-0031;091;40;2;Töölö;T11;R10;221;1;15.1.2026 10:00;",                          // line 2
                "32;p-0032;091;40;2;Töölö;T11;R10;221;1;15.1.2026 10:01;") + "\n");                // 3
        assertEquals(List.of(), reasonsIn(january, 2));
        assertEquals(List.of("KAYNTI_ALKOI is after the day of the run"), reasonsIn(january, 3));
    }

    private static List<String> reasonsIn(Map<String, Row> rows, int line) {
        Row r = rows.get(String.valueOf(line));
        return r.getList(r.fieldIndex(RowRules.REASONS));
    }

    @Test
    void noReasonShowsAPersonId() {
        for (Row r : byLine.values()) {
            for (Object reason : r.getList(r.fieldIndex(RowRules.REASONS))) {
                assertFalse(reason.toString().contains("p-00"), reason.toString());
            }
        }
        assertNull(byLine.get("11").getAs("tnro"));
    }
}
