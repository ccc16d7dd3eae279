package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.report.AreaMap;
import fi.tilannekuva.report.QuarterlyReport;
import fi.tilannekuva.report.ReportData;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code report --quarter Q --out DIR [--lang fi|sv|en]}: the quarter's published release as one self-contained HTML
 * page ({@link QuarterlyReport}), with maps when a GeoJSON of the areas is configured.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the quarterly report of a published quarter as a self-contained HTML file.")
final class ReportCommand implements Callable<Integer> {

    enum Language { fi, sv, en }

    @CommandLine.Mixin
    QuarterOption quarter;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write tilannekuva_<quarter>_<lang>.html to.")
    Path out;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language: ${COMPLETION-CANDIDATES} (default from conf: fi).")
    Language lang;

    @Option(names = "--release", paramLabel = "ID", description = "This release (e.g. 2025Q4-r1) instead of the quarter's latest.")
    String release;

    @Option(names = "--draft", description = "Report the tables as they are now when the quarter has not been published.")
    boolean draft;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Quarter q = quarter.quarter();
        AppConfig config = common.config();
        AppConfig.ServingSettings serving = config.serving();
        String language = lang != null ? lang.name() : serving.reportLanguage();
        AreaMap map = map(serving, spec.commandLine().getErr());
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            Warehouse warehouse = new Warehouse(session.spark(), config.locations().warehouse());
            ReportData data = ReportData.read(warehouse, new Publications(session.spark(), warehouse), q, release, draft);
            String html = page(data, language, serving, map);
            Path file = out.resolve("tilannekuva_" + q + "_" + language + ".html");
            try {
                Files.createDirectories(out);
                Files.writeString(file, html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("tilannekuva report %s (%s, %s): %s%n", q, language,
                    data.releaseId() == null ? "draft" : "release " + data.releaseId(), file.toAbsolutePath().normalize());
            return ExitCode.OK;
        }
    }

    /**
     * The report's map: the shipped county outlines, unless {@code tilannekuva.report.map} names another GeoJSON
     * (a missing file is warned about on {@code err} and the shipped outlines drawn) or is {@code none}.
     */
    static AreaMap map(AppConfig.ServingSettings serving, PrintWriter err) {
        if (serving.reportMap() == null) {
            return AreaMap.builtIn();
        }
        if (serving.reportMap().toString().equals("none")) {
            return null;
        }
        if (!Files.isRegularFile(serving.reportMap())) {
            err.printf("warning: tilannekuva.report.map %s is not a file; the report draws the shipped county outlines%n",
                    serving.reportMap());
            err.flush();
            return AreaMap.builtIn();
        }
        return AreaMap.read(serving.reportMap(), serving.mapCodeProperty());
    }

    /** One page of the report, stamped with the time (Finnish) and the code version. */
    static String page(ReportData data, String language, AppConfig.ServingSettings serving, AreaMap map) {
        String produced = ZonedDateTime.now(ZoneId.of("Europe/Helsinki")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        return QuarterlyReport.html(data, language, serving, map, produced, RunContext.start("report").codeVersion(),
                serving.reportTemplates());
    }
}
