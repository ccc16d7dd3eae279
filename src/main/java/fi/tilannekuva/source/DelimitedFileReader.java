package fi.tilannekuva.source;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.TaskCompletionListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a delimited text file (CSV, semicolon extracts) into rows of strings that keep their physical line
 * number, in the file's own encoding. Spark's CSV reader cannot say which line a row came from, and the
 * quarantine must; so lines are read as bytes in ranges that number their own lines ({@link LineRanges}), decoded
 * with the detected charset and split with univocity, the parser Spark's CSV reader itself uses.
 */
public final class DelimitedFileReader {

    /** Physical line number, 1 = the header. */
    public static final String LINE = "_line";
    /** How many fields the line had. */
    public static final String FIELD_COUNT = "_field_count";
    /** The line as text, kept only when its field count differs from the header's (the columns cannot hold it). */
    public static final String RAW = "_raw";
    /** Why the line's bytes are not valid in the file's encoding ("invalid UTF-8 at byte N"); null when they are. */
    public static final String ENCODING_ERROR = "_encoding_error";

    private DelimitedFileReader() {
    }

    /** The header's column names; a missing required column is an {@link InputException} naming file and column. */
    public static List<String> header(InputFile file, char delimiter, List<String> required) {
        String first;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file.path()),
                Charset.forName(file.charset())))) {
            first = r.readLine();
        } catch (IOException e) {
            throw new InputException(file.name() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (first == null || first.isBlank()) {
            throw new InputException(file.name() + ": the file is empty; a header row is required");
        }
        String[] fields = parser(delimiter).parseLine(stripBom(first));
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : fields) {
            String name = columnName(f);
            String unique = name;
            for (int i = 2; !seen.add(unique.toLowerCase(Locale.ROOT)); i++) {
                unique = name + "_" + i;
            }
            columns.add(unique);
        }
        Set<String> lower = new HashSet<>();
        columns.forEach(c -> lower.add(c.toLowerCase(Locale.ROOT)));
        List<String> missing = required.stream()
                .filter(req -> !lower.contains(columnName(req).toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty()) {
            // A first line with none of the expected names is a data row (it may hold a person id): never echoed.
            String upper = first.toUpperCase(Locale.ROOT);
            boolean otherDelimiter = required.stream().allMatch(r -> upper.contains(r.toUpperCase(Locale.ROOT)));
            String expected = "(expected the columns " + String.join(delimiter + "", required) + ")";
            String found = missing.size() < required.size()
                    ? "missing required column " + missing.get(0) + " (the header has " + String.join(", ", columns) + ")"
                    : otherDelimiter ? "the header is not separated by '" + delimiter + "' " + expected
                    : "the first line is not a header " + expected;
            throw new InputException(file.name() + ": " + found);
        }
        return columns;
    }

    /**
     * Column names as Delta accepts them: the characters " ,;{}()\n\t=" become underscores
     * ({@code primary value} → {@code primary_value}); an empty header cell becomes {@code _column}.
     */
    public static String columnName(String header) {
        String h = header == null ? "" : stripBom(header).strip();
        if (h.isEmpty()) {
            return "_column";
        }
        return h.replaceAll("[ ,;{}()\\n\\t=]", "_");
    }

    /** The data rows of {@code file} (the header line is skipped; blank lines hold no row and are skipped). */
    public static Dataset<Row> read(SparkSession spark, InputFile file, char delimiter, List<String> columns) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // In ranges of the size Hadoop's file system splits the file by (one for a file smaller than that), each
        // numbering its own lines from the count taken here: no Spark job counts the lines of the ranges before it.
        String uri = file.path().toUri().toString();
        long rangeBytes;
        try {
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(uri);
            rangeBytes = hadoopPath.getFileSystem(jsc.hadoopConfiguration()).getDefaultBlockSize(hadoopPath);
        } catch (IOException e) {
            throw new InputException(file.name() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return read(spark, file, delimiter, columns, rangeBytes);
    }

    /** {@link #read(SparkSession, InputFile, char, List)} in ranges of about {@code rangeBytes}. */
    static Dataset<Row> read(SparkSession spark, InputFile file, char delimiter, List<String> columns, long rangeBytes) {
        List<LineRanges.Range> ranges;
        try {
            ranges = LineRanges.of(file.path(), file.bytes(), rangeBytes);
        } catch (UncheckedIOException e) {
            throw new InputException(file.name() + ": cannot be read (" + e.getCause().getMessage() + ")", e);
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size())
                .mapPartitions(new LineParser(file.path().toUri().toString(), file.charset(), delimiter, columns.size()));
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(FIELD_COUNT, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(ENCODING_ERROR, DataTypes.StringType, true));
        return spark.createDataFrame(rows, DataTypes.createStructType(fields));
    }

    static CsvParser parser(char delimiter) {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(delimiter);
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.setNullValue("");
        s.setEmptyValue("");
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setMaxCharsPerColumn(-1);
        s.setMaxColumns(4096);
        return new CsvParser(s);
    }

    /** The index of the first byte of {@code bytes} that starts no valid UTF-8 sequence, or -1. */
    static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            return in.position();
        }
        r = d.flush(out);
        return r.isError() ? in.position() : -1;
    }

    /**
     * Whether {@code line} can be split at each delimiter as the CSV parser would split it: no quote, and not what the
     * parser takes for a comment (a first {@code #}). Nearly every line of a register extract: it is split without
     * the parser's per-line set-up, a sixth of reading a national extract.
     */
    static boolean plain(String line) {
        return line.indexOf('"') < 0 && !line.startsWith("#");
    }

    /** The fields of a {@link #plain} line: every delimiter ends one, an empty field is empty text, spaces stay. */
    static String[] split(String line, char delimiter) {
        int count = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count - 1; f++) {
            int end = line.indexOf(delimiter, start);
            fields[f] = line.substring(start, end);
            start = end + 1;
        }
        fields[count - 1] = line.substring(start);
        return fields;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Reads, decodes and splits the lines of a partition's {@link LineRanges.Range}, numbered as they are read. */
    private static final class LineParser implements FlatMapFunction<Iterator<LineRanges.Range>, Row> {
        private static final long serialVersionUID = 1L;
        private final String uri;
        private final String charset;
        private final char delimiter;
        private final int columns;

        LineParser(String uri, String charset, char delimiter, int columns) {
            this.uri = uri;
            this.charset = charset;
            this.delimiter = delimiter;
            this.columns = columns;
        }

        @Override
        public Iterator<Row> call(Iterator<LineRanges.Range> ranges) {
            if (!ranges.hasNext()) {
                return Collections.emptyIterator();
            }
            Charset cs = Charset.forName(charset);
            boolean utf8 = cs.equals(StandardCharsets.UTF_8);
            CsvParser parser = parser(delimiter);
            LineRanges.Cursor lines = new LineRanges.Cursor(Path.of(URI.create(uri)), ranges.next());
            // A task that stops reading early (a limit) still closes the file.
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) context -> lines.close());
            }
            // Lazy, so a partition of a national extract is never held in memory at once.
            return new Iterator<>() {
                private Row next = advance();

                private Row advance() {
                    while (lines.next()) {
                        Row row = parse();
                        if (row != null) {
                            return row;
                        }
                    }
                    lines.close();
                    return null;
                }

                private Row parse() {
                    long index = lines.index();
                    if (index == 0) {
                        return null;
                    }
                    byte[] bytes = lines.buffer();
                    int from = lines.lineOffset();
                    int length = lines.lineLength();
                    String text = new String(bytes, from, length, cs);
                    // Java's UTF-8 decoder replaces every malformed sequence with U+FFFD: only a line holding one
                    // can be invalid, and only such a line pays for finding where.
                    int invalid = utf8 && text.indexOf('\uFFFD') >= 0
                            ? firstInvalidUtf8(Arrays.copyOfRange(bytes, from, from + length)) : -1;
                    if (text.isBlank()) {
                        return null;
                    }
                    String[] parsed = plain(text) ? split(text, delimiter) : parser.parseLine(text);
                    int count = parsed == null ? 0 : parsed.length;
                    Object[] values = new Object[columns + 4];
                    for (int i = 0; i < columns; i++) {
                        values[i] = i < count ? parsed[i] : null;
                    }
                    values[columns] = index + 1;
                    values[columns + 1] = count;
                    values[columns + 2] = count == columns ? null : text;
                    values[columns + 3] = invalid < 0 ? null : "invalid UTF-8 at byte " + (lines.fileOffset() + invalid);
                    return RowFactory.create(values);
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Row next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Row r = next;
                    next = advance();
                    return r;
                }
            };
        }
    }
}
