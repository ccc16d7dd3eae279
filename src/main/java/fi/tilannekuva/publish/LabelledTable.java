package fi.tilannekuva.publish;

import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.picture.LabelsTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * A gold table as a person reads it in a spreadsheet: in one language, each code followed by its words (area and
 * measure names, units, labels of assessments, trends, reasons), every column described, and which figures are
 * shown with which decimals. Built on the named views' query ({@link NamedViews}), so BI tools and exports agree.
 */
public final class LabelledTable {

    /** A column of the labelled table and what it holds. */
    public record Described(String name, String description) {
    }

    /**
     * The rows, their columns described, and the decimals to show: per column ({@code fixed}), or from the row's
     * {@code decimals} column for the figure columns in {@code byRow}.
     */
    public record Labelled(String table, Dataset<Row> rows, List<Described> columns, Map<String, Integer> fixed,
                           List<String> byRow) {
    }

    /** The areas, the measure catalogue (and its decimals) and the labels that name the codes of an export. */
    public record Dimensions(Dataset<Row> areas, Dataset<Row> catalogue, Dataset<Row> labels,
                             Map<String, Integer> decimals) {

        /** Read once per export from {@code table}: the warehouse's tables, or a release's. */
        public static Dimensions read(Function<String, Dataset<Row>> table) {
            Dataset<Row> catalogue = table.apply(MeasureCatalogue.TABLE);
            return new Dimensions(table.apply(AreasTable.TABLE), catalogue, table.apply(LabelsTable.TABLE),
                    NamedViews.decimals(catalogue));
        }
    }

    private LabelledTable() {
    }

    /** {@code rows} of {@code table} labelled in {@code lang} (fi, sv, en) with the names of {@code dimensions}. */
    public static Labelled of(SparkSession spark, String table, Dataset<Row> rows, Dimensions dimensions, String lang) {
        List<String> columns = List.of(rows.columns());
        Map<String, String> own = new HashMap<>();
        for (StructField f : rows.schema().fields()) {
            own.put(f.name(), f.getComment().isDefined() ? f.getComment().get() : "");
        }
        if (!NamedViews.named(table)) {
            return new Labelled(table, rows, columns.stream().map(c -> new Described(c, own.get(c))).toList(), Map.of(), List.of());
        }
        Map<String, Integer> decimals = dimensions.decimals();
        // The named views' query reads database.table names: global temporary views give it this export's rows.
        String db = spark.conf().get("spark.sql.globalTempDatabase", "global_temp");
        rows.createOrReplaceGlobalTempView(table);
        dimensions.areas().createOrReplaceGlobalTempView(AreasTable.TABLE);
        dimensions.catalogue().createOrReplaceGlobalTempView(MeasureCatalogue.TABLE);
        dimensions.labels().createOrReplaceGlobalTempView(LabelsTable.TABLE);
        NamedViews.Query q = NamedViews.query(db, table, columns, decimals);
        Dataset<Row> named = spark.sql(q.sql());
        List<String> have = Arrays.asList(named.columns());
        List<Column> select = new ArrayList<>();
        List<Described> described = new ArrayList<>();
        java.util.function.BiConsumer<String, String> add = (from, to) -> {
            select.add(col("`" + from + "`").as(to));
            described.add(new Described(to, q.comments().getOrDefault(from, own.getOrDefault(from, ""))
                    .replace(" (" + NamedViews.language(lang) + ")", "")));
        };
        for (String c : columns) {
            add.accept(c, c);
            if (c.equals("area_code") && have.contains("area_name_" + lang)) {
                add.accept("area_name_" + lang, "area_name");
            }
            if (c.equals("measure_id") && have.contains("measure_name_" + lang)) {
                add.accept("measure_name_" + lang, "measure_name");
                add.accept("unit_" + lang, "unit");
            }
            if (NamedViews.codeList(table, c).isPresent() && have.contains(c + "_" + lang)) {
                add.accept(c + "_" + lang, c + "_label");
            }
        }
        List<String> byRow = new ArrayList<>();
        if (have.contains("decimals")) {
            add.accept("decimals", "decimals");
            columns.stream().filter(c -> have.contains(c + "_display")).forEach(byRow::add);
        }
        Map<String, Integer> fixed = new LinkedHashMap<>();
        decimals.forEach((measure, d) -> {
            if (columns.contains(measure + "_value")) {
                fixed.put(measure + "_value", d);
                fixed.put(measure + "_change", d);
            }
        });
        // The joins do not keep the rows' order: the export's own order again, as the CSV of the same table has it.
        return new Labelled(table, CsvExport.ordered(named.select(select.toArray(Column[]::new)), rows.schema()),
                described, fixed, byRow);
    }
}
