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
 * The XLSX export holds the same rows, in the same order, as the CSV export of the same table; the publication
 * bundle holds every table of the release, a workbook, a README naming the sources and licences, and true SHA-256s.
 */
@Tag("slow")
class ExportFormatsTest {

    private static final Path OUT = TestSpark.target().resolve("exports");

    private static void ok(String... args) {
        TestCli.Outcome r = TestCli.run(SampleRun.get().with(args));
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
    }

    @Test
    void theWorkbookHasTheRowsOfTheCsv() throws IOException {
        Path csv = OUT.resolve("comparison.csv");
        Path xlsx = OUT.resolve("comparison.xlsx");
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--out", csv.toString());
        ok("export", "--table", "comparison", "--quarter", SampleRun.QUARTER, "--format", "xlsx", "--out", xlsx.toString());
        List<String> header = List.of(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0).split(","));
        List<Map<String, String>> expected = TestCli.csv(csv);
        // The quarter's rows: 24 areas (the country included) × 12 quarterly measures (10 OAB, 2 tray).
        assertEquals(24 * 12, expected.size());
        try (InputStream in = Files.newInputStream(xlsx); Workbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("comparison");
            assertEquals(header, cells(sheet.getRow(0), header.size()));
            assertEquals(expected.size(), sheet.getLastRowNum(), "one sheet row per CSV row, below the header");
            int denominator = header.indexOf("denominator");
            for (int i = 0; i < expected.size(); i++) {
                Row row = sheet.getRow(i + 1);
                for (int c = 0; c < header.size(); c++) {
                    String want = expected.get(i).get(header.get(c));
                    Cell cell = row.getCell(c);
                    if (want.isEmpty()) {
                        assertTrue(cell == null || cell.getCellType() == CellType.BLANK, header.get(c) + " row " + i);
                    } else if (cell.getCellType() == CellType.NUMERIC) {
                        assertEquals(Double.parseDouble(want), cell.getNumericCellValue(), 0.0, header.get(c) + " row " + i);
                    } else if (cell.getCellType() == CellType.BOOLEAN) {
                        assertEquals(want, String.valueOf(cell.getBooleanCellValue()));
                    } else {
                        assertEquals(want, cell.getStringCellValue(), header.get(c) + " row " + i);
                    }
                }
                if (!expected.get(i).get("denominator").isEmpty()) {
                    assertEquals(CellType.NUMERIC, row.getCell(denominator).getCellType(), "numbers are numeric cells");
                }
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
        for (String source : List.of("THL (Finnish Institute for Health and Welfare), Sotkanet", "THL, Avohilmo",
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
            assertEquals(Publications.tables(), sheets);
        }
        List<String> sums = Files.readAllLines(dir.resolve("SHA256SUMS"));
        assertEquals(Publications.tables().size() + 3, sums.size(), "every table, publications, the workbook and README");
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
