package fi.tilannekuva.publish;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import org.apache.spark.sql.Row;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publication bundle's README in English, Finnish or Swedish, from the templates in {@code bundle/}: what the
 * release is, each file with its rows, how to read the figures, and the sources with their licences.
 */
final class BundleReadme {

    private BundleReadme() {
    }

    static String text(String lang, String releaseId, String quarter, Row record, Map<String, Long> rows, String workbook,
                       Collection<String> reportLanguages, List<String> attributions) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("quarter", quarter);
        model.put("releaseId", releaseId);
        model.put("publishedAt", record.getAs("published_at").toString().substring(0, 19));
        model.put("codeVersion", record.getAs("code_version"));
        model.put("runId", record.getAs("refresh_run_id"));
        model.put("workbook", workbook);
        List<Map<String, Object>> files = new ArrayList<>();
        rows.forEach((t, n) -> files.add(Map.of("file", t + ".csv", "rows", n, "description", GoldTables.description(t).orElse(""))));
        files.add(Map.of("file", Publications.TABLE + ".csv", "rows", 1,
                "description", GoldTables.description(Publications.TABLE).orElse("")));
        model.put("files", files);
        model.put("reports", reportLanguages.stream().map(l -> "tilannekuva_" + quarter + "_" + l + ".html").toList());
        model.put("attributions", attributions);
        // Markdown, not HTML: nothing to escape.
        MustacheFactory factory = new DefaultMustacheFactory("bundle") {
            @Override
            public void encode(String value, java.io.Writer writer) {
                try {
                    writer.write(value);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Mustache template = factory.compile("README." + lang + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }
}
