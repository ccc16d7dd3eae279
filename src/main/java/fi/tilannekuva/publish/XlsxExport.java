package fi.tilannekuva.publish;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes gold tables as an Excel workbook (Apache POI, streamed), one sheet per table: a bold, frozen header row,
 * numbers as numeric cells, booleans as booleans, everything else as the CSV export writes it. Rows in the same
 * stable order as the CSV export.
 */
public final class XlsxExport {

    /** An XLSX sheet holds 1,048,576 rows, the header included. */
    static final int MAX_ROWS = 1_048_575;
    private static final int ROWS_IN_MEMORY = 500;

    private XlsxExport() {
    }

    /** Writes one table as a one-sheet workbook; returns the number of rows written. */
    public static long write(SparkSession spark, Dataset<org.apache.spark.sql.Row> rows, String sheet, Path out) {
        Map<String, Dataset<org.apache.spark.sql.Row>> one = new LinkedHashMap<>();
        one.put(sheet, rows);
        return writeWorkbook(spark, one, out).get(sheet);
    }

    /** Writes each table as a sheet named after it, in order; returns the rows written per sheet. */
    public static Map<String, Long> writeWorkbook(SparkSession spark, Map<String, Dataset<org.apache.spark.sql.Row>> sheets,
                                                  Path out) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Map<String, Long> written = new LinkedHashMap<>();
        try (SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            book.setCompressTempFiles(true);
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            for (Map.Entry<String, Dataset<org.apache.spark.sql.Row>> e : sheets.entrySet()) {
                written.put(e.getKey(), sheet(book, header, sheetName(e.getKey()),
                        CsvExport.presentable(spark, e.getValue(), true), e.getKey()));
            }
            Files.createDirectories(target.getParent());
            try (OutputStream o = Files.newOutputStream(tmp)) {
                book.write(o);
            }
            book.dispose();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The error that stopped the write is the one to report.
            }
        }
        return written;
    }

    private static long sheet(SXSSFWorkbook book, CellStyle headerStyle, String name,
                              Dataset<org.apache.spark.sql.Row> rows, String table) {
        long count = rows.count();
        if (count > MAX_ROWS) {
            throw new IllegalArgumentException("table " + table + " has " + count
                    + " rows, more than an XLSX sheet holds (" + MAX_ROWS + "): export it as csv");
        }
        SXSSFSheet sheet = book.createSheet(name);
        StructField[] fields = rows.schema().fields();
        Row header = sheet.createRow(0);
        for (int c = 0; c < fields.length; c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(fields[c].name());
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, fields[c].name().length() + 2)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        Iterator<org.apache.spark.sql.Row> it = rows.toLocalIterator();
        while (it.hasNext()) {
            org.apache.spark.sql.Row row = it.next();
            Row out = sheet.createRow(r++);
            for (int c = 0; c < fields.length; c++) {
                if (row.isNullAt(c)) {
                    continue;
                }
                Object v = row.get(c);
                Cell cell = out.createCell(c);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else {
                    cell.setCellValue(v.toString());
                }
            }
        }
        return count;
    }

    /** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
    static String sheetName(String table) {
        String clean = table.replaceAll("[:\\\\/?*\\[\\]]", "_");
        return clean.length() <= 31 ? clean : clean.substring(0, 31);
    }
}
