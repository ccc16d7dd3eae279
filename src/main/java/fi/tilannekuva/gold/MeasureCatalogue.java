package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

/**
 * Gold {@code measure_catalogue}: the measures of {@code comparison} with names, definitions and units in Finnish,
 * Swedish and English, polarity, source, method, update cycle and freshness limit — conf/measures.conf as a table.
 */
public final class MeasureCatalogue {

    public static final String TABLE = "measure_catalogue";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("measure_id", DataTypes.StringType, "Measure id, as in comparison.")
            .column("position", DataTypes.IntegerType, "Order of the measure in the catalogue (headline measures first within a source).")
            .column("source", DataTypes.StringType, "Source: avohilmo (THL Avohilmo), sotkanet (THL Sotkanet), traffic (service trays), funding (THL and the Ministry of Finance).")
            .column("headline", DataTypes.BooleanType, "True: one of the few measures of situational_picture.")
            .column("name_fi", DataTypes.StringType, "Name in Finnish.")
            .column("name_sv", DataTypes.StringType, "Name in Swedish.")
            .column("name_en", DataTypes.StringType, "Name in English.")
            .column("definition_fi", DataTypes.StringType, "Definition in Finnish.")
            .column("definition_sv", DataTypes.StringType, "Definition in Swedish.")
            .column("definition_en", DataTypes.StringType, "Definition in English.")
            .column("unit_fi", DataTypes.StringType, "Unit in Finnish.")
            .column("unit_sv", DataTypes.StringType, "Unit in Swedish.")
            .column("unit_en", DataTypes.StringType, "Unit in English.")
            .column("polarity", DataTypes.StringType, "higher-is-better, lower-is-better or neutral.")
            .column("higher_is_better", DataTypes.BooleanType, "Polarity as a flag; null when neutral.")
            .column("method", DataTypes.StringType,
                    "crude-rate, standardised-rate (direct age-sex standardisation), share, as-published (the source's figure), model (funding model).")
            .column("interval_method", DataTypes.StringType, "poisson (exact below 10, Byar above), wilson, dobson or none.")
            .column("multiplier", DataTypes.DoubleType, "The figure is per this many: 1000 per 1,000 residents, 100 for percentages.")
            .column("needs_adjustment", DataTypes.StringType, "health (health-care need coefficient), total (total need coefficient) or none.")
            .column("update_cycle", DataTypes.StringType, "quarterly or yearly.")
            .column("freshness_limit_months", DataTypes.IntegerType,
                    "The latest figure is stale when its period ended more than this many months before the end of the picture's quarter.")
            .column("decimals", DataTypes.IntegerType,
                    "Decimals shown to people (report, the named views' display columns, Excel formats); the tables keep the exact figure.");

    private MeasureCatalogue() {
    }

    public static Dataset<Row> rows(SparkSession spark, List<AppConfig.Measure> measures) {
        List<Row> rows = new ArrayList<>();
        int position = 1;
        for (AppConfig.Measure m : measures) {
            rows.add(RowFactory.create(m.id(), position++, m.source(), m.headline(), m.name().fi(), m.name().sv(),
                    m.name().en(), m.definition().fi(), m.definition().sv(), m.definition().en(), m.unit().fi(),
                    m.unit().sv(), m.unit().en(), polarity(m.higherIsBetter()), m.higherIsBetter(), m.method().code(),
                    m.interval().code(), m.multiplier(), m.needsAdjustment().code(), m.updateCycle().code(), m.freshnessLimitMonths(), m.decimals()));
        }
        return SCHEMA.conform(spark.createDataFrame(rows, SCHEMA.structType()));
    }

    private static String polarity(Boolean higherIsBetter) {
        return higherIsBetter == null ? "neutral" : higherIsBetter ? "higher-is-better" : "lower-is-better";
    }
}
