package fi.tilannekuva.publish;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.input.InputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files THL publishes for a quarter: every table of one release as CSV and together as one XLSX workbook (names
 * and labels beside the codes), the release's {@code publications} row, a dictionary of every column, the report
 * pages, the methods, a README in English, Finnish and Swedish with what each file is, the sources and their
 * licences, and SHA-256 sums of every file.
 */
public final class PublicationBundle {

    /** What was written: the release, its files and the rows per table. */
    public record Written(String releaseId, List<Path> files, Map<String, Long> rows) {
    }

    private PublicationBundle() {
    }

    /**
     * Writes the bundle of release {@code releaseId} to {@code target}, replacing what is there. The files
     * are written beside it first and the directory appears only when complete, so a failed export leaves nothing
     * that could be published by mistake.
     */
    public static Written write(SparkSession spark, Publications publications, String releaseId, Path target, Pages pages) {
        Path out = target.toAbsolutePath().normalize();
        Path partial = out.resolveSibling("." + out.getFileName() + ".partial");
        try {
            CsvExport.deleteRecursively(partial);
            Written w = writeInto(spark, publications, releaseId, partial, pages);
            // The caller checked that an existing --out may be replaced (export --overwrite).
            CsvExport.deleteRecursively(out);
            Files.move(partial, out);
            return new Written(w.releaseId(), w.files().stream().map(f -> out.resolve(f.getFileName())).toList(), w.rows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                CsvExport.deleteRecursively(partial);
            } catch (IOException ignored) {
                // The error that stopped the export, if any, is the one to report.
            }
        }
    }

    /**
     * The report pages of the release by language (fi, sv, en → HTML), and the language of the workbook's names and
     * labels, and who published the data behind it (the README's sources and licences, in the order given); written
     * by the caller, which has the configuration the report needs.
     */
    public record Pages(Map<String, String> reports, String workbookLanguage, List<AppConfig.Label> attributions) {
        public Pages {
            attributions = List.copyOf(attributions);
        }
    }

    private static Written writeInto(SparkSession spark, Publications publications, String releaseId, Path dir, Pages pages) {
        List<String> tables = publications.tablesOf(releaseId);
        Dataset<Row> recordRow = publications.record(releaseId).cache();
        Row record = recordRow.first();
        String quarter = record.getAs("quarter");
        List<Path> files = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Dataset<Row>> cached = new ArrayList<>();
        List<LabelledTable.Labelled> sheets = new ArrayList<>();
        StringBuilder dictionary = new StringBuilder("table,column,type,description\n");
        LabelledTable.Dimensions dimensions = LabelledTable.Dimensions.read(d -> publications.readOrCurrent(d, releaseId));
        for (String t : tables) {
            Dataset<Row> published = CsvExport.ordered(publications.read(t, releaseId)).cache();
            cached.add(published);
            Path csv = dir.resolve(t + ".csv");
            rows.put(t, CsvExport.write(spark, published, csv));
            files.add(csv);
            for (org.apache.spark.sql.types.StructField f : published.schema().fields()) {
                dictionary.append(csvField(t)).append(',').append(csvField(f.name())).append(',')
                        .append(csvField(f.dataType().simpleString())).append(',')
                        .append(csvField(java.util.Objects.toString(SqlViews.fullComment(f), ""))).append('\n');
            }
            sheets.add(LabelledTable.of(spark, t, published, dimensions, pages.workbookLanguage()));
        }
        Path columns = dir.resolve("columns.csv");
        write(columns, dictionary.toString());
        files.add(columns);
        Path releaseRow = dir.resolve(Publications.TABLE + ".csv");
        CsvExport.write(spark, recordRow, releaseRow);
        recordRow.unpersist();
        files.add(releaseRow);
        Path xlsx = dir.resolve("tilannekuva_" + releaseId + ".xlsx");
        XlsxExport.writeWorkbook(spark, sheets, xlsx);
        cached.forEach(Dataset::unpersist);
        files.add(xlsx);
        for (Map.Entry<String, String> page : pages.reports().entrySet()) {
            Path html = dir.resolve("tilannekuva_" + quarter + "_" + page.getKey() + ".html");
            write(html, page.getValue());
            files.add(html);
        }
        Path methods = dir.resolve("METHODS.md");
        write(methods, methods());
        files.add(methods);
        for (String lang : List.of("en", "fi", "sv")) {
            Path readme = dir.resolve(lang.equals("en") ? "README.md" : "README." + lang + ".md");
            write(readme, BundleReadme.text(lang, releaseId, quarter, record, rows, xlsx.getFileName().toString(),
                    pages.reports().keySet(), pages.attributions().stream().map(a -> a.in(lang)).toList()));
            files.add(readme);
        }
        Path sums = dir.resolve("SHA256SUMS");
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(InputFile.inspect(dir, f).sha256()).append("  ").append(f.getFileName()).append('\n');
        }
        write(sums, b.toString());
        files.add(sums);
        return new Written(releaseId, List.copyOf(files), rows);
    }

    /** The methods as docs/METHODS.md writes them, packaged in the jar. */
    private static String methods() {
        try (java.io.InputStream in = PublicationBundle.class.getResourceAsStream("/docs/METHODS.md")) {
            if (in == null) {
                throw new IllegalStateException("the jar has no docs/METHODS.md");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read docs/METHODS.md: " + e.getMessage(), e);
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csvField(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

}
