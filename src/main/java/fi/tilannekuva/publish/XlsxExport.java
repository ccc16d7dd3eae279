package fi.tilannekuva.publish;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes gold tables as an Excel workbook (Apache POI, streamed), one sheet per table with names and labels beside
 * the codes ({@link LabelledTable}): a bold, frozen header row with filters, numbers as numeric cells shown with the
 * measure's decimals (the cell keeps the exact figure), booleans as booleans, and a sheet describing every column.
 */
public final class XlsxExport {

    /** An XLSX sheet holds 1,048,576 rows, the header included. */
    static final int MAX_ROWS = 1_048_575;
    /** The sheet that describes every column. */
    public static final String COLUMNS = "columns";
    private static final int ROWS_IN_MEMORY = 500;

    private XlsxExport() {
    }

    /** Writes one table as a workbook: its sheet and a sheet describing its columns; returns the rows written. */
    public static long write(SparkSession spark, LabelledTable.Labelled table, Path out) {
        return writeWorkbook(spark, List.of(table), out).get(table.table());
    }

    /**
     * Writes each table as a sheet named after it, in order, then a sheet {@value #COLUMNS} describing every column;
     * returns the rows written per table.
     */
    public static Map<String, Long> writeWorkbook(SparkSession spark, List<LabelledTable.Labelled> tables, Path out) {
        Map<String, Long> written = new LinkedHashMap<>();
        try (SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            book.setCompressTempFiles(true);
            Styles styles = new Styles(book);
            for (LabelledTable.Labelled t : tables) {
                written.put(t.table(), sheet(book, styles, sheetName(t.table()),
                        CsvExport.presentable(spark, t.rows(), true), t));
            }
            columnsSheet(book, styles, tables);
            CsvExport.replaceFile(out, o -> {
                book.write(o);
                return null;
            });
            book.dispose();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The workbook's cell styles: a bold header, and numbers with 0–6 decimals and a thousands separator. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle[] decimals = new CellStyle[7];

        Styles(SXSSFWorkbook book) {
            header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            DataFormat format = book.createDataFormat();
            for (int d = 0; d < decimals.length; d++) {
                decimals[d] = book.createCellStyle();
                decimals[d].setDataFormat(format.getFormat(d == 0 ? "#,##0" : "#,##0." + "0".repeat(d)));
            }
        }
    }

    private static long sheet(SXSSFWorkbook book, Styles styles, String name, Dataset<org.apache.spark.sql.Row> rows,
                              LabelledTable.Labelled table) {
        SXSSFSheet sheet = book.createSheet(name);
        StructField[] fields = rows.schema().fields();
        Row header = sheet.createRow(0);
        int decimalsColumn = -1;
        CellStyle[] fixed = new CellStyle[fields.length];
        boolean[] byRow = new boolean[fields.length];
        for (int c = 0; c < fields.length; c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(fields[c].name());
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, fields[c].name().length() + 2)) * 256);
            decimalsColumn = fields[c].name().equals("decimals") ? c : decimalsColumn;
            Integer d = table.fixed().get(fields[c].name());
            fixed[c] = d == null ? null : styles.decimals[Math.min(6, d)];
            byRow[c] = table.byRow().contains(fields[c].name());
        }
        sheet.createFreezePane(0, 1);
        // One pass over the rows (no count first: that would run the labelled table's query twice).
        int r = 1;
        Iterator<org.apache.spark.sql.Row> it = CsvExport.inDriver(rows);
        while (it.hasNext()) {
            org.apache.spark.sql.Row row = it.next();
            if (r > MAX_ROWS) {
                throw new IllegalArgumentException("table " + table.table()
                        + " has more rows than an XLSX sheet holds (" + MAX_ROWS + "): export it as csv");
            }
            Row out = sheet.createRow(r++);
            CellStyle rowStyle = decimalsColumn < 0 || row.isNullAt(decimalsColumn) ? null
                    : styles.decimals[Math.min(6, ((Number) row.get(decimalsColumn)).intValue())];
            for (int c = 0; c < fields.length; c++) {
                if (row.isNullAt(c)) {
                    continue;
                }
                Object v = row.get(c);
                Cell cell = out.createCell(c);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                    CellStyle style = fixed[c] != null ? fixed[c] : byRow[c] ? rowStyle : null;
                    if (style != null) {
                        cell.setCellStyle(style);
                    }
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else {
                    cell.setCellValue(v.toString());
                }
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r - 1, 1), 0, fields.length - 1));
        return r - 1;
    }

    /** The sheet that says what every column of every table holds, from the tables' column comments. */
    private static void columnsSheet(SXSSFWorkbook book, Styles styles, List<LabelledTable.Labelled> tables) {
        SXSSFSheet sheet = book.createSheet(COLUMNS);
        String[] head = {"table", "column", "description"};
        Row header = sheet.createRow(0);
        for (int c = 0; c < head.length; c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(head[c]);
            cell.setCellStyle(styles.header);
        }
        sheet.setColumnWidth(0, 26 * 256);
        sheet.setColumnWidth(1, 34 * 256);
        sheet.setColumnWidth(2, 120 * 256);
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (LabelledTable.Labelled t : tables) {
            for (LabelledTable.Described d : t.columns()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(t.table());
                row.createCell(1).setCellValue(d.name());
                row.createCell(2).setCellValue(d.description());
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r - 1, 1), 0, head.length - 1));
    }

    /** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
    static String sheetName(String table) {
        String clean = table.replaceAll("[:\\\\/?*\\[\\]]", "_");
        return clean.length() <= 31 ? clean : clean.substring(0, 31);
    }
}
