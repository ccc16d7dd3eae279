package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.gold.SourceFigures;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceSamples;
import fi.tilannekuva.source.avohilmo.AvohilmoSource;
import fi.tilannekuva.source.avohilmo.OabGuidanceCounts;
import fi.tilannekuva.source.avohilmo.VisitRefresh;
import fi.tilannekuva.source.avohilmo.VisitSamples;
import fi.tilannekuva.source.funding.FundingRefresh;
import fi.tilannekuva.source.funding.FundingSamples;
import fi.tilannekuva.source.funding.FundingSources;
import fi.tilannekuva.source.funding.FundingTables;
import fi.tilannekuva.source.population.PopulationSource;
import fi.tilannekuva.source.sotkanet.IndicatorRefresh;
import fi.tilannekuva.source.sotkanet.IndicatorSamples;
import fi.tilannekuva.source.sotkanet.IndicatorValues;
import fi.tilannekuva.source.sotkanet.SotkanetSources;
import fi.tilannekuva.source.traffic.TrafficRefresh;
import fi.tilannekuva.source.traffic.TrafficSources;
import fi.tilannekuva.source.traffic.TraySamples;
import fi.tilannekuva.source.traffic.TrayTraffic;
import fi.tilannekuva.source.traffic.TrayUsefulness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one list of the picture's sources and of the gold tables they and the picture write: a refresh loads every
 * source's inputs ({@link #inputs}) and computes their figures ({@link Source#figures}), freshness iterates the
 * sources' silver tables, releases freeze every table by its scope, the SQL endpoint, exports and the bundle describe
 * them (and attribute their data, {@link #attributions}) from here, and the sample generator writes each source's
 * samples. A fifth source adds its line to {@link #SOURCES}.
 */
public final class PictureSources {

    /** Which rows of a gold table belong to a quarter's release. */
    public enum Scope {
        /** The rows whose {@code quarter} is the release's. */
        QUARTER_COLUMN,
        /** The rows whose {@code period} is the release's quarter. */
        PERIOD_COLUMN,
        /** The quarter's rows and each yearly measure's latest year (what the picture shows). */
        QUARTER_AND_YEARS,
        /** The whole table: yearly tables are small and the picture uses them. */
        WHOLE
    }

    /** A gold table with its scope in a release and the one-sentence description users read. */
    public record GoldTable(String name, Scope scope, String description) {
    }

    /**
     * A source of figures: its name (the {@code source} of its {@code comparison} rows), its input files and how they
     * are read, the silver tables its figures come from (their latest load is its freshness), its own gold tables,
     * how a refresh computes them and its comparison rows, and how the sample generator writes its sample files.
     */
    public record Source(String name, Function<SourceContext, List<SourceChain>> inputs, List<String> silverTables,
                         List<GoldTable> goldTables, SourceFigures figures, SourceSamples samples) {
        public Source {
            silverTables = List.copyOf(silverTables);
            goldTables = List.copyOf(goldTables);
        }
    }

    /** The tables every source's figures meet in, in the order people meet them. */
    public static final List<GoldTable> SHARED = List.of(
            new GoldTable(SituationalPicture.TABLE, Scope.QUARTER_COLUMN, "One row per quarter and area (the country "
                    + "included): the headline measures side by side, with index, significance, change, trend and why "
                    + "any figure is missing."),
            new GoldTable(SituationalPicture.ATTENTION, Scope.QUARTER_COLUMN, "Per quarter, area and measure: "
                    + "significantly worse than the country by the measure's polarity and getting worse (trend, or change "
                    + "against a year earlier)."),
            new GoldTable(ComparisonTable.TABLE, Scope.QUARTER_AND_YEARS, "One row per period, area and measure: the "
                    + "figure and everything needed to read it fairly (intervals, national value, index, needs-adjusted "
                    + "index, rank, change, trend, suppression)."),
            new GoldTable(MeasureCatalogue.TABLE, Scope.WHOLE, "The measures: names, definitions and units in Finnish, "
                    + "Swedish and English, polarity, method, interval, needs adjustment, update cycle and freshness limit."),
            new GoldTable(AreasTable.TABLE, Scope.WHOLE, "The areas: the 21 wellbeing services counties, Helsinki, Åland "
                    + "and the whole country, with names in Finnish, Swedish and English and Sotkanet region ids."),
            new GoldTable(LabelsTable.TABLE, Scope.WHOLE, "Every coded value of the tables (significance, assessment, "
                    + "trend, why a figure is missing, data status, platform, answers, ...) with its label in Finnish, "
                    + "Swedish and English."),
            new GoldTable(Freshness.TABLE, Scope.QUARTER_COLUMN, "Per quarter, measure and area: the latest period with "
                    + "data, when its source was last loaded, its age against the catalogue's limit, and warned input checks."));

    /** The attributions of what every release uses (area keys, population, the report's maps). */
    static final String SHARED_ATTRIBUTIONS = "shared";

    public static final List<Source> SOURCES = List.of(
            new Source(OabGuidanceCounts.SOURCE, AvohilmoSource::chains,
                    List.of(AvohilmoSource.CONTACTS, AvohilmoSource.PROCEDURES), List.of(),
                    (stage, quarter, population, lookup) -> new VisitRefresh(stage).run(quarter, population),
                    VisitSamples::sample),
            new Source(FundingTables.SOURCE, FundingSources::chains, List.of(FundingSources.NEED_MODEL,
                    FundingSources.NEED_FACTORS, FundingSources.CRITERIA, FundingSources.BASES, FundingSources.COSTS), List.of(
                    new GoldTable(FundingTables.NEED_COEFFICIENTS, Scope.WHOLE, "THL's need coefficients per year and "
                            + "area, every step shown (needs from the regression model and factor shares, health, social, "
                            + "elderly and total coefficients)."),
                    new GoldTable(FundingTables.ALLOCATION, Scope.WHOLE, "The calculated needs-based funding per funding "
                            + "year, area and criterion: share, base, coefficient, basic price, amount and amount per resident."),
                    new GoldTable(FundingTables.COSTS, Scope.WHOLE, "Net operating costs per resident per year, area and "
                            + "sector, with index and needs-adjusted index (country = 100).")),
                    (stage, quarter, population, lookup) -> new FundingRefresh(stage).run(), FundingSamples::sample),
            new Source(IndicatorValues.SOURCE, SotkanetSources::chains, List.of(SotkanetSources.DATA), List.of(
                    new GoldTable(IndicatorValues.TABLE, Scope.WHOLE, "The followed Sotkanet indicators per year, area and "
                            + "gender: value, absolute value, the country's value, rank and change from the previous year.")),
                    (stage, quarter, population, lookup) -> new IndicatorRefresh(stage).run(lookup),
                    IndicatorSamples::sample),
            new Source(TrayTraffic.SOURCE, TrafficSources::chains, List.of(TrafficSources.TRAYS, TrafficSources.TARMOA,
                    TrafficSources.ANALYTICS, TrafficSources.SURVEY), List.of(
                    new GoldTable(TrayTraffic.TABLE, Scope.PERIOD_COLUMN, "Traffic of the digital wellbeing service trays "
                            + "per quarter and area: visits, page loads, wellbeing surveys, visits per 1,000 residents and the "
                            + "data status."),
                    new GoldTable(TrayUsefulness.TABLE, Scope.PERIOD_COLUMN, "The trays' usefulness survey per quarter and "
                            + "area, per platform and for the country: answers and respondent groups with shares and 95 % "
                            + "Wilson intervals.")),
                    (stage, quarter, population, lookup) -> new TrafficRefresh(stage).run(quarter, population),
                    TraySamples::sample));

    private PictureSources() {
    }

    /**
     * Every input a refresh loads, as chains of sources loaded one after the other: the population (the denominators
     * of every rate, a source of no figures itself), then each source's.
     */
    public static List<SourceChain> inputs(SourceContext context) {
        List<SourceChain> all = new ArrayList<>(PopulationSource.chains(context));
        SOURCES.forEach(s -> all.addAll(s.inputs().apply(context)));
        return List.copyOf(all);
    }

    /**
     * Who published the data of a release and on what terms, from conf/sources.conf: each source's entries in the
     * order of the list, then those every release uses ({@code shared}). A source without an entry is an error of
     * conf, named here rather than left out of a published README.
     */
    public static List<AppConfig.Label> attributions(Map<String, List<AppConfig.Label>> bySource) {
        List<AppConfig.Label> all = new ArrayList<>();
        for (String name : Stream.concat(SOURCES.stream().map(Source::name), Stream.of(SHARED_ATTRIBUTIONS)).toList()) {
            List<AppConfig.Label> entries = bySource.get(name);
            if (entries == null || entries.isEmpty()) {
                throw new IllegalStateException("conf/sources.conf has no tilannekuva.attributions." + name
                        + ": every source's data is attributed in the bundle it is published in");
            }
            all.addAll(entries);
        }
        return List.copyOf(all);
    }

    /** Every gold table of the picture: the shared ones, then each source's. */
    public static List<GoldTable> goldTables() {
        List<GoldTable> all = new ArrayList<>(SHARED);
        SOURCES.forEach(s -> all.addAll(s.goldTables()));
        return List.copyOf(all);
    }

    public static Optional<GoldTable> goldTable(String name) {
        return goldTables().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
