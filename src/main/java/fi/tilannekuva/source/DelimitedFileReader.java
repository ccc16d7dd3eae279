package fi.tilannekuva.source;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a delimited text file (CSV, semicolon extracts) into rows of strings that keep their physical line
 * number, in the file's own encoding. Spark's CSV reader cannot say which line a row came from, and the
 * quarantine must; so lines are read as bytes through Hadoop's text format, numbered, decoded with the
 * detected charset and split with univocity, the parser Spark's CSV reader itself uses.
 */
public final class DelimitedFileReader {

    /** Physical line number, 1 = the header. */
    public static final String LINE = "_line";
    /** How many fields the line had. */
    public static final String FIELD_COUNT = "_field_count";
    /** The line as text, kept only when its field count differs from the header's (the columns cannot hold it). */
    public static final String RAW = "_raw";

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
        for (String req : required) {
            if (!lower.contains(columnName(req).toLowerCase(Locale.ROOT))) {
                throw new InputException(file.name() + ": missing required column " + req
                        + " (the header has " + String.join(", ", columns) + ")");
            }
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
        JavaRDD<byte[]> lines = jsc.hadoopFile(file.path().toUri().toString(), TextInputFormat.class,
                        LongWritable.class, Text.class)
                // Hadoop reuses the Text object: copy the bytes out.
                .map(t -> Arrays.copyOf(t._2().getBytes(), t._2().getLength()));
        JavaRDD<Row> rows = lines.zipWithIndex()
                .mapPartitions(new LineParser(file.charset(), delimiter, columns.size()));
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(FIELD_COUNT, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
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

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Decodes, numbers and splits the lines of one partition. */
    private static final class LineParser implements FlatMapFunction<Iterator<Tuple2<byte[], Long>>, Row> {
        private static final long serialVersionUID = 1L;
        private final String charset;
        private final char delimiter;
        private final int columns;

        LineParser(String charset, char delimiter, int columns) {
            this.charset = charset;
            this.delimiter = delimiter;
            this.columns = columns;
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<byte[], Long>> it) {
            Charset cs = Charset.forName(charset);
            CsvParser parser = parser(delimiter);
            // Lazy, so a partition of a national extract is never held in memory at once.
            return new Iterator<>() {
                private Row next = advance();

                private Row advance() {
                    while (it.hasNext()) {
                        Tuple2<byte[], Long> t = it.next();
                        Row row = parse(t._1(), t._2());
                        if (row != null) {
                            return row;
                        }
                    }
                    return null;
                }

                private Row parse(byte[] bytes, long index) {
                    if (index == 0) {
                        return null;
                    }
                    String text = new String(bytes, cs);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (text.isBlank()) {
                        return null;
                    }
                    String[] parsed = parser.parseLine(text);
                    int count = parsed == null ? 0 : parsed.length;
                    Object[] values = new Object[columns + 3];
                    for (int i = 0; i < columns; i++) {
                        values[i] = i < count ? parsed[i] : null;
                    }
                    values[columns] = index + 1;
                    values[columns + 1] = count;
                    values[columns + 2] = count == columns ? null : text;
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
