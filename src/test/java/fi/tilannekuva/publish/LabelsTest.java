package fi.tilannekuva.publish;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every coded value the sample run wrote to a gold table has a label in Finnish, Swedish and English in gold
 * {@code labels}: the columns {@link NamedViews#codeList} names, and the survey categories by their dimension.
 */
@Tag("slow")
class LabelsTest {

    @Test
    void everyCodeInTheGoldTablesHasItsLabels() throws IOException {
        SparkSession spark = TestSpark.session();
        Path gold = SampleRun.get().warehouse().resolve("gold");
        Dataset<Row> labels = spark.read().format("delta").load(gold.resolve("labels").toString());
        Set<String> labelled = new HashSet<>();
        for (Row r : labels.collectAsList()) {
            for (String l : List.of("label_fi", "label_sv", "label_en")) {
                assertTrue(r.getAs(l) != null && !((String) r.getAs(l)).isBlank(), r + " has no " + l);
            }
            labelled.add(r.getAs("code_list") + "/" + r.getAs("code"));
        }
        List<String> tables;
        try (Stream<Path> s = Files.list(gold)) {
            tables = s.map(p -> p.getFileName().toString()).filter(t -> !t.endsWith(Publications.SUFFIX)).sorted().toList();
        }
        Set<String> missing = new TreeSet<>();
        Set<String> checked = new TreeSet<>();
        for (String t : tables) {
            Dataset<Row> rows = spark.read().format("delta").load(gold.resolve(t).toString());
            for (StructField f : rows.schema().fields()) {
                String list = NamedViews.codeList(t, f.name()).orElse(null);
                if (list == null || !f.dataType().equals(DataTypes.StringType)) {
                    continue;
                }
                checked.add(t + "." + f.name());
                for (Row v : rows.select(f.name()).distinct().collectAsList()) {
                    if (!v.isNullAt(0) && !labelled.contains(list + "/" + v.getString(0))) {
                        missing.add(t + "." + f.name() + " = " + v.getString(0) + " (list " + list + ")");
                    }
                }
            }
        }
        for (Row v : spark.read().format("delta").load(gold.resolve("tray_usefulness").toString())
                .select("dimension", "category_code").distinct().collectAsList()) {
            checked.add("tray_usefulness.category_code");
            if (!labelled.contains(v.getString(0) + "/" + v.getString(1))) {
                missing.add("tray_usefulness.category_code = " + v.getString(1) + " (list " + v.getString(0) + ")");
            }
        }
        assertEquals(Set.of(), missing, "codes without labels in conf/labels.conf");
        // The test reads the columns it means to: a renamed column would otherwise pass unchecked.
        for (String c : List.of("comparison.significance", "comparison.assessment", "comparison.trend",
                "comparison.trend_assessment", "comparison.no_data_code", "comparison.change_year_significance",
                "situational_picture.oab_any_clients_trend", "situational_picture.mortality_65_assessment",
                "tray_traffic.data_status", "tray_traffic.platform", "tray_usefulness.dimension",
                "tray_usefulness.category_code", "attention.basis", "indicator_values.gender",
                "needs_standardised_costs.sector", "measure_catalogue.polarity", "areas.kind")) {
            assertTrue(checked.contains(c), c + " was not checked: " + checked);
        }
        List<String> noData = new ArrayList<>();
        spark.read().format("delta").load(gold.resolve("comparison").toString()).select("no_data_code").distinct()
                .collectAsList().forEach(r -> noData.add(r.isNullAt(0) ? null : r.getString(0)));
        assertTrue(noData.contains("suppressed") && noData.contains("no_tray"), "the sample has suppressed figures "
                + "and an area without a tray: " + noData);
    }
}
