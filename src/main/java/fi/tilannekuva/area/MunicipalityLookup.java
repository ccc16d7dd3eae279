package fi.tilannekuva.area;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * The municipality keys as a small broadcast table, so that millions of rows resolve their home municipality
 * with the same rule as {@link MunicipalityKeys#resolve}: the key of the row's year, or the most recent
 * earlier key that has the code, or else the earliest later one.
 */
public final class MunicipalityLookup {

    private static final String MUNICIPALITY = "_lookup_municipality";
    private static final String KEYS = "_lookup_keys";

    private final Dataset<Row> table;

    public MunicipalityLookup(SparkSession spark, MunicipalityKeys keys) {
        Map<String, List<Object[]>> byMunicipality = new TreeMap<>();
        for (MunicipalityKeys.Entry e : keys.entries()) {
            byMunicipality.computeIfAbsent(e.municipality(), k -> new ArrayList<>())
                    .add(new Object[]{e.year(), e.areaCode()});
        }
        List<Row> rows = new ArrayList<>();
        byMunicipality.forEach((m, list) -> {
            list.sort(Comparator.comparing((Object[] a) -> (Integer) a[0]).reversed());
            List<Row> structs = list.stream().map(a -> RowFactory.create(a[0], a[1])).toList();
            rows.add(RowFactory.create(m, structs));
        });
        StructType keyType = new StructType().add("key_year", DataTypes.IntegerType).add("area_code", DataTypes.StringType);
        StructType schema = new StructType()
                .add(MUNICIPALITY, DataTypes.StringType)
                .add(KEYS, DataTypes.createArrayType(keyType));
        this.table = spark.createDataFrame(rows, schema);
    }

    /** A three-digit municipality code from text ("91" → "091"), or null when it is not one. */
    public static Column normalised(Column municipality) {
        Column t = trim(municipality);
        return when(t.rlike("^[0-9]{1,3}$"), lpad(t, 3, "0"));
    }

    /**
     * {@code rows} with {@code areaColumn} and {@code keyYearColumn} added: the area of {@code municipality} in
     * {@code year}, null when no key has the code.
     */
    public Dataset<Row> resolve(Dataset<Row> rows, Column municipality, Column year, String areaColumn,
                                String keyYearColumn) {
        // Keys are sorted newest first: the first at or before the year, else the last (earliest) after it.
        Column picked = coalesce(element_at(filter(col(KEYS), k -> k.getField("key_year").leq(year)), 1),
                element_at(filter(col(KEYS), k -> k.getField("key_year").gt(year)), -1));
        return rows.join(broadcast(table), normalised(municipality).equalTo(col(MUNICIPALITY)), "left")
                .withColumn("_lookup_picked", when(col(KEYS).isNotNull(), picked).otherwise(lit(null)))
                .withColumn(areaColumn, col("_lookup_picked.area_code"))
                .withColumn(keyYearColumn, col("_lookup_picked.key_year"))
                .drop(MUNICIPALITY, KEYS, "_lookup_picked");
    }
}
