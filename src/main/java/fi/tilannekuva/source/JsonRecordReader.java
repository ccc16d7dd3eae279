package fi.tilannekuva.source;

import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * Reads a JSON response (Sotkanet, Tarmoa) into one row per record with Spark's JSON reader: every value as
 * text (so a malformed number reaches the rules instead of failing the read), nested objects flattened to
 * {@code parent_child} columns ({@code title.fi} → {@code title_fi}), arrays kept as JSON text, the record's
 * number in {@link DelimitedFileReader#LINE} and the record itself as JSON in {@link DelimitedFileReader#RAW}.
 */
public final class JsonRecordReader {

    private static final String CORRUPT = "_corrupt_record";
    private static final String POSITION = "_position";
    private static final String RECORD = "_record";
    /**
     * The schema Spark inferred for a file's content (by SHA-256 and charset): the columns are checked before the rows
     * are read, and inferring a schema is a Spark job over the whole document. Bounded: a refresh reads tens of files.
     */
    private static final Map<String, StructType> INFERRED = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StructType> eldest) {
            return size() > 1024;
        }
    });

    private JsonRecordReader() {
    }

    public static List<String> columns(SparkSession spark, InputFile file, String arrayField, List<String> required) {
        Dataset<Row> records = records(spark, file, arrayField);
        List<String> columns = new ArrayList<>(flatColumns(records).keySet());
        if (columns.isEmpty()) {
            // An empty response ([] or no records under arrayField) is valid and has no rows.
            return List.copyOf(required);
        }
        Set<String> lower = new HashSet<>();
        columns.forEach(c -> lower.add(c.toLowerCase(Locale.ROOT)));
        for (String r : required) {
            if (!lower.contains(r.toLowerCase(Locale.ROOT))) {
                throw new InputException(file.name() + ": missing required field " + r
                        + " (the records have " + String.join(", ", columns) + ")");
            }
        }
        return columns;
    }

    public static Dataset<Row> read(SparkSession spark, InputFile file, String arrayField, List<String> columns) {
        Dataset<Row> records = records(spark, file, arrayField);
        Map<String, Column> flat = flatColumns(records);
        List<Column> select = new ArrayList<>();
        for (String c : columns) {
            Column value = flat.get(c);
            select.add((value == null ? lit(null).cast(DataTypes.StringType) : value).as(c));
        }
        select.add(col(POSITION).plus(1).cast(DataTypes.LongType).as(DelimitedFileReader.LINE));
        select.add(lit(null).cast(DataTypes.IntegerType).as(DelimitedFileReader.FIELD_COUNT));
        select.add(col(RECORD).as(DelimitedFileReader.RAW));
        // Spark's reader replaces invalid bytes by U+FFFD; a record holding one had invalid bytes in a UTF-8 file.
        select.add((file.charset().equals(InputFile.UTF_8) && file.invalidUtf8() > 0
                ? when(col(RECORD).contains("\uFFFD"), lit("invalid UTF-8 in the record")).otherwise(lit(null))
                : lit(null)).cast(DataTypes.StringType).as(DelimitedFileReader.ENCODING_ERROR));
        return records.select(select.toArray(Column[]::new));
    }

    /**
     * The records with {@link #POSITION} (0-based) and {@link #RECORD} (the record as JSON). A file that does not
     * parse is an {@link InputException}.
     */
    private static Dataset<Row> records(SparkSession spark, InputFile file, String arrayField) {
        if (file.bytes() == 0) {
            throw new InputException(file.name() + ": the file is empty; a JSON document is required");
        }
        String content = file.sha256() + " " + file.charset();
        DataFrameReader reader = spark.read()
                .option("multiLine", true)
                .option("primitivesAsString", true)
                .option("encoding", file.charset())
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT);
        StructType known = INFERRED.get(content);
        Dataset<Row> doc = (known == null ? reader : reader.schema(known)).json(file.path().toUri().toString());
        if (known == null) {
            INFERRED.put(content, doc.schema());
        }
        List<String> top = Arrays.asList(doc.columns());
        if (top.contains(CORRUPT)) {
            throw new InputException(file.name() + ": not valid JSON (Spark's JSON reader could not parse it)");
        }
        if (arrayField == null) {
            // A multi-line JSON file is never split, so within its one partition the ids follow the records' order.
            Column whole = top.isEmpty() ? lit(null).cast(DataTypes.StringType) : to_json(struct(col("*")));
            return doc.withColumn(RECORD, whole).withColumn(POSITION, monotonically_increasing_id());
        }
        if (!top.contains(arrayField)) {
            throw new InputException(file.name() + ": missing required field " + arrayField
                    + " (the document has " + String.join(", ", top) + ")");
        }
        if (!(doc.schema().apply(arrayField).dataType() instanceof ArrayType)) {
            throw new InputException(file.name() + ": field " + arrayField + " is not an array of records");
        }
        List<Column> outer = new ArrayList<>();
        for (String c : top) {
            if (!c.equals(arrayField)) {
                outer.add(col("`" + c + "`"));
            }
        }
        outer.add(posexplode_outer(col(arrayField)).as(new String[]{POSITION, "_element"}));
        Dataset<Row> exploded = doc.select(outer.toArray(Column[]::new)).where(col("_element").isNotNull());
        Dataset<Row> flatElement = exploded.withColumn(RECORD, to_json(col("_element")));
        if (exploded.schema().apply("_element").dataType() instanceof StructType element) {
            for (StructField f : element.fields()) {
                flatElement = flatElement.withColumn(f.name(), col("_element").getField(f.name()));
            }
        }
        return flatElement.drop("_element");
    }

    /** Column name → the flattened text value, in the document's field order. */
    private static Map<String, Column> flatColumns(Dataset<Row> records) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (StructField f : records.schema().fields()) {
            flatten(col("`" + f.name() + "`"), f, "", out);
        }
        out.remove(POSITION);
        out.remove(RECORD);
        return out;
    }

    private static void flatten(Column value, StructField field, String prefix, Map<String, Column> out) {
        String name = DelimitedFileReader.columnName(prefix + field.name());
        if (field.dataType() instanceof StructType s) {
            for (StructField child : s.fields()) {
                flatten(value.getField(child.name()), child, name + "_", out);
            }
        } else if (field.dataType() instanceof ArrayType || field.dataType() instanceof MapType) {
            out.put(name, to_json(value));
        } else {
            out.put(name, value.cast(DataTypes.StringType));
        }
    }
}
