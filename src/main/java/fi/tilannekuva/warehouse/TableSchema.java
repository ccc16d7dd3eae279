package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * A table's columns in order, with types and the comments BI tools show. Every gold table (and the run log, the
 * checks and the releases) is conformed to its schema before it is written, so column order, types and comments
 * never drift between writers.
 */
public final class TableSchema {

    private final List<StructField> fields = new ArrayList<>();

    /** An empty frame of {@code schema}: how an absent table or input is stood in for, in this one way. */
    public static Dataset<Row> empty(SparkSession spark, StructType schema) {
        return spark.createDataFrame(List.of(), schema);
    }

    /** An empty frame of the columns of a DDL list ({@code "year INT, area_code STRING"}). */
    public static Dataset<Row> empty(SparkSession spark, String ddl) {
        return empty(spark, StructType.fromDDL(ddl));
    }

    /** An empty frame of this schema. */
    public Dataset<Row> empty(SparkSession spark) {
        return empty(spark, structType());
    }

    public TableSchema column(String name, DataType type, String comment) {
        Metadata m = new MetadataBuilder().putString("comment", comment).build();
        fields.add(new StructField(name, type, true, m));
        return this;
    }

    /** A new schema starting with these columns, to be extended. */
    public TableSchema copy() {
        TableSchema c = new TableSchema();
        c.fields.addAll(fields);
        return c;
    }

    public StructType structType() {
        return new StructType(fields.toArray(StructField[]::new));
    }

    public List<String> names() {
        return fields.stream().map(StructField::name).toList();
    }

    /** {@code rows} with exactly these columns, cast to these types and carrying these comments. */
    public Dataset<Row> conform(Dataset<Row> rows) {
        Column[] cols = fields.stream()
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name(), f.metadata()))
                .toArray(Column[]::new);
        return rows.select(cols);
    }
}
