package fi.tilannekuva.publish;

import com.univocity.parsers.csv.CsvFormat;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.SituationalPicture;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import scala.collection.JavaConverters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_json;

/**
 * Writes a gold table (all of it, or one period) as one UTF-8 CSV file with a header row, rows in a stable
 * order. Numbers are written plainly (12, not 12.0 or 1.2E7), arrays joined with "; ", times in ISO 8601.
 */
public final class CsvExport {

    /** Silver tables that may be exported besides gold: the quarantine (person ids masked), for data engineers. */
    private static final List<String> SILVER_EXPORTS = List.of(SourceLoader.QUARANTINE);
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** An export's rows read from tables smaller than this together are collected at once ({@link #inDriver}). */
    static final long COLLECTED_BELOW_BYTES = 16L << 20;
    /** A table name, never a path: other silver and bronze tables hold person ids. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private CsvExport() {
    }

    /** Whether {@code name} can be a table's name: never a path (other silver and bronze tables hold person ids). */
    public static boolean isTableName(String name) {
        return TABLE_NAME.matcher(name).matches();
    }

    public static Dataset<Row> table(Warehouse warehouse, String table, String period) {
        if (!isTableName(table)) {
            throw new IllegalArgumentException("--table takes a table name such as comparison, not '" + table + "'");
        }
        Layer layer = SILVER_EXPORTS.contains(table) ? Layer.SILVER : Layer.GOLD;
        if (!warehouse.exists(layer, table)) {
            throw new InputException("table " + table + " does not exist in " + warehouse.root()
                    + " (run refresh first; known tables: " + String.join(", ", knownTables(warehouse.root())) + ")");
        }
        Dataset<Row> rows = warehouse.read(layer, table);
        List<String> columns = Arrays.asList(rows.columns());
        // Tables of the situational picture are keyed by the picture's quarter, the others by their period; the
        // comparison of a quarter holds what its picture shows: the quarter, and each yearly measure's latest year.
        if (period != null && table.equals(ComparisonTable.TABLE)) {
            rows = SituationalPicture.chosenRows(rows, warehouse.read(Layer.GOLD, MeasureCatalogue.TABLE), Quarter.parse(period))
                    .select(columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        } else if (period != null && columns.contains("quarter")) {
            rows = rows.where(col("quarter").equalTo(period));
        } else if (period != null && columns.contains("period")) {
            rows = rows.where(col("period").equalTo(period));
        }
        if (RunLog.RUNS.equals(table) || RunLog.RUN_FILES.equals(table)) {
            return rows.orderBy(col("run_id"));
        }
        return ordered(rows);
    }

    /** {@code rows} in a stable order: by every column that can be ordered (maps cannot), left to right. */
    public static Dataset<Row> ordered(Dataset<Row> rows) {
        return ordered(rows, rows.schema());
    }

    /** {@code rows} in the stable order of rows with {@code schema}'s columns (e.g. before labels were added). */
    public static Dataset<Row> ordered(Dataset<Row> rows, StructType schema) {
        return rows.orderBy(Arrays.stream(schema.fields()).filter(f -> !(f.dataType() instanceof MapType))
                .map(f -> col("`" + f.name() + "`")).toArray(Column[]::new));
    }

    /** The gold tables of the warehouse at {@code root}, by name; read from its folders, without Spark. */
    public static List<String> knownTables(Path root) {
        Path gold = root.resolve(Layer.GOLD.directory());
        if (!Files.isDirectory(gold)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(gold)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code rows} with every column a file can hold as it is: arrays joined with "; ", maps and structs as JSON,
     * times in ISO 8601, and doubles as plain decimal text unless {@code keepNumbers} (a spreadsheet's numeric cells).
     */
    public static Dataset<Row> presentable(SparkSession spark, Dataset<Row> rows, boolean keepNumbers) {
        if (!spark.catalog().functionExists("plain_number")) {
            spark.udf().register("plain_number", (UDF1<Double, String>) CsvExport::plainNumber, DataTypes.StringType);
        }
        List<Column> cols = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            Column c = col("`" + f.name() + "`");
            if (f.dataType() instanceof DoubleType && !keepNumbers) {
                c = call_udf("plain_number", c);
            } else if (f.dataType() instanceof ArrayType) {
                c = array_join(c, "; ");
            } else if (f.dataType() instanceof MapType || f.dataType() instanceof StructType) {
                c = to_json(c);
            } else if (f.dataType() instanceof TimestampType) {
                c = date_format(c, "yyyy-MM-dd'T'HH:mm:ssXXX");
            }
            cols.add(c.as(f.name()));
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    /** Writes {@code rows} to {@code out}; returns the number of rows written. */
    public static long write(SparkSession spark, Dataset<Row> rows, Path out) {
        return write(presentable(spark, rows, false), out, ",", "\n", false);
    }

    /**
     * Writes a labelled table as Finnish-locale Excel opens it by a double click: UTF-8 with a byte order mark,
     * fields separated by ";", a decimal comma, CRLF line ends. Figures stay exact (no rounding).
     */
    public static long writeForExcel(SparkSession spark, LabelledTable.Labelled table, Path out) {
        Dataset<Row> rows = presentable(spark, table.rows(), false);
        List<Column> cols = new ArrayList<>();
        for (StructField f : table.rows().schema().fields()) {
            Column c = col("`" + f.name() + "`");
            cols.add(f.dataType() instanceof DoubleType ? regexp_replace(c, "\\.", ",").as(f.name()) : c);
        }
        return write(rows.select(cols.toArray(Column[]::new)), out, ";", "\r\n", true);
    }

    /**
     * Writes the rows in the driver ({@link #inDriver}) with the CSV writer Spark uses and the settings Spark's CSV
     * writer gives it for these options: the same bytes as Spark's own CSV output, without a write job, its scratch
     * folder and its part file per table. A gold table is small; the quarantine, the one large table an export may
     * take, is streamed and never held whole.
     */
    static long write(Dataset<Row> presentable, Path out, String separator, String lineEnd, boolean byteOrderMark) {
        return replaceFile(out, o -> {
            if (byteOrderMark) {
                o.write(BYTE_ORDER_MARK);
            }
            CsvWriter csv = new CsvWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8),
                    sparkSettings(separator, lineEnd));
            csv.writeHeaders(presentable.columns());
            long count = 0;
            Iterator<Row> rows = inDriver(presentable);
            while (rows.hasNext()) {
                Row row = rows.next();
                String[] values = new String[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = text(row.get(i));
                }
                csv.writeRow((Object[]) values);
                count++;
            }
            csv.close();
            return count;
        });
    }

    /**
     * The rows of {@code rows}, in their order, in the driver: collected in one Spark job when the tables they are
     * read from hold less than {@link #COLLECTED_BELOW_BYTES} together (Spark's size of each: a table's files), as gold
     * tables do; else a partition at a time, never held whole, a Spark job per partition (a sorted table kept in
     * memory has {@code spark.sql.shuffle.partitions} of them: a bundle's thirteen tables took 144 jobs).
     */
    static Iterator<Row> inDriver(Dataset<Row> rows) {
        BigInteger read = BigInteger.ZERO;
        for (LogicalPlan table : JavaConverters.seqAsJavaList(rows.queryExecution().optimizedPlan().collectLeaves())) {
            read = read.add(table.stats().sizeInBytes().bigInteger());
        }
        return read.compareTo(BigInteger.valueOf(COLLECTED_BELOW_BYTES)) < 0 ? rows.collectAsList().iterator()
                : rows.toLocalIterator();
    }

    /** What writes a file's content; what it returns is the write's result (e.g. the rows written). */
    @FunctionalInterface
    interface FileContent<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code out} through {@code content} into a hidden file beside it, moved into place once complete: a
     * failed export leaves no partial file where a complete one is expected, and an earlier one stays until replaced.
     */
    static <T> T replaceFile(Path out, FileContent<T> content) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            T result;
            try (OutputStream o = Files.newOutputStream(tmp)) {
                result = content.writeTo(o);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The error that stopped the write, if any, is the one to report.
            }
        }
    }

    /**
     * What Spark's CSV options (header, UTF-8, {@code escape "}, {@code emptyValue ""}, {@code sep}, {@code lineSep},
     * the rest left at their defaults) make of univocity's writer settings ({@code CSVOptions.asWriterSettings}).
     */
    private static CsvWriterSettings sparkSettings(String separator, String lineEnd) {
        CsvWriterSettings settings = new CsvWriterSettings();
        CsvFormat format = settings.getFormat();
        format.setDelimiter(separator);
        format.setQuote('"');
        // RFC 4180: a quote inside a field is doubled, not backslash-escaped (Spark's default).
        format.setQuoteEscape('"');
        // The comment character is left at univocity's '#', as Spark leaves it unless told one: a row whose first
        // field starts with '#' has it quoted, so no reader takes the row for a comment.
        format.setLineSeparator(lineEnd);
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(true);
        settings.setQuoteAllFields(false);
        settings.setQuoteEscapingEnabled(true);
        return settings;
    }

    /** A value as Spark's CSV writer writes it; presentable rows hold text, whole numbers, booleans and dates. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return value.toString();
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Shortest exact decimal, no exponent, no ".0" on whole numbers. */
    static String plainNumber(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return null;
        }
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return "-0".equals(s) ? "0" : s;
    }
}
