package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * A table's columns in order, with types and the comments BI tools show. Every gold table (and the run log, the
 * checks and the releases) is conformed to its schema before it is written, so column order, types and comments
 * never drift between writers.
 */
public final class TableSchema {

    private final List<StructField> fields = new ArrayList<>();
    /** The struct type the rows built in plain Java carry, made once. */
    private StructType rowType;

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

    /** A frame of rows built in plain Java ({@link #row()}), with these columns, types and comments. */
    public Dataset<Row> frame(SparkSession spark, Collection<Row> rows) {
        return spark.createDataFrame(new ArrayList<>(rows), structType());
    }

    /** A row of this schema, set column by column; columns not set are null. It can be read by column name. */
    public RowBuilder row() {
        if (rowType == null || rowType.length() != fields.size()) {
            rowType = structType();
        }
        return new RowBuilder(rowType);
    }

    /**
     * Builds one row of a schema by column name, so code that computes a table in plain Java never depends on the
     * position of a column. Numbers are widened to the column's type (an int count into a BIGINT column); a double
     * that is not a number (a rate of zero residents, an interval of nothing) is stored as null, as SQL would.
     */
    public static final class RowBuilder {
        private final StructType type;
        private final Object[] values;

        private RowBuilder(StructType type) {
            this.type = type;
            this.values = new Object[type.length()];
        }

        public RowBuilder set(String column, Object value) {
            int i;
            try {
                i = type.fieldIndex(column);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no column " + column + " in " + List.of(type.fieldNames()), e);
            }
            values[i] = typed(type.fields()[i].dataType(), value);
            return this;
        }

        public Row build() {
            return new GenericRowWithSchema(values.clone(), type);
        }

        private static Object typed(DataType type, Object value) {
            if (value == null) {
                return null;
            }
            if (DataTypes.LongType.equals(type) && value instanceof Number n) {
                return n.longValue();
            }
            if (DataTypes.IntegerType.equals(type) && value instanceof Number n) {
                return n.intValue();
            }
            if (DataTypes.DoubleType.equals(type) && value instanceof Number n) {
                double d = n.doubleValue();
                return Double.isNaN(d) ? null : d;
            }
            return value;
        }
    }

    /** {@code rows} with exactly these columns, cast to these types and carrying these comments. */
    public Dataset<Row> conform(Dataset<Row> rows) {
        Column[] cols = fields.stream()
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name(), f.metadata()))
                .toArray(Column[]::new);
        return rows.select(cols);
    }
}
