package fi.tilannekuva.config;


import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the pipeline reads from {@code conf/}, typed and immutable; built once at start-up by
 * {@link ConfigLoader} and handed to jobs through their constructors.
 */
public record AppConfig(
        Locations locations,
        SparkSettings spark,
        Methods methods,
        SourceSettings sources,
        Catalogue catalogue,
        QualitySettings quality,
        ServingSettings serving,
        String digest) {

    /** Where the input root and the warehouse are. */
    public record Locations(Path input, Path warehouse) {
    }

    /** How figures are computed: the population of a rate, small-number protection, the standard population. */
    public record Methods(PopulationRule population, SuppressionRule suppression, StandardPopulationKind standard) {
    }

    /** What each source's loading and figures need, and the row rules of every input table (by rules name). */
    public record SourceSettings(VisitsSettings visits, FundingSettings funding, IndicatorSettings indicators,
                                 TrafficSettings traffic, Map<String, List<RowRule>> rules) {
        public SourceSettings {
            rules = Map.copyOf(rules);
        }
    }

    /** What the tables speak of: the measures (conf/measures.conf) and the areas (conf/areas.conf). */
    public record Catalogue(List<Measure> measures, List<Area> areas) {
        public Catalogue {
            measures = List.copyOf(measures);
            areas = List.copyOf(areas);
        }

        /** The catalogue entry of {@code measureId}. */
        public Measure measure(String measureId) {
            return measures.stream().filter(m -> m.id().equals(measureId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("measure " + measureId + " is not in conf/measures.conf"));
        }
    }

    /**
     * One measure of the catalogue (conf/measures.conf): names, definitions and unit for people, and what the
     * comparison needs — polarity ({@code higherIsBetter} null when neither direction is better), interval
     * method, multiplier, needs adjustment, and how fresh its latest figure must be.
     */
    public record Measure(String id, String source, boolean headline, Label name, Label definition, Label unit,
                          Boolean higherIsBetter, MeasureKinds.Method method, MeasureKinds.Interval interval,
                          double multiplier, MeasureKinds.NeedsAdjustment needsAdjustment, MeasureKinds.UpdateCycle updateCycle,
                          int freshnessLimitMonths, int decimals) {
    }

    /**
     * Limits of the table checks on every input file: the share of rows quarantined (warn above one, fail above the
     * other) and the change in rows against the previous delivery of the same file (with its action).
     */
    public record FileThresholds(double warnQuarantineShare, double failQuarantineShare, double maxRowChange,
                                 String rowChangeAction) {
    }

    /**
     * A table check: every period ({@code periodColumn}) of silver table {@code source} must hold each of the
     * {@code areas} ({@code funded}: the areas of the funding act; {@code all}: every area but the country).
     */
    public record CoverageRule(String source, String periodColumn, String areas, String action) {
    }

    /**
     * The default thresholds, those of sources that differ (by silver table name), and the area-coverage checks;
     * the fewest rows a file must have for its quarantine share to be judged (below, its quarantined rows are only
     * counted); whether an entry of the input root that no source reads fails the run.
     */
    public record QualitySettings(FileThresholds defaults, Map<String, FileThresholds> bySource,
                                  List<CoverageRule> coverage, int minRowsForShare, boolean failOnUnknownFiles) {
        public QualitySettings {
            bySource = Map.copyOf(bySource);
            coverage = List.copyOf(coverage);
        }

        public QualitySettings(FileThresholds defaults, Map<String, FileThresholds> bySource,
                               List<CoverageRule> coverage) {
            this(defaults, bySource, coverage, 20, false);
        }

        /** These settings with unknown input entries failing the run (or not). */
        public QualitySettings withFailOnUnknownFiles(boolean fail) {
            return new QualitySettings(defaults, bySource, coverage, minRowsForShare, fail);
        }

        public FileThresholds thresholdsFor(String source) {
            return bySource.getOrDefault(source, defaults);
        }
    }

    /** This configuration with {@code quality} instead of its own quality settings. */
    public AppConfig withQuality(QualitySettings quality) {
        return new AppConfig(locations, spark, methods, sources, catalogue, quality, serving, digest);
    }

    /**
     * Spark master, application name and the settings passed to the session as they are. {@code parallelSources}: how
     * many independent sources are loaded, independent gold parts computed and a publish's tables copied at the same
     * time — their Spark jobs are small, so one's planning and commits overlap another's tasks.
     * {@code compiledFromBytes}: from how many bytes of data a stage reads its queries run as generated code; below,
     * interpreted. {@code judgedAgainFromBytes}: from how many bytes of new files a source's rows are judged again by
     * each query that reads them rather than judged once and kept in memory. {@code optimisingCompilerFromBytes}:
     * from how many bytes of input files and silver tables a refresh needs the JVM's optimising compiler.
     */
    public record SparkSettings(String master, String appName, Map<String, String> settings, int parallelSources,
                                long compiledFromBytes, long judgedAgainFromBytes, long optimisingCompilerFromBytes) {
        public SparkSettings {
            settings = Map.copyOf(settings);
            if (parallelSources < 1) {
                throw new IllegalArgumentException("tilannekuva.spark.parallel-sources must be at least 1, not "
                        + parallelSources);
            }
            if (compiledFromBytes < 0) {
                throw new IllegalArgumentException("tilannekuva.spark.compiled-from must not be negative, not "
                        + compiledFromBytes);
            }
            if (judgedAgainFromBytes < 0) {
                throw new IllegalArgumentException("tilannekuva.spark.judged-again-from must not be negative, not "
                        + judgedAgainFromBytes);
            }
            if (optimisingCompilerFromBytes < 0) {
                throw new IllegalArgumentException("tilannekuva.spark.optimising-compiler-from must not be negative, "
                        + "not " + optimisingCompilerFromBytes);
            }
        }
    }

    /** Which population year a rate's denominator comes from (METHODS.md §2). */
    public record PopulationRule(int yearOffset, boolean fallBackToLatest) {
        public int denominatorYear(int year) {
            return year + yearOffset;
        }
    }

    /** Small-number disclosure control (METHODS.md §6). */
    public record SuppressionRule(int minCount, boolean secondary) {
        public SuppressionRule {
            if (minCount < 1) {
                throw new IllegalArgumentException("suppression.min-count must be at least 1, was " + minCount);
            }
        }
    }

    /**
     * Settings of the Avohilmo visits source. {@code codesInUseFrom}: the first day the followed codes were recorded;
     * a quarter before it has no figures, and the quarter it falls in is partial.
     */
    public record VisitsSettings(List<String> followedCodes, String datetimePattern, int ownVisitorGroup,
                                 java.time.LocalDate codesInUseFrom) {
        public VisitsSettings {
            followedCodes = List.copyOf(followedCodes);
        }
    }

    /** The needs-based funding model's settings (METHODS.md §4–§5). */
    public record FundingSettings(double healthWeight, double socialWeight, double elderlyWeight,
                                  Map<Integer, List<Integer>> coefficientYears, List<Integer> defaultLag,
                                  int populationYearOffset, int costPopulationYearOffset, double toleranceEur,
                                  Map<String, String> needCriteria) {
        public FundingSettings {
            coefficientYears = Map.copyOf(coefficientYears);
            defaultLag = List.copyOf(defaultLag);
            // In the order of their names: an area's total adds its criteria's amounts in this order, and Map.copyOf
            // iterates in an order that changes from one JVM to the next (the totals then differed in the last digit).
            needCriteria = Collections.unmodifiableMap(new TreeMap<>(needCriteria));
        }

        /** The years whose need coefficients funding year {@code year} averages. */
        public List<Integer> coefficientYearsFor(int year) {
            List<Integer> listed = coefficientYears.get(year);
            return listed != null ? listed : defaultLag.stream().map(lag -> year - lag).sorted().toList();
        }
    }

    /**
     * A Sotkanet indicator the pipeline follows: the measure id it publishes as in {@code comparison}, its
     * polarity (from the measure catalogue), and whether its municipality rows may be summed to areas (only for counts).
     */
    public record FollowedIndicator(int id, String measureId, boolean higherIsBetter, boolean rollUpMunicipalities) {
    }

    /** The followed Sotkanet indicators (their names and definitions are in the measure catalogue). */
    public record IndicatorSettings(List<FollowedIndicator> followed) {
        public IndicatorSettings {
            followed = List.copyOf(followed);
        }
    }

    /** One answer or respondent group of the usefulness survey: its code, the Finnish text as received, labels. */
    public record SurveyCategory(String code, String fi, String sv, String en, boolean useful, boolean noOpinion) {
    }

    /**
     * Labels for people of the coded values the gold tables publish ({@code conf/labels.conf}): code list (e.g.
     * {@code assessment}) → code → label, each list in the order it is written.
     */
    public record CodeLabels(Map<String, Map<String, Label>> lists) {
        public CodeLabels {
            Map<String, Map<String, Label>> copy = new LinkedHashMap<>();
            lists.forEach((list, codes) -> copy.put(list, Collections.unmodifiableMap(new LinkedHashMap<>(codes))));
            lists = Collections.unmodifiableMap(copy);
        }

        /** The label of {@code code} in {@code list}; a missing one is a defect of conf/labels.conf. */
        public Label label(String list, String code) {
            Label l = lists.getOrDefault(list, Map.of()).get(code);
            if (l == null) {
                throw new IllegalStateException("conf/labels.conf has no label for " + list + " \"" + code + "\"");
            }
            return l;
        }
    }

    /** A label for people in Finnish, Swedish and English. */
    public record Label(String fi, String sv, String en) {
        /** The text in {@code lang} (fi, sv or en). */
        public String in(String lang) {
            return switch (lang) {
                case "fi" -> fi;
                case "sv" -> sv;
                case "en" -> en;
                default -> throw new IllegalArgumentException("no language " + lang + " (fi, sv or en)");
            };
        }
    }

    /**
     * The service-tray traffic and usefulness survey: its answers and respondent groups, and the labels of the
     * usefulness table's totals and headline shares.
     */
    public record TrafficSettings(List<SurveyCategory> answers, List<SurveyCategory> respondentGroups,
                                  Label allAnswers, Label allRespondents, Label usefulOfAll, Label usefulOfOpinions) {
        public TrafficSettings {
            answers = List.copyOf(answers);
            respondentGroups = List.copyOf(respondentGroups);
        }
    }

    /**
     * How the output is served: the SQL endpoint's address and HiveServer2 settings (e.g. authentication), and the
     * quarterly report's default language, optional area map (GeoJSON, with the area code in {@code mapCodeProperty})
     * and the labels of its headings and words in Finnish, Swedish and English.
     */
    public record ServingSettings(String sqlHost, int sqlPort, Map<String, String> sqlServerSettings,
                                  String reportLanguage, Path reportMap, String mapCodeProperty, Path reportTemplates,
                                  Map<String, Label> reportLabels, CodeLabels codeLabels,
                                  Map<String, List<Label>> attributions) {
        public ServingSettings {
            sqlServerSettings = Map.copyOf(sqlServerSettings);
            reportLabels = Map.copyOf(reportLabels);
            attributions = Map.copyOf(attributions);
        }

        /** The report label {@code key}; every key the report uses is in conf/report.conf. */
        public Label label(String key) {
            Label l = reportLabels.get(key);
            if (l == null) {
                throw new IllegalStateException("conf/report.conf has no tilannekuva.report.labels." + key);
            }
            return l;
        }
    }

    public AppConfig withPaths(Path newInput, Path newWarehouse) {
        Locations l = new Locations(newInput == null ? locations.input() : newInput,
                newWarehouse == null ? locations.warehouse() : newWarehouse);
        return new AppConfig(l, spark, methods, sources, catalogue, quality, serving, digest);
    }

    public AppConfig withMaster(String master) {
        if (master == null) {
            return this;
        }
        SparkSettings s = new SparkSettings(master, spark.appName(), spark.settings(), spark.parallelSources(),
                spark.compiledFromBytes(), spark.judgedAgainFromBytes(), spark.optimisingCompilerFromBytes());
        return new AppConfig(locations, s, methods, sources, catalogue, quality, serving, digest);
    }
}
