package fi.tilannekuva.gold;

import fi.tilannekuva.config.Area;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Locale;

/** Gold {@code areas}: the area dimension with names in Finnish, Swedish and English, from {@code conf/areas.conf}. */
public final class AreasTable {

    public static final String TABLE = "areas";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("area_code", DataTypes.StringType, "Statistics Finland area code (01-21, 90, 91, SSS).")
            .column("kind", DataTypes.StringType, "county, city (Helsinki), region (Åland) or country.")
            .column("name_fi", DataTypes.StringType, "Name in Finnish.")
            .column("name_sv", DataTypes.StringType, "Name in Swedish.")
            .column("name_en", DataTypes.StringType, "Name in English.")
            .column("sotkanet_id", DataTypes.IntegerType, "THL Sotkanet region id (from 2024).")
            .column("sotkanet_old_id", DataTypes.IntegerType, "THL Sotkanet region id before 2024.")
            .column("funded", DataTypes.BooleanType, "Inside the needs-based funding act 617/2021 (Åland is not).")
            .column("sort_order", DataTypes.IntegerType, "Statistics Finland's order of the areas, the country last.");

    private AreasTable() {
    }

    public static Dataset<Row> rows(SparkSession spark, List<Area> areas) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            Area a = areas.get(i);
            rows.add(RowFactory.create(a.code(), a.kind().name().toLowerCase(Locale.ROOT), a.nameFi(), a.nameSv(),
                    a.nameEn(), a.sotkanetId(), a.sotkanetOldId(), a.funded(), i + 1));
        }
        return SCHEMA.conform(spark.createDataFrame(rows, SCHEMA.structType()));
    }
}
