package fi.tilannekuva.publish;

import fi.tilannekuva.source.InputFile;
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
 * The files THL publishes for a quarter: every table of one release as CSV and together as one XLSX workbook, the
 * release's {@code publications} row, a README with what each table is, the sources and their licences, and
 * SHA-256 sums of every file.
 */
public final class PublicationBundle {

    /** What was written: the release, its files and the rows per table. */
    public record Written(String releaseId, List<Path> files, Map<String, Long> rows) {
    }

    /** The sources behind the tables, with their licences, as the README names them. */
    static final List<String> SOURCES = List.of(
            "THL (Finnish Institute for Health and Welfare), Sotkanet indicator bank: indicator values and metadata. CC BY 4.0.",
            "THL, Avohilmo (register of primary health care outpatient visits): visits recorded with the health-promotion "
                    + "guidance codes OAB61–OAB64, counted per area. CC BY 4.0.",
            "THL, needs-standardisation model: regression coefficients and factor shares behind the need coefficients. CC BY 4.0.",
            "Ministry of Finance, funding of the wellbeing services counties: criteria, bases and the official calculation "
                    + "where supplied. Public documents.",
            "Statistics Finland: municipality-based classification keys (municipality to wellbeing services county) and "
                    + "population by area, sex and age. CC BY 4.0.",
            "The wellbeing services counties' digital service trays (Tarmoa and the counties' own analytics) and their "
                    + "usefulness survey: published here as aggregates; the providers' terms of reuse apply.");

    private PublicationBundle() {
    }

    /**
     * Writes the bundle of release {@code releaseId} to {@code target}, replacing what is there. The files
     * are written beside it first and the directory appears only when complete, so a failed export leaves nothing
     * that could be published by mistake.
     */
    public static Written write(SparkSession spark, Publications publications, String releaseId, Path target) {
        Path out = target.toAbsolutePath().normalize();
        Path partial = out.resolveSibling("." + out.getFileName() + ".partial");
        try {
            CsvExport.deleteRecursively(partial);
            Written w = writeInto(spark, publications, releaseId, partial);
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

    private static Written writeInto(SparkSession spark, Publications publications, String releaseId, Path dir) {
        List<String> tables = publications.tablesOf(releaseId);
        Dataset<Row> recordRow = publications.record(releaseId).cache();
        Row record = recordRow.first();
        String quarter = record.getAs("quarter");
        List<Path> files = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Dataset<Row>> sheets = new LinkedHashMap<>();
        for (String t : tables) {
            Dataset<Row> published = CsvExport.ordered(publications.read(t, releaseId)).cache();
            Path csv = dir.resolve(t + ".csv");
            rows.put(t, CsvExport.write(spark, published, csv));
            files.add(csv);
            sheets.put(t, published);
        }
        Path releaseRow = dir.resolve(Publications.TABLE + ".csv");
        CsvExport.write(spark, recordRow, releaseRow);
        recordRow.unpersist();
        files.add(releaseRow);
        Path xlsx = dir.resolve("tilannekuva_" + releaseId + ".xlsx");
        XlsxExport.writeWorkbook(spark, sheets, xlsx);
        sheets.values().forEach(Dataset::unpersist);
        files.add(xlsx);
        Path readme = dir.resolve("README.md");
        write(readme, readme(releaseId, quarter, record, rows, xlsx.getFileName().toString()));
        files.add(readme);
        Path sums = dir.resolve("SHA256SUMS");
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(InputFile.inspect(dir, f).sha256()).append("  ").append(f.getFileName()).append('\n');
        }
        write(sums, b.toString());
        files.add(sums);
        return new Written(releaseId, List.copyOf(files), rows);
    }

    static String readme(String releaseId, String quarter, Row record, Map<String, Long> rows, String workbook) {
        StringBuilder b = new StringBuilder();
        b.append("# Hyvinvointialueiden tilannekuva ").append(quarter).append(" — release ").append(releaseId).append("\n\n");
        b.append("Situational picture of Finland's wellbeing services counties, quarter ").append(quarter)
                .append(", as published in release `").append(releaseId).append("` on ")
                .append(record.getAs("published_at").toString(), 0, 19).append(" (code version ")
                .append((String) record.getAs("code_version")).append(", refresh run `")
                .append((String) record.getAs("refresh_run_id")).append("`). ")
                .append("The files hold exactly the rows of the release; a later revision of the quarter is a new release.\n\n");
        b.append("Välfärdsområdenas lägesbild · Hyvinvointialueiden tilannekuva · Situational picture. ")
                .append("Names, definitions and units of every measure in Finnish, Swedish and English are in ")
                .append("`measure_catalogue.csv`; area names in `areas.csv`.\n\n");
        b.append("## Files\n\n");
        b.append("Each table is a UTF-8 CSV file (RFC 4180, header row, an empty field is a missing value, numbers ")
                .append("with a decimal point) and a sheet of `").append(workbook).append("`.\n\n");
        b.append("| file | rows | what it holds |\n|---|---:|---|\n");
        rows.forEach((t, n) -> b.append("| `").append(t).append(".csv` | ").append(n).append(" | ")
                .append(GoldTables.description(t).orElse("")).append(" |\n"));
        b.append("| `").append(Publications.TABLE).append(".csv` | 1 | ")
                .append(GoldTables.description(Publications.TABLE).orElse("")).append(" |\n");
        b.append("\n`SHA256SUMS` lists the SHA-256 of every file (`sha256sum -c SHA256SUMS`).\n\n");
        b.append("## Reading the figures\n\n");
        b.append("- Counts of 1–4, and figures from which one could be worked out, are withheld: the value is empty ")
                .append("and `suppressed` is true. Zero is published as zero. Any other missing figure says why in ")
                .append("`no_data_reason` (comparison) or the measure's `_note` (situational_picture).\n");
        b.append("- `index` compares an area with the whole country (= 100); `needs_adjusted_index` divides the crude ")
                .append("figure's index by the area's THL need coefficient, so areas with different service needs compare fairly.\n");
        b.append("- `significance` and `assessment` use the figure's 95 % confidence interval against the country; ")
                .append("a change is tested with both figures' standard errors; `trend` is a weighted regression over ")
                .append("five consecutive periods.\n");
        b.append("- A figure with `partial_period` true covers less than its period (`coverage_note` says what): it is ")
                .append("published but not compared, ranked, change-tested or summed into the country.\n\n");
        b.append("## Sources and licences\n\n");
        SOURCES.forEach(s -> b.append("- ").append(s).append('\n'));
        b.append("\nWhen reusing THL's and Statistics Finland's data, attribute them, e.g. \"Source: THL, Sotkanet; ")
                .append("Statistics Finland. CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)\". ")
                .append("The tables were computed with tilannekuva (Apache License 2.0).\n");
        return b.toString();
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
