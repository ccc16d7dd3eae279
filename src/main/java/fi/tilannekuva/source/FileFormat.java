package fi.tilannekuva.source;

import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the rows of one kind of input file are read into bronze: delimited text (one row per line) or JSON
 * (one row per record). Either way a file gives string columns plus {@link DelimitedFileReader#LINE} (the line
 * or record number), {@link DelimitedFileReader#FIELD_COUNT} and {@link DelimitedFileReader#RAW}, so every
 * source goes the same way through bronze, rules, silver and quarantine.
 */
public interface FileFormat {

    /** Delimited text with a header row; {@code delimiter} is usually ',' or ';'. */
    static FileFormat csv(char delimiter) {
        return new Delimited(delimiter);
    }

    /** A JSON array of records, or a single JSON object as one record (Sotkanet's responses). */
    static FileFormat json() {
        return new Json(null);
    }

    /** A JSON object whose {@code arrayField} holds the records; its other fields are copied onto each record. */
    static FileFormat json(String arrayField) {
        return new Json(arrayField);
    }

    /** A different format per file name extension ({@code "json"}, {@code "csv"}), for sources that come both ways. */
    static FileFormat byExtension(Map<String, FileFormat> formats) {
        return new ByExtension(Map.copyOf(formats));
    }

    /** The concrete format of the file named {@code fileName}. */
    default FileFormat of(String fileName) {
        return this;
    }

    /**
     * The columns of {@code file}'s rows; a missing required column is an {@link InputException} naming the
     * file and the column, and so is a file that cannot be parsed at all.
     */
    List<String> columns(SparkSession spark, InputFile file, List<String> required);

    /** The rows of {@code file} as strings in {@code columns}, with the line, field-count and raw-text columns. */
    Dataset<Row> read(SparkSession spark, InputFile file, List<String> columns);

    /** What joins a row's fields into the quarantine's text when the row has no raw text of its own. */
    char fieldSeparator();

    /** Delimited text, read by {@link DelimitedFileReader}. */
    record Delimited(char delimiter) implements FileFormat {
        @Override
        public List<String> columns(SparkSession spark, InputFile file, List<String> required) {
            return DelimitedFileReader.header(file, delimiter, required);
        }

        @Override
        public Dataset<Row> read(SparkSession spark, InputFile file, List<String> columns) {
            return DelimitedFileReader.read(spark, file, delimiter, columns);
        }

        @Override
        public char fieldSeparator() {
            return delimiter;
        }
    }

    /** JSON records, read by {@link JsonRecordReader}. */
    record Json(String arrayField) implements FileFormat {
        @Override
        public List<String> columns(SparkSession spark, InputFile file, List<String> required) {
            return JsonRecordReader.columns(spark, file, arrayField, required);
        }

        @Override
        public Dataset<Row> read(SparkSession spark, InputFile file, List<String> columns) {
            return JsonRecordReader.read(spark, file, arrayField, columns);
        }

        @Override
        public char fieldSeparator() {
            return ',';
        }
    }

    /** One of several formats, chosen by the file name's extension. */
    record ByExtension(Map<String, FileFormat> formats) implements FileFormat {
        @Override
        public FileFormat of(String fileName) {
            int dot = fileName.lastIndexOf('.');
            String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            FileFormat f = formats.get(extension);
            if (f == null) {
                throw new InputException(fileName + ": no reader for ." + extension + " files (expected one of "
                        + String.join(", ", formats.keySet()) + ")");
            }
            return f;
        }

        @Override
        public List<String> columns(SparkSession spark, InputFile file, List<String> required) {
            return of(file.name()).columns(spark, file, required);
        }

        @Override
        public Dataset<Row> read(SparkSession spark, InputFile file, List<String> columns) {
            return of(file.name()).read(spark, file, columns);
        }

        @Override
        public char fieldSeparator() {
            throw new IllegalStateException("choose the file's format with of(name) first");
        }
    }
}
