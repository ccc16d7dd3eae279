package fi.tilannekuva.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tilannekuva.SampleRun;
import fi.tilannekuva.SqlServerProcess;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve-sql} over the sample warehouse, through the standalone Hive JDBC driver as a BI tool uses it: the
 * tables are listed with their descriptions, their columns with types and comments, a filtered query and a
 * published view answer as the Delta tables do, every notebook's SQL cell runs, and every write is refused. The
 * server is stopped by its process.
 */
@Tag("slow")
class SqlEndpointTest {

    private static SampleRun sample;
    private static SqlServerProcess server;
    private static Connection connection;

    @BeforeAll
    static void serve() throws Exception {
        sample = SampleRun.get();
        server = SqlServerProcess.start(sample.warehouse(), TestSpark.target().resolve("sql-endpoint"));
        connection = server.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            if (server != null) {
                ProcessHandle h = server.handle();
                server.close();
                assertFalse(h.isAlive(), "the server's process is gone");
            }
        }
    }

    @Test
    void tablesAreListedWithTheirDescriptions() throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (ResultSet r = connection.getMetaData().getTables(null, SqlViews.DATABASE, "%", null)) {
            while (r.next()) {
                tables.put(r.getString("TABLE_NAME"), r.getString("REMARKS"));
            }
        }
        for (String t : List.of("situational_picture", "comparison", "measure_catalogue", "areas", "freshness",
                "need_coefficients", "funding_allocation", "runs", "checks", "publications",
                "situational_picture_published", "comparison_published")) {
            assertTrue(tables.containsKey(t), t + " is not listed: " + tables.keySet());
        }
        assertEquals(GoldTables.description("situational_picture").orElseThrow(), tables.get("situational_picture"));
        assertTrue(tables.get("comparison_published").startsWith("As published (the latest release of each quarter)"));
    }

    @Test
    void columnsHaveTheirTypesAndComments() throws SQLException {
        List<StructField> delta = List.of(TestSpark.session().read().format("delta")
                .load(sample.warehouse().resolve("gold/situational_picture").toString()).schema().fields());
        List<String[]> columns = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet r = meta.getColumns(null, SqlViews.DATABASE, "situational_picture", "%")) {
            while (r.next()) {
                columns.add(new String[]{r.getString("COLUMN_NAME"), r.getString("TYPE_NAME"), r.getString("REMARKS"),
                        String.valueOf(r.getInt("DATA_TYPE"))});
            }
        }
        assertEquals(delta.size(), columns.size(), "every column of the Delta table, no more");
        for (int i = 0; i < delta.size(); i++) {
            assertEquals(delta.get(i).name(), columns.get(i)[0]);
            assertEquals(delta.get(i).getComment().get(), columns.get(i)[2], delta.get(i).name());
        }
        Map<String, String[]> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c[0], c));
        assertEquals("STRING", byName.get("quarter")[1]);
        assertEquals(String.valueOf(java.sql.Types.VARCHAR), byName.get("quarter")[3]);
        assertEquals("DOUBLE", byName.get("mortality_65_value")[1]);
        assertEquals(String.valueOf(java.sql.Types.DOUBLE), byName.get("mortality_65_value")[3]);
        assertEquals("BOOLEAN", byName.get("mortality_65_stale")[1]);
        assertEquals("ARRAY<STRING>", byName.get("attention")[1]);
    }

    @Test
    void aFilteredQueryAnswersAsTheDeltaTable() throws SQLException {
        Row expected = TestSpark.session().read().format("delta")
                .load(sample.warehouse().resolve("gold/situational_picture").toString())
                .where("quarter = '2025Q4' AND area_code = '10'").select("area_name_fi", "mortality_65_value").first();
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT area_code, area_name_fi, mortality_65_value, "
                + "mortality_65_assessment FROM situational_picture WHERE quarter = ? AND area_code IN ('10', 'SSS') "
                + "ORDER BY area_code")) {
            s.setString(1, SampleRun.QUARTER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                    if (r.getString(1).equals("10")) {
                        // Finnish text survives the protocol; the double arrives exactly.
                        assertEquals(expected.getString(0), r.getString(2));
                        assertEquals("Kymenlaakson hyvinvointialue", r.getString(2));
                        assertEquals(expected.getDouble(1), r.getDouble(3), 0.0);
                    }
                }
            }
        }
        assertEquals(List.of("10", "SSS"), rows);
    }

    @Test
    void thePublishedViewReadsTheLatestRelease() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT release_id, count(*) FROM situational_picture_published "
                     + "WHERE quarter = '2025Q4' GROUP BY release_id")) {
            assertTrue(r.next());
            assertEquals(SampleRun.RELEASE, r.getString(1));
            assertEquals(24, r.getLong(2), "21 counties, Helsinki, Åland and the country");
            assertFalse(r.next(), "one release");
        }
    }

    @Test
    void theNamedViewsCarryNamesLabelsAndRoundedFigures() throws SQLException {
        Row expected = TestSpark.session().read().format("delta")
                .load(sample.warehouse().resolve("gold/comparison").toString())
                .where("period = '2025Q4' AND area_code = '10' AND measure_id = 'oab_any_clients'")
                .select("value", "assessment").first();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT area_name_fi, measure_name_sv, unit_en, value, value_display, decimals, "
                     + "assessment, assessment_fi, assessment_en FROM comparison_named "
                     + "WHERE period = '2025Q4' AND area_code = '10' AND measure_id = 'oab_any_clients'")) {
            assertTrue(r.next());
            assertEquals("Kymenlaakson hyvinvointialue", r.getString(1));
            assertEquals("Klienter med välbefinnandehandledning (OAB61–OAB64)", r.getString(2));
            assertEquals("clients per 1,000 residents", r.getString(3));
            assertEquals(expected.getDouble(0), r.getDouble(4), 0.0, "the exact figure stays");
            assertEquals(2, r.getInt(6), "conf/measures.conf: two decimals for OAB rates");
            // e.g. 0.12345 -> 0.12: the display column is the exact figure rounded half up to two decimals.
            assertEquals(java.math.BigDecimal.valueOf(expected.getDouble(0)).setScale(2, java.math.RoundingMode.HALF_UP)
                    .doubleValue(), r.getDouble(5), 0.0);
            assertEquals(expected.getString(1), r.getString(7));
            assertEquals(switch (expected.getString(1)) {
                case "much_better" -> "selvästi parempi";
                case "better" -> "parempi";
                case "similar" -> "samaa tasoa";
                case "worse" -> "huonompi";
                case "much_worse" -> "selvästi huonompi";
                default -> "ei verrattu";
            }, r.getString(8));
            assertFalse(r.next());
        }
        Map<String, String> comments = new LinkedHashMap<>();
        try (ResultSet r = connection.getMetaData().getColumns(null, SqlViews.DATABASE, "comparison_named", "%")) {
            while (r.next()) {
                comments.put(r.getString("COLUMN_NAME"), r.getString("REMARKS"));
            }
        }
        assertTrue(comments.get("assessment_sv").contains("Swedish"), comments.toString());
        assertTrue(comments.get("value").startsWith("The figure"), "the table's own comment: " + comments.get("value"));
        assertTrue(comments.containsKey("no_data_code_en"));
    }

    /**
     * The notebooks' SQL cells as JupySQL sends them: the cell without its %%sql line, {{quarter}} filled in. Every
     * cell has an id, and every SQL cell a committed output with the columns the query returns now; the outputs of
     * this run are written to {@code target/notebooks/} (copy them over {@code notebooks/} to refresh the figures).
     */
    @Test
    void everyNotebookSqlCellRunsAndItsCommittedOutputHasItsColumns() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int cells = 0;
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(TestPaths.project().resolve("notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(List.of("funding_model.ipynb", "quarterly_review.ipynb"),
                notebooks.stream().map(p -> p.getFileName().toString()).toList());
        ObjectMapper json = new ObjectMapper();
        Path regenerated = Files.createDirectories(TestSpark.target().resolve("notebooks"));
        for (Path notebook : notebooks) {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(notebook.toFile());
            java.util.Set<String> ids = new java.util.HashSet<>();
            int index = 0;
            int executed = 0;
            for (JsonNode cell : root.path("cells")) {
                index++;
                String where = notebook.getFileName() + " cell " + index;
                assertTrue(cell.hasNonNull("id") && ids.add(cell.get("id").asText()), where + " has no id of its own");
                StringBuilder source = new StringBuilder();
                cell.path("source").forEach(line -> source.append(line.asText()));
                if (!"code".equals(cell.path("cell_type").asText()) || !source.toString().startsWith("%%sql")) {
                    continue;
                }
                cells++;
                String sql = source.substring(source.indexOf("\n") + 1).replace("{{quarter}}", SampleRun.QUARTER);
                assertFalse(sql.contains("{{"), where + " has a parameter the notebook does not set");
                try (Statement st = connection.createStatement(); ResultSet r = st.executeQuery(sql)) {
                    NotebookOutput out = NotebookOutput.of(r, 50);
                    if (out.rows() == 0) {
                        empty.add(where);
                    }
                    List<String> committed = NotebookOutput.columns(cell);
                    if (!committed.equals(out.columns())) {
                        stale.add(where + ": committed " + committed + ", now " + out.columns());
                    }
                    ((com.fasterxml.jackson.databind.node.ObjectNode) cell).put("execution_count", ++executed);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) cell).set("outputs", out.json(json, executed));
                } catch (SQLException e) {
                    failures.add(where + ": " + e.getMessage());
                }
            }
            Files.writeString(regenerated.resolve(notebook.getFileName()),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        }
        assertEquals(List.of(), failures);
        assertTrue(cells >= 12, cells + " SQL cells");
        // The sample has data for every cell but, at most, the warned checks and the stale figures.
        assertTrue(empty.size() <= 2, "cells without rows: " + empty);
        assertEquals(List.of(), stale, "refresh the committed outputs: cp target/notebooks/*.ipynb notebooks/");
    }

    @Test
    void everyWriteIsRefused() throws SQLException {
        long version = DeltaTable.forPath(TestSpark.session(), sample.warehouse().resolve("gold/areas").toString())
                .history(1).select("version").first().getLong(0);
        for (String write : List.of(
                "INSERT INTO tilannekuva_delta.areas SELECT * FROM tilannekuva_delta.areas",
                "DELETE FROM tilannekuva_delta.areas WHERE area_code = '01'",
                "DROP VIEW tilannekuva.areas",
                "CREATE TABLE tilannekuva.copy AS SELECT * FROM tilannekuva.areas",
                "VACUUM tilannekuva_delta.areas",
                "SET spark.sql.runSQLOnFiles = true",
                "SET spark.sql.catalog.files = org.apache.spark.sql.delta.catalog.DeltaCatalog")) {
            try (Statement s = connection.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(write), write);
                assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("is fixed"),
                        write + ": " + e.getMessage());
            }
        }
        // Files cannot be read by path: silver, which holds person ids, stays out of reach.
        Path silver = sample.warehouse().resolve("silver/avohilmo_contacts");
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM delta.`" + silver + "`"));
            assertFalse(e.getMessage().contains("tnro"), e.getMessage());
        }
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
                    "SELECT area_code FROM areas WHERE area_code = (SELECT reflect('java.lang.System', 'getenv', 'HOME'))"));
            assertTrue(e.getMessage().contains("the function reflect is refused"), e.getMessage());
        }
        // Settings in the JDBC URL reach the session without SQL: a session that turns file paths back on gets
        // nothing, not even its USE of the database when it opens.
        SQLException refused = assertThrows(SQLException.class, () -> server.connect("?spark.sql.runSQLOnFiles=true"));
        assertTrue(refused.getMessage().contains("spark.sql.runSQLOnFiles is fixed"), refused.getMessage());
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM areas")) {
            assertTrue(r.next());
            assertEquals(24, r.getLong(1));
        }
        assertEquals(version, DeltaTable.forPath(TestSpark.session(), sample.warehouse().resolve("gold/areas").toString())
                .history(1).select("version").first().getLong(0), "areas unchanged");
    }

    /**
     * The guard is an allow-list: each statement an attacker tried (script transformation running a shell command,
     * Delta's history and detail of silver by path, input_file_name(), a table outside the views, a Hive setting) is
     * refused before it runs, and the command it carried leaves no file behind.
     */
    @Test
    void anythingButAReadOfTheViewsIsRefused() throws SQLException {
        Path touched = TestSpark.target().resolve("sql-endpoint-touched");
        Path silver = sample.warehouse().resolve("silver/avohilmo_contacts");
        for (String attack : List.of(
                "SELECT TRANSFORM(area_code) USING 'id' AS (out) FROM tilannekuva.areas",
                "SELECT TRANSFORM(area_code) USING 'touch " + touched + "' AS (out) FROM tilannekuva.areas",
                "SELECT TRANSFORM(area_code) USING 'sh -c \"touch " + touched + "\"' AS (out) FROM areas",
                "DESCRIBE HISTORY '" + silver + "'",
                "DESCRIBE DETAIL '" + silver + "'",
                "DESCRIBE HISTORY tilannekuva.areas",
                "SELECT input_file_name() FROM tilannekuva.areas",
                "SELECT * FROM tilannekuva_delta.areas",
                "SELECT * FROM areas a JOIN tilannekuva_delta.comparison c ON a.area_code = c.area_code",
                "DESCRIBE TABLE EXTENDED tilannekuva_delta.areas",
                "SELECT * FROM range(10)",
                "EXPLAIN SELECT * FROM tilannekuva_delta.areas",
                "SET hive.exec.scratchdir = /tmp/elsewhere",
                "SET spark.sql.ansi.enabled = false",
                "CREATE TEMPORARY VIEW mine AS SELECT * FROM areas",
                "CACHE TABLE areas",
                "ADD JAR /tmp/x.jar")) {
            try (Statement s = connection.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(attack), attack);
                // DESCRIBE HISTORY of a view stops in Spark's analysis, before the guard: refused all the same.
                assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("is fixed")
                        || e.getMessage().contains("is refused") || e.getMessage().contains("expects a table"),
                        attack + ": " + e.getMessage());
            }
        }
        assertFalse(Files.exists(touched), "no command ran");
        // What BI tools and people send to look around still works.
        for (String ok : List.of("SHOW TABLES", "SHOW DATABASES", "DESCRIBE areas", "DESCRIBE TABLE tilannekuva.comparison",
                "SHOW COLUMNS IN areas", "USE tilannekuva", "SET tilannekuva.note = hello", "SET",
                "SELECT area_code, explode(array(1, 2)) FROM areas",
                "WITH c AS (SELECT area_code FROM areas) SELECT count(*) FROM c UNION ALL SELECT 1")) {
            try (Statement s = connection.createStatement()) {
                s.execute(ok);
            }
        }
    }
}
