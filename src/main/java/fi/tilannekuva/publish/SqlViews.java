package fi.tilannekuva.publish;

import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.picture.LabelsTable;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gold tables as SQL clients see them: database {@value #DATABASE} with one view per gold table, carrying its
 * description and every column's type and comment, and a {@code <table>_published} view per published table that
 * reads the latest release of each quarter. Views, because a Delta table in a Hive metastore reports no columns
 * through JDBC metadata; the Delta tables themselves are registered in {@value #TABLES} for the views to read.
 */
public final class SqlViews {

    public static final String DATABASE = "tilannekuva";
    public static final String TABLES = "tilannekuva_delta";
    /** Hive's metastore keeps a column comment in 256 characters. */
    private static final int COMMENT_LIMIT = 256;

    private SqlViews() {
    }

    /** Registers every gold table of {@code warehouse}; returns the views, by name. */
    public static List<String> register(SparkSession spark, Warehouse warehouse) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + TABLES
                + " COMMENT 'The Delta tables behind the views of database tilannekuva.'");
        spark.sql("CREATE DATABASE IF NOT EXISTS " + DATABASE
                + " COMMENT 'tilannekuva: the situational picture of the wellbeing services counties (gold tables).'");
        List<String> gold = warehouse.tables(Layer.GOLD);
        for (String t : gold) {
            spark.sql("CREATE TABLE IF NOT EXISTS " + TABLES + ".`" + t + "` USING delta LOCATION "
                    + Warehouse.literal(warehouse.location(Layer.GOLD, t)));
        }
        List<String> views = new ArrayList<>();
        for (String t : gold) {
            StructType schema = spark.table(TABLES + ".`" + t + "`").schema();
            if (t.endsWith(Publications.SUFFIX)) {
                if (gold.contains(Publications.TABLE)) {
                    String base = t.substring(0, t.length() - Publications.SUFFIX.length());
                    spark.sql(publishedView(t, schema, GoldTables.description(base).orElse(base)));
                    views.add(t);
                }
            } else {
                spark.sql(currentView(t, schema, GoldTables.description(t).orElse(t)));
                views.add(t);
            }
        }
        if (views.containsAll(List.of(LabelsTable.TABLE, AreasTable.TABLE, MeasureCatalogue.TABLE))) {
            Map<String, Integer> decimals = NamedViews.decimals(spark.table(TABLES + ".`" + MeasureCatalogue.TABLE + "`"));
            for (String t : List.copyOf(views)) {
                if (NamedViews.named(t)) {
                    StructType schema = spark.table(TABLES + ".`" + t + "`").schema();
                    NamedViews.Query q = NamedViews.query(DATABASE, t, List.of(schema.fieldNames()), decimals);
                    spark.sql(namedView(t + NamedViews.SUFFIX, schema, q, spark.sql(q.sql()).schema(),
                            GoldTables.description(t).orElse(t)));
                    views.add(t + NamedViews.SUFFIX);
                }
            }
        }
        return views;
    }

    /** {@code CREATE VIEW} of a named view: the table's columns with their comments, then the names and labels. */
    static String namedView(String view, StructType table, NamedViews.Query query, StructType result, String description) {
        List<String> cols = new ArrayList<>();
        for (StructField f : result.fields()) {
            String comment = query.comments().containsKey(f.name()) ? query.comments().get(f.name())
                    : java.util.Arrays.stream(table.fields()).filter(t -> t.name().equals(f.name())).findFirst()
                    .map(SqlViews::comment).orElse(null);
            cols.add("`" + f.name() + "`" + (comment == null ? "" : " COMMENT " + Warehouse.literal(comment)));
        }
        return "CREATE OR REPLACE VIEW " + DATABASE + ".`" + view + "` (" + String.join(", ", cols) + ") COMMENT "
                + Warehouse.literal("With names and labels in Finnish, Swedish and English: " + description)
                + " AS " + query.sql();
    }

    /** {@code CREATE VIEW} of a gold table as it is now. */
    static String currentView(String table, StructType schema, String description) {
        return "CREATE OR REPLACE VIEW " + DATABASE + ".`" + table + "` " + columnList(schema) + " COMMENT "
                + Warehouse.literal(description) + " AS SELECT " + selectList(schema) + " FROM " + TABLES + ".`" + table + "`";
    }

    /**
     * {@code CREATE VIEW} of a published table: the rows of the latest release of each quarter. A release exists
     * once its {@code publications} row does (written last), so a publish that died half way is never seen.
     */
    static String publishedView(String table, StructType schema, String description) {
        return "CREATE OR REPLACE VIEW " + DATABASE + ".`" + table + "` " + columnList(schema) + " COMMENT "
                + Warehouse.literal("As published (the latest release of each quarter): " + description)
                + " AS SELECT " + selectList(schema) + " FROM " + TABLES + ".`" + table + "` WHERE "
                + Publications.RELEASE_ID + " IN (SELECT max_by(release_id, release_number) FROM " + TABLES + ".`"
                + Publications.TABLE + "` GROUP BY quarter)";
    }

    private static String columnList(StructType schema) {
        List<String> cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String comment = comment(f);
            cols.add("`" + f.name() + "`" + (comment == null ? "" : " COMMENT " + Warehouse.literal(comment)));
        }
        return "(" + String.join(", ", cols) + ")";
    }

    private static String selectList(StructType schema) {
        return java.util.Arrays.stream(schema.fields()).map(f -> "`" + f.name() + "`").collect(Collectors.joining(", "));
    }

    /** A column's comment as the metastore keeps it (at most {@value #COMMENT_LIMIT} characters); null if none. */
    private static String comment(StructField f) {
        String c = fullComment(f);
        return c == null || c.length() <= COMMENT_LIMIT ? c : c.substring(0, COMMENT_LIMIT - 1) + "…";
    }

    /** A column's description: its schema comment, or what a published table's own columns hold; null if none. */
    static String fullComment(StructField f) {
        return f.getComment().isDefined() ? f.getComment().get() : switch (f.name()) {
            case Publications.RELEASE_ID -> "The release these rows belong to (publications).";
            case Publications.RELEASE_QUARTER -> "The quarter of the release.";
            default -> null;
        };
    }
}
