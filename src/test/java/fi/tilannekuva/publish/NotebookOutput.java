package fi.tilannekuva.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SQL cell's result as JupySQL shows it in a notebook: an HTML table (and plain text) of the first rows. */
record NotebookOutput(List<String> columns, List<List<String>> shown, int rows) {

    static NotebookOutput of(ResultSet r, int limit) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        List<List<String>> shown = new ArrayList<>();
        int rows = 0;
        while (r.next()) {
            rows++;
            if (shown.size() < limit) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns.size(); c++) {
                    Object v = r.getObject(c);
                    row.add(v == null ? "None" : v.toString());
                }
                shown.add(row);
            }
        }
        return new NotebookOutput(columns, shown, rows);
    }

    /** The column names of a committed output's HTML table, empty when the cell has none. */
    static List<String> columns(JsonNode cell) {
        StringBuilder html = new StringBuilder();
        for (JsonNode output : cell.path("outputs")) {
            output.path("data").path("text/html").forEach(line -> html.append(line.asText()));
        }
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<th>(.*?)</th>").matcher(html.toString());
        while (m.find()) {
            names.add(unescape(m.group(1)));
        }
        return names;
    }

    ArrayNode json(ObjectMapper mapper, int executionCount) {
        StringBuilder html = new StringBuilder("<span style=\"None\">Running query in 'tilannekuva'</span>")
                .append("<table>\n<thead><tr>");
        columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : shown) {
            html.append("<tr>");
            row.forEach(v -> html.append("<td>").append(escape(v)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>");
        if (rows > shown.size()) {
            html.append("\n<span style=\"font-style:italic;text-align:center;\">Truncated to displaylimit of ")
                    .append(shown.size()).append(" rows (").append(rows).append(" in all)</span>");
        }
        StringBuilder plain = new StringBuilder(String.join(" | ", columns)).append('\n');
        shown.forEach(r -> plain.append(String.join(" | ", r)).append('\n'));
        ObjectNode out = mapper.createObjectNode();
        out.put("output_type", "execute_result");
        out.put("execution_count", executionCount);
        out.set("metadata", mapper.createObjectNode());
        ObjectNode data = out.putObject("data");
        data.set("text/html", lines(mapper, html.toString()));
        data.set("text/plain", lines(mapper, plain.toString()));
        ArrayNode outputs = mapper.createArrayNode();
        outputs.add(out);
        return outputs;
    }

    private static ArrayNode lines(ObjectMapper mapper, String text) {
        ArrayNode a = mapper.createArrayNode();
        String[] parts = text.split("(?<=\n)");
        for (String p : parts) {
            a.add(p);
        }
        return a;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
