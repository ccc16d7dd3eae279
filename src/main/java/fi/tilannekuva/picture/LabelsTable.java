package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.source.traffic.TrayUsefulness;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gold {@code labels}: every coded value of the gold tables with its label in Finnish, Swedish and English, so a
 * BI tool can show words instead of codes ({@code conf/labels.conf}, and the survey's answers and groups).
 */
public final class LabelsTable {

    public static final String TABLE = "labels";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("code_list", DataTypes.StringType, "Which codes: significance, assessment, trend, trend_assessment, "
                    + "no_data, data_status, platform, dimension, answer, respondent_group, useful, gender, sector, ...")
            .column("code", DataTypes.StringType, "The code as the gold tables write it.")
            .column("position", DataTypes.IntegerType, "Order of the code within its list (e.g. much_better first), for sorting.")
            .column("label_fi", DataTypes.StringType, "Label in Finnish.")
            .column("label_sv", DataTypes.StringType, "Label in Swedish.")
            .column("label_en", DataTypes.StringType, "Label in English.");

    private LabelsTable() {
    }

    /** The rows, list by list: the configured code lists, then the survey's answers, groups and headline shares. */
    public static List<Row> rows(AppConfig.CodeLabels labels, AppConfig.TrafficSettings survey) {
        List<Row> rows = new ArrayList<>();
        labels.lists().forEach((list, codes) -> add(rows, list, codes));
        Map<String, AppConfig.Label> answers = new LinkedHashMap<>();
        survey.answers().forEach(a -> answers.put(a.code(), new AppConfig.Label(a.fi(), a.sv(), a.en())));
        answers.put(TrayUsefulness.ALL, survey.allAnswers());
        add(rows, "answer", answers);
        Map<String, AppConfig.Label> groups = new LinkedHashMap<>();
        survey.respondentGroups().forEach(g -> groups.put(g.code(), new AppConfig.Label(g.fi(), g.sv(), g.en())));
        groups.put(TrayUsefulness.ALL, survey.allRespondents());
        add(rows, "respondent_group", groups);
        Map<String, AppConfig.Label> useful = new LinkedHashMap<>();
        useful.put(TrayUsefulness.USEFUL_OF_ALL, survey.usefulOfAll());
        useful.put(TrayUsefulness.USEFUL_OF_OPINIONS, survey.usefulOfOpinions());
        add(rows, "useful", useful);
        return rows;
    }

    public static Dataset<Row> rows(SparkSession spark, AppConfig.CodeLabels labels, AppConfig.TrafficSettings survey) {
        return SCHEMA.conform(spark.createDataFrame(rows(labels, survey), SCHEMA.structType()));
    }

    private static void add(List<Row> rows, String list, Map<String, AppConfig.Label> codes) {
        int position = 1;
        for (Map.Entry<String, AppConfig.Label> e : codes.entrySet()) {
            rows.add(RowFactory.create(list, e.getKey(), position++, e.getValue().fi(), e.getValue().sv(), e.getValue().en()));
        }
    }
}
