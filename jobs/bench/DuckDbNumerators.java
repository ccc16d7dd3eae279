import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark's second reading of a quarter's OAB numerators: distinct guidance contacts and clients per area and
 * code (and any code), the country too, computed by DuckDB straight from the raw Avohilmo files and Statistics
 * Finland's municipality keys with the same contact rules as the pipeline, then held against the pipeline's exported
 * comparison table. Run by jobs/benchmark with DuckDB's JDBC driver on the class path (a dependency of the benchmark
 * only): java DuckDbNumerators.java INPUT QUARTER COMPARISON_CSV. Exit code 1 when any numerator differs.
 *
 * The rules, as conf/application.conf and METHODS.md give them: a contact row has 12 fields, an id and a person id;
 * its start time parses (d.M.yyyy H:mm[:ss]); its home municipality is found in the latest key of the contact's
 * year or before; of the rows of a file passing those, one per contact id stays (the first). It counts when it
 * started in the quarter, was not cancelled and the client was the visitor (group 1). A procedure row has 3 fields,
 * an id and a code; codes are compared in capitals.
 */
public final class DuckDbNumerators {

    private static final List<String> CODES = List.of("OAB61", "OAB62", "OAB63", "OAB64");

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java DuckDbNumerators.java INPUT QUARTER COMPARISON_CSV");
            System.exit(2);
        }
        Path input = Path.of(args[0]).toAbsolutePath();
        String quarter = args[1];
        Path exported = Path.of(args[2]).toAbsolutePath();
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = Integer.parseInt(quarter.substring(5));
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            // Lines as they are, split here: a row with the wrong number of fields is counted as the pipeline's
            // field-count rule does, not guessed at by a CSV sniffer. Each file in its own character set (UTF-8 when
            // it decodes as such, else Latin-1), as the pipeline reads it.
            String raw = "read_csv(%s, columns = {'line': 'VARCHAR'}, delim = '\\x1F', quote = '', escape = '', "
                    + "header = true, encoding = '%s', filename = true)";
            s.execute("CREATE TABLE keys AS SELECT lpad(kuntanumero::VARCHAR, 3, '0') AS municipality, "
                    + "lpad(hyvinvointialue_code::VARCHAR, 2, '0') AS area, "
                    + "CAST(regexp_extract(filename, 'municipalities_(\\d{4})\\.csv', 1) AS INTEGER) AS key_year "
                    + "FROM read_csv('" + input.resolve("reference") + "/municipalities_*.csv', header = true, "
                    + "all_varchar = true, filename = true)");
            s.execute("CREATE TABLE contact_rows AS SELECT filename, row_number() OVER (PARTITION BY filename) AS line_no, "
                    + "string_split(rtrim(line, chr(13)), ';') AS f FROM ("
                    + lines(raw, files(input.resolve("visits"), "avohilmo_\\d{6}\\.csv")) + ") WHERE trim(line) <> ''");
            s.execute("""
                    CREATE TABLE contacts AS
                    WITH typed AS (
                      SELECT filename, line_no, trim(f[1]) AS id, trim(f[2]) AS tnro, trim(f[3]) AS municipality,
                             trim(f[10]) AS visitor_group, trim(f[12]) AS cancelled,
                             coalesce(try_strptime(trim(f[11]), '%%d.%%m.%%Y %%H:%%M'),
                                      try_strptime(trim(f[11]), '%%d.%%m.%%Y %%H:%%M:%%S')) AS started
                      FROM contact_rows
                      WHERE len(f) = 12 AND trim(f[1]) <> '' AND trim(f[2]) <> ''),
                    placed AS (
                      SELECT t.*, (SELECT k.area FROM keys k
                                   WHERE k.municipality = lpad(t.municipality, 3, '0') AND k.key_year <= year(t.started)
                                   ORDER BY k.key_year DESC LIMIT 1) AS area
                      FROM typed t
                      WHERE t.started IS NOT NULL AND regexp_full_match(t.municipality, '\\d{1,3}')),
                    kept AS (
                      SELECT *, row_number() OVER (PARTITION BY filename, id ORDER BY line_no) AS nth
                      FROM placed WHERE area IS NOT NULL)
                    SELECT id, tnro, area FROM kept
                    WHERE nth = 1 AND year(started) = %d AND quarter(started) = %d
                      AND cancelled = '' AND visitor_group = '1'
                    """.formatted(year, q));
            s.execute("CREATE TABLE procedures AS SELECT DISTINCT trim(f[1]) AS id, upper(trim(f[3])) AS code FROM ("
                    + "SELECT string_split(rtrim(line, chr(13)), ';') AS f FROM ("
                    + lines(raw, files(input.resolve("visits"), "avohilmo_\\d{6}_toimenpide\\.csv"))
                    + ") WHERE trim(line) <> '') WHERE len(f) = 3 AND trim(f[1]) <> '' AND trim(f[3]) <> ''");
            String codes = String.join(", ", CODES.stream().map(c -> "'" + c + "'").toList());
            s.execute("""
                    CREATE TABLE numerators AS
                    WITH guided AS (
                      SELECT c.id, c.tnro, c.area, lower(p.code) AS code
                      FROM contacts c JOIN procedures p USING (id) WHERE p.code IN (%s)),
                    placed AS (
                      SELECT id, tnro, area, code FROM guided
                      UNION ALL SELECT id, tnro, 'SSS', code FROM guided),
                    measured AS (
                      SELECT id, tnro, area, code AS measure FROM placed
                      UNION ALL SELECT id, tnro, area, 'oab_any' FROM placed)
                    SELECT area, measure || '_contacts' AS measure_id, count(DISTINCT id) AS n FROM measured GROUP BY ALL
                    UNION ALL
                    SELECT area, measure || '_clients', count(DISTINCT tnro) FROM measured GROUP BY ALL
                    """.formatted(codes));
            double seconds = (System.nanoTime() - start) / 1e9;
            long numerators = scalar(s, "SELECT count(*) FROM numerators");
            System.out.printf(Locale.ROOT, "duckdb: %d numerators of %s computed in %.1f s (in-process, after start-up)%n",
                    numerators, quarter, seconds);

            if (!Files.isRegularFile(exported)) {
                System.err.println("duckdb: no exported comparison at " + exported);
                System.exit(2);
            }
            s.execute("CREATE TABLE exported AS SELECT area_code, measure_id, TRY_CAST(numerator AS DOUBLE) AS numerator, "
                    + "suppressed FROM read_csv('" + exported + "', header = true, all_varchar = true) "
                    + "WHERE source = 'avohilmo' AND period = '" + quarter + "'");
            // Every area and measure of the export; a cell DuckDB did not count is zero there.
            String compared = """
                    SELECT e.area_code, e.measure_id, e.numerator, coalesce(n.n, 0) AS duckdb, e.suppressed
                    FROM exported e LEFT JOIN numerators n ON n.area = e.area_code AND n.measure_id = e.measure_id""";
            long published = scalar(s, "SELECT count(*) FROM (" + compared + ") WHERE numerator IS NOT NULL");
            long withheld = scalar(s, "SELECT count(*) FROM (" + compared + ") WHERE numerator IS NULL");
            long differing = scalar(s, "SELECT count(*) FROM (" + compared + ") WHERE numerator IS NOT NULL "
                    + "AND numerator <> duckdb");
            long missing = scalar(s, "SELECT count(*) FROM numerators n WHERE NOT EXISTS (SELECT 1 FROM exported e "
                    + "WHERE e.area_code = n.area AND e.measure_id = n.measure_id)");
            System.out.printf("duckdb: %d published numerators compared, %d differ; %d withheld (suppressed) in the "
                    + "export; %d counted by DuckDB but not in the export%n", published, differing, withheld, missing);
            if (differing > 0 || missing > 0 || published == 0) {
                try (ResultSet r = s.executeQuery(compared + " WHERE e.numerator IS NOT NULL AND e.numerator <> "
                        + "coalesce(n.n, 0) ORDER BY 1, 2 LIMIT 10")) {
                    while (r.next()) {
                        System.out.printf("  differs: area %s %s: pipeline %s, duckdb %s%n", r.getString(1),
                                r.getString(2), r.getString(3), r.getString(4));
                    }
                }
                System.exit(1);
            }
        }
    }

    /** The files of {@code dir} whose names match {@code pattern} (ignoring case, as the pipeline), by name. */
    private static List<Path> files(Path dir, String pattern) throws IOException {
        Pattern p = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> p.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** The lines of every file, each file read in its own character set, as one relation. */
    private static String lines(String raw, List<Path> files) throws IOException {
        List<String> utf8 = new ArrayList<>();
        List<String> latin1 = new ArrayList<>();
        for (Path f : files) {
            (isUtf8(f) ? utf8 : latin1).add("'" + f.toString().replace("'", "''") + "'");
        }
        List<String> parts = new ArrayList<>();
        if (!utf8.isEmpty()) {
            parts.add("SELECT * FROM " + String.format(raw, "[" + String.join(", ", utf8) + "]", "utf-8"));
        }
        if (!latin1.isEmpty()) {
            parts.add("SELECT * FROM " + String.format(raw, "[" + String.join(", ", latin1) + "]", "latin-1"));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no input files matched");
        }
        return String.join(" UNION ALL ", parts);
    }

    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buffer = new char[1 << 16];
            while (r.read(buffer) >= 0) {
                // Decoding to the end is the test.
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
