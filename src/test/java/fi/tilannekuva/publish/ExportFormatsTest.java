package fi.tilannekuva.publish;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.job.ExitCode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The XLSX and Excel-CSV exports hold the same rows, in the same order, as the CSV export of the same table, with
 * names and labels beside the codes; the publication bundle holds every table of the release, a workbook, the column
 * dictionary, the report pages, the methods, READMEs naming the sources and licences, and true SHA-256s.
 */
@Tag("slow")
class ExportFormatsTest {

    private static final Path OUT = TestSpark.target().resolve("exports");

    @BeforeAll
    static void clean() throws IOException {
        // Exports refuse an existing --out: start from an empty folder, whatever an earlier run left.
        TestPaths.deleteRecursively(OUT);
    }

    private static void ok(String... args) {
        TestCli.Outcome r = TestCli.run(SampleRun.get().with(args));
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
    }

    @Test
    void theWorkbookHasTheRowsOfTheCsvWithNamesFormatsFiltersAndColumns() throws IOException {
        Path csv = OUT.resolve("comparison.csv");
        Path xlsx = OUT.resolve("comparison.xlsx");
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--out", csv.toString());
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--format", "xlsx", "--out", xlsx.toString());
        List<String> header = List.of(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0).split(","));
        List<Map<String, String>> expected = TestCli.csv(csv);
        // What the quarter's picture shows: 24 areas (the country included) × (12 quarterly measures of 2025Q4 —
        // 10 OAB, 2 tray — and 7 yearly measures of their latest year) = 24 × 19.
        assertEquals(24 * 19, expected.size());
        assertEquals(24 * 7, expected.stream().filter(r -> r.get("period").length() == 4).count(), "the yearly rows");
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("comparison");
            List<String> columns = cells(sheet.getRow(0), sheet.getRow(0).getLastCellNum());
            // Every column of the CSV in its order, each code followed by its words in Finnish.
            assertEquals(header, columns.stream().filter(header::contains).toList());
            assertEquals("area_name", columns.get(columns.indexOf("area_code") + 1));
            assertEquals(List.of("measure_name", "unit"), columns.subList(columns.indexOf("measure_id") + 1, columns.indexOf("measure_id") + 3));
            assertEquals("assessment_label", columns.get(columns.indexOf("assessment") + 1));
            assertEquals("no_data_code_label", columns.get(columns.indexOf("no_data_code") + 1));
            assertEquals(expected.size(), sheet.getLastRowNum(), "one sheet row per CSV row, below the header");
            int denominator = columns.indexOf("denominator");
            int value = columns.indexOf("value");
            boolean wholeEuros = false;
            boolean oneDecimal = false;
            for (int i = 0; i < expected.size(); i++) {
                Row row = sheet.getRow(i + 1);
                for (String h : header) {
                    String want = expected.get(i).get(h);
                    Cell cell = row.getCell(columns.indexOf(h));
                    if (want.isEmpty()) {
                        assertTrue(cell == null || cell.getCellType() == CellType.BLANK, h + " row " + i);
                    } else if (cell.getCellType() == CellType.NUMERIC) {
                        assertEquals(Double.parseDouble(want), cell.getNumericCellValue(), 0.0, h + " row " + i);
                    } else if (cell.getCellType() == CellType.BOOLEAN) {
                        assertEquals(want, String.valueOf(cell.getBooleanCellValue()));
                    } else {
                        assertEquals(want, cell.getStringCellValue(), h + " row " + i);
                    }
                }
                if (!expected.get(i).get("denominator").isEmpty()) {
                    assertEquals(CellType.NUMERIC, row.getCell(denominator).getCellType(), "numbers are numeric cells");
                }
                if (expected.get(i).get("area_code").equals("10")) {
                    assertEquals("Kymenlaakson hyvinvointialue", row.getCell(columns.indexOf("area_name")).getStringCellValue());
                }
                // The figure keeps every digit; its format shows the catalogue's decimals (conf/measures.conf).
                Cell v = row.getCell(value);
                if (v != null && expected.get(i).get("measure_id").equals("funding_per_resident")) {
                    assertEquals("#,##0", v.getCellStyle().getDataFormatString());
                    wholeEuros = true;
                }
                if (v != null && expected.get(i).get("measure_id").equals("oab_any_clients")) {
                    assertEquals("#,##0.00", v.getCellStyle().getDataFormatString());
                    oneDecimal = true;
                }
            }
            assertTrue(wholeEuros && oneDecimal);
            assertTrue(book.getSheet("comparison").getCTWorksheet().isSetAutoFilter(), "filters on the header");
            Sheet described = book.getSheet(XlsxExport.COLUMNS);
            Map<String, String> descriptions = new java.util.HashMap<>();
            for (int r = 1; r <= described.getLastRowNum(); r++) {
                descriptions.put(described.getRow(r).getCell(1).getStringCellValue(), described.getRow(r).getCell(2).getStringCellValue());
            }
            assertEquals(columns.size(), descriptions.size(), "every column described");
            assertTrue(descriptions.get("value").startsWith("The figure"), descriptions.get("value"));
            assertTrue(descriptions.get("assessment_label").contains("labels assessment"), descriptions.get("assessment_label"));
        }
    }

    @Test
    void theExcelCsvOpensInFinnishExcel() throws IOException {
        Path csv = OUT.resolve("comparison_plain.csv");
        Path excel = OUT.resolve("comparison_excel.csv");
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--out", csv.toString());
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--format", "excel-csv", "--out", excel.toString());
        byte[] bytes = Files.readAllBytes(excel);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 with a BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("period;area_code;area_name;measure_id;measure_name;unit;"), text.substring(0, 80));
        assertTrue(text.contains("\r\n"), "CRLF line ends");
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.getFormat().setDelimiter(';');
        settings.getFormat().setLineSeparator("\r\n");
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        com.univocity.parsers.csv.CsvParser parser = new com.univocity.parsers.csv.CsvParser(settings);
        List<com.univocity.parsers.common.record.Record> records = parser.parseAllRecords(new java.io.StringReader(text));
        List<Map<String, String>> plain = TestCli.csv(csv);
        assertEquals(plain.size(), records.size());
        for (int i = 0; i < plain.size(); i++) {
            String want = plain.get(i).get("value");
            String got = records.get(i).getString("value");
            // The same exact figure with a decimal comma: 123.456 -> 123,456.
            assertEquals(want.isEmpty() ? null : want.replace('.', ','), got, "row " + i);
            if (plain.get(i).get("area_code").equals("10")) {
                assertEquals("Kymenlaakson hyvinvointialue", records.get(i).getString("area_name"));
            }
        }
    }

    @Test
    void theBundleHoldsTheReleaseWithSourcesAndLicences() throws Exception {
        Path dir = OUT.resolve("bundle");
        TestPaths.deleteRecursively(dir);
        ok("export", "--bundle", "--quarter", SampleRun.QUARTER, "--out", dir.toString());
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("release " + SampleRun.RELEASE));
        for (String source : List.of("THL (Finnish Institute for Health and Welfare), Avohilmo", "THL, Sotkanet",
                "Statistics Finland", "CC BY 4.0", "Ministry of Finance")) {
            assertTrue(readme.contains(source), "README names " + source);
        }
        for (String table : Publications.tables()) {
            Path csv = dir.resolve(table + ".csv");
            assertTrue(Files.exists(csv), table);
            long rows = TestCli.csv(csv).size();
            assertTrue(readme.contains("| `" + table + ".csv` | " + rows + " |"), table + " with " + rows + " rows in README");
        }
        assertTrue(Files.readString(dir.resolve("measure_catalogue.csv")).contains("oab_any_clients"));
        // The bundle's picture is the release's: the as-published export of the same release is identical.
        Path asPublished = OUT.resolve("picture-as-published.csv");
        ok("export", "--table", "situational_picture", "--as-published", SampleRun.QUARTER, "--out", asPublished.toString());
        assertEquals(Files.readString(asPublished), Files.readString(dir.resolve("situational_picture.csv")));
        try (InputStream in = Files.newInputStream(dir.resolve("tilannekuva_" + SampleRun.RELEASE + ".xlsx"));
             Workbook book = new XSSFWorkbook(in)) {
            List<String> sheets = new ArrayList<>();
            book.forEach(s -> sheets.add(s.getSheetName()));
            List<String> expectedSheets = new ArrayList<>(Publications.tables());
            expectedSheets.add(XlsxExport.COLUMNS);
            assertEquals(expectedSheets, sheets);
        }
        // The column dictionary describes every column of every CSV; the README also in Finnish and Swedish; the
        // methods; the report pages in three languages.
        List<Map<String, String>> dictionary = TestCli.csv(dir.resolve("columns.csv"));
        assertTrue(dictionary.stream().anyMatch(r -> r.get("table").equals("comparison") && r.get("column").equals("value")
                && r.get("description").startsWith("The figure")));
        for (String table : Publications.tables()) {
            List<String> described = dictionary.stream().filter(r -> r.get("table").equals(table)).map(r -> r.get("column")).toList();
            assertEquals(List.of(Files.readAllLines(dir.resolve(table + ".csv")).get(0).split(",")), described, table);
        }
        assertTrue(Files.readString(dir.resolve("README.fi.md")).contains("Lähteet ja lisenssit"));
        assertTrue(Files.readString(dir.resolve("README.sv.md")).contains("Källor och licenser"));
        // Each source's attribution (conf/sources.conf) as a line of its own, in the source list's order.
        int avohilmo = readme.indexOf("\n- THL (Finnish Institute for Health and Welfare), Avohilmo (register of primary health care");
        int ministry = readme.indexOf("\n- Ministry of Finance, funding of the wellbeing services counties");
        int maps = readme.indexOf("\n- Statistics Finland and National Land Survey of Finland: the county outlines");
        assertTrue(avohilmo > 0 && avohilmo < ministry && ministry < maps, readme);
        assertTrue(Files.readString(dir.resolve("README.fi.md")).contains("\n- Valtiovarainministeriö, hyvinvointialueiden rahoitus"));
        assertTrue(Files.readString(dir.resolve("METHODS.md")).contains("Wilson"));
        for (String lang : List.of("fi", "sv", "en")) {
            assertTrue(Files.readString(dir.resolve("tilannekuva_2025Q4_" + lang + ".html")).contains("<html lang=\"" + lang + "\">"));
        }
        List<String> sums = Files.readAllLines(dir.resolve("SHA256SUMS"));
        // Every table, publications, columns.csv, the workbook, 3 report pages, METHODS.md and 3 READMEs.
        assertEquals(Publications.tables().size() + 1 + 1 + 1 + 3 + 1 + 3, sums.size());
        for (String line : sums) {
            String[] parts = line.split("  ");
            assertEquals(parts[0], HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(dir.resolve(parts[1])))), parts[1]);
        }
        assertFalse(readme.contains("null"), readme);
    }

    private static List<String> cells(Row row, int n) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            out.add(row.getCell(c).getStringCellValue());
        }
        return out;
    }
}
