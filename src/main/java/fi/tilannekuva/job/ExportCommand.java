package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.PictureSources;
import fi.tilannekuva.publish.CsvExport;
import fi.tilannekuva.publish.GoldTables;
import fi.tilannekuva.publish.LabelledTable;
import fi.tilannekuva.publish.PublicationBundle;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.publish.XlsxExport;
import fi.tilannekuva.report.AreaMap;
import fi.tilannekuva.report.ReportData;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code export --table T [--quarter Q | --as-published Q [--release ID]] --format csv|xlsx --out FILE}: one gold table
 * as a file, as it is now or exactly as a published release holds it; {@code export --bundle --quarter Q --out DIR}:
 * every table of the quarter's release with a README of sources and licences ({@link PublicationBundle}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a gold table (one quarter or all of it) to a file, or a published quarter's bundle to a directory.")
final class ExportCommand implements Callable<Integer> {

    /** csv: the data as it is (RFC 4180, decimal point); xlsx and excel-csv: for people, with names and labels. */
    enum Format {
        csv, xlsx, excel_csv;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }


    @Option(names = "--table", paramLabel = "NAME", description = "Gold table, e.g. comparison, areas, runs.")
    String table;

    @Option(names = "--bundle", description = "Every table of the quarter's release (--quarter), as CSV and XLSX, with a README; --out is a directory.")
    boolean bundle;

    @Option(names = "--quarter", paramLabel = "YYYYQn", description = "Only this period (tables with a period column); with --bundle, the published quarter.")
    String quarter;

    @Option(names = "--as-published", paramLabel = "YYYYQn",
            description = "The quarter's latest published release instead of the table as it is now.")
    String asPublished;

    @Option(names = "--release", paramLabel = "ID", description = "With --as-published or --bundle: this release (e.g. 2025Q4-r1) instead of the latest.")
    String release;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "csv (the data: RFC 4180, decimal point), xlsx (a workbook with names and labels beside the codes, "
                    + "the catalogue's decimals, filters and a sheet describing the columns) or excel-csv (the same for "
                    + "Finnish-locale Excel: UTF-8 with BOM, ';', decimal comma). Default ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the names and labels in xlsx and excel-csv: "
            + "${COMPLETION-CANDIDATES} (default from conf: fi).")
    ReportCommand.Language lang;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (with --bundle, the directory).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out when it exists (without it, an existing file or folder is refused).")
    boolean overwrite;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        checkOptions();
        AppConfig config = common.config();
        if (table != null) {
            checkTable(spec.commandLine(), table, config.locations().warehouse());
        }
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            SparkSession spark = session.spark();
            Warehouse warehouse = new Warehouse(spark, config.locations().warehouse());
            Publications publications = new Publications(spark, warehouse);
            PrintWriter o = spec.commandLine().getOut();
            if (bundle) {
                String q = Quarter.parse(quarter).toString();
                String id = releaseOf(publications, q);
                AppConfig.ServingSettings serving = config.serving();
                ReportData data = ReportData.read(warehouse, publications, Quarter.parse(q), id, false);
                AreaMap map = ReportCommand.map(serving, spec.commandLine().getErr());
                Map<String, String> reports = new LinkedHashMap<>();
                for (String l : List.of("fi", "sv", "en")) {
                    reports.put(l, ReportCommand.page(data, l, serving, map));
                }
                PublicationBundle.Written w = PublicationBundle.write(spark, publications, id, out,
                        new PublicationBundle.Pages(reports, lang != null ? lang.name() : serving.reportLanguage(),
                                PictureSources.attributions(serving.attributions())));
                o.printf("exported release %s of %s to %s:%n", id, q, out.toAbsolutePath().normalize());
                w.rows().forEach((t, n) -> o.printf("  %-26s %d rows%n", t, n));
                o.printf("  and %s, columns.csv, the report pages, METHODS.md, README.md (fi, sv), SHA256SUMS%n",
                        "tilannekuva_" + id + ".xlsx");
                return ExitCode.OK;
            }
            String what;
            Dataset<Row> rows;
            // Where the names and labels of an export for people come from: the same release, or the tables as now.
            Function<String, Dataset<Row>> dimension;
            if (asPublished != null) {
                String q = Quarter.parse(asPublished).toString();
                String id = releaseOf(publications, q);
                rows = CsvExport.ordered(publications.read(table, id));
                what = " (release " + id + ")";
                dimension = t -> publications.readOrCurrent(t, id);
            } else {
                String period = quarter == null ? null : Quarter.parse(quarter).toString();
                rows = CsvExport.table(warehouse, table, period);
                what = period == null ? "" : " (" + period + ")";
                dimension = t -> warehouse.read(Layer.GOLD, t);
            }
            long n;
            if (format == Format.csv) {
                n = CsvExport.write(spark, rows, out);
            } else {
                String language = lang != null ? lang.name() : config.serving().reportLanguage();
                LabelledTable.Labelled labelled = LabelledTable.of(spark, table, rows,
                        LabelledTable.Dimensions.read(dimension), language);
                n = format == Format.xlsx ? XlsxExport.write(spark, labelled, out) : CsvExport.writeForExcel(spark, labelled, out);
            }
            o.printf("exported %d rows of %s%s to %s%n", n, table, what, out.toAbsolutePath().normalize());
            return ExitCode.OK;
        }
    }

    private void checkOptions() {
        CommandLine cli = spec.commandLine();
        checkOut(cli);
        if (bundle) {
            if (table != null || asPublished != null) {
                throw new CommandLine.ParameterException(cli, "--bundle exports every table of a release: no --table or --as-published");
            }
            if (quarter == null) {
                throw new CommandLine.ParameterException(cli, "--bundle needs --quarter, the published quarter");
            }
            return;
        }
        if (table == null) {
            throw new CommandLine.ParameterException(cli, "--table (or --bundle) is required");
        }
        if (asPublished != null && quarter != null) {
            throw new CommandLine.ParameterException(cli, "--quarter and --as-published exclude each other");
        }
        if (release != null && asPublished == null) {
            throw new CommandLine.ParameterException(cli, "--release needs --as-published or --bundle");
        }
    }

    /**
     * Before Spark starts: a table name that is neither a gold table nor the quarantine is refused (exit 3) with the
     * list and the closest name, e.g. "did you mean situational_picture?"; a path is a usage error (exit 2).
     */
    static void checkTable(CommandLine cli, String table, Path warehouse) {
        if (!CsvExport.isTableName(table)) {
            throw new CommandLine.ParameterException(cli, "--table takes a table name such as comparison, not '" + table + "'");
        }
        Set<String> known = new TreeSet<>(GoldTables.all().keySet());
        known.add(SourceLoader.QUARANTINE);
        known.addAll(CsvExport.knownTables(warehouse.toAbsolutePath().normalize()));
        if (known.contains(table)) {
            return;
        }
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String closest = known.stream().min(Comparator.comparingInt((String k) -> distance.apply(k, table))
                .thenComparing(k -> k)).orElseThrow();
        throw new InputException("table " + table + " does not exist in " + warehouse.toAbsolutePath().normalize()
                + "; did you mean " + closest + "? Tables: " + String.join(", ", known));
    }

    /** An existing --out is replaced only with --overwrite, and a file is never written over a folder. */
    private void checkOut(CommandLine cli) {
        Path o = out.toAbsolutePath().normalize();
        if (!bundle && Files.isDirectory(o)) {
            throw new CommandLine.ParameterException(cli, "--out " + o + " is a folder; give the file to write");
        }
        if (bundle && Files.exists(o) && !Files.isDirectory(o)) {
            throw new CommandLine.ParameterException(cli, "--out " + o + " is a file; give the folder of the bundle");
        }
        if (!overwrite && Files.exists(o) && !(bundle && isEmptyFolder(o))) {
            throw new CommandLine.ParameterException(cli, "--out " + o + " exists; give --overwrite to replace it");
        }
    }

    private static boolean isEmptyFolder(Path p) {
        try (java.util.stream.Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The release asked for (--release) or the quarter's latest; it must be a recorded release of the quarter. */
    private String releaseOf(Publications publications, String q) {
        return publications.checkRelease(q, release != null ? release : publications.latestReleaseOrFail(q));
    }

    /** Takes the format as the help writes it (excel-csv). */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.toString().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of csv, xlsx, excel-csv but was '" + value + "'");
        }
    }
}
