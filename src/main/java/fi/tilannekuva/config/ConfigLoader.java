package fi.tilannekuva.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code conf/application.conf} (packaged on the classpath), an optional overlay file, and the
 * {@code TILANNEKUVA_*} environment substitutions, into one {@link AppConfig}. The only place that reads
 * configuration; a wrong or missing setting is an error naming the key.
 */
public final class ConfigLoader {

    private static final String ROOT = "tilannekuva";

    private ConfigLoader() {
    }

    /** The packaged defaults, overlaid by {@code overlay} when given. */
    public static AppConfig load(Path overlay) {
        // Parsed explicitly rather than with ConfigFactory.load(), whose -Dconfig.file would replace the
        // defaults instead of overlaying them.
        Config merged = ConfigFactory.parseResourcesAnySyntax("application");
        if (overlay != null) {
            if (!Files.isRegularFile(overlay)) {
                throw new ConfigException.Generic("configuration file " + overlay + " does not exist");
            }
            merged = ConfigFactory.parseFile(overlay.toFile()).withFallback(merged);
        }
        return fromConfig(merged.resolve());
    }

    public static AppConfig fromConfig(Config root) {
        Config c = root.getConfig(ROOT);
        Config spark = c.getConfig("spark");
        Map<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : spark.getObject("settings").entrySet()) {
            settings.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));
        }
        Map<String, List<RowRule>> rules = new LinkedHashMap<>();
        for (String source : c.getObject("rules").keySet()) {
            List<RowRule> list = new ArrayList<>();
            for (Config r : c.getConfigList("rules." + source)) {
                String where = "tilannekuva.rules." + source;
                if (r.hasPath("key")) {
                    String keep = r.hasPath("keep") ? r.getString("keep") : "last";
                    if (!keep.equals("first") && !keep.equals("last")) {
                        throw new IllegalArgumentException(where + ": keep must be first or last, was '" + keep + "'");
                    }
                    list.add(RowRule.naturalKey(r.getStringList("key"), RowRule.Keep.valueOf(keep.toUpperCase())));
                    continue;
                }
                list.add(new RowRule(r.getString("name"), r.getString("expect"),
                        RowRule.Action.parse(r.getString("action"), where),
                        r.getString("message"), r.hasPath("final") && r.getBoolean("final")));
            }
            rules.put(source, list);
        }
        List<Area> areas = new ArrayList<>();
        for (Config a : c.getConfigList("areas")) {
            areas.add(new Area(a.getString("code"), AreaKind.valueOf(a.getString("kind").toUpperCase()),
                    a.getString("fi"), a.getString("sv"), a.getString("en"),
                    a.hasPath("short") ? a.getStringList("short") : List.of(),
                    a.hasPath("sotkanet") ? a.getInt("sotkanet") : null,
                    a.hasPath("sotkanet-old") ? a.getInt("sotkanet-old") : null,
                    a.getBoolean("funded")));
        }
        List<AppConfig.Measure> measures = measures(c);
        Config vis = c.getConfig("visits");
        Config fund = c.getConfig("funding");
        Map<Integer, List<Integer>> coefficientYears = new TreeMap<>();
        for (String year : fund.getObject("coefficient-years").keySet()) {
            coefficientYears.put(Integer.parseInt(unquote(year)), fund.getIntList("coefficient-years.\"" + unquote(year) + "\""));
        }
        Map<String, String> needCriteria = new TreeMap<>();
        fund.getObject("need-criteria").forEach((k, v) -> needCriteria.put(unquote(k), String.valueOf(v.unwrapped())));
        return new AppConfig(
                new AppConfig.Locations(Path.of(c.getString("input")), Path.of(c.getString("warehouse"))),
                new AppConfig.SparkSettings(spark.getString("master"), spark.getString("app-name"), settings,
                        spark.getInt("parallel-sources"), spark.getBytes("compiled-from"),
                        spark.getBytes("judged-again-from"), spark.getBytes("optimising-compiler-from")),
                new AppConfig.Methods(new AppConfig.PopulationRule(c.getInt("population.year-offset"),
                        c.getBoolean("population.fall-back-to-latest")),
                        new AppConfig.SuppressionRule(c.getInt("suppression.min-count"), c.getBoolean("suppression.secondary")),
                        StandardPopulationKind.parse(c.getString("standardisation.standard"))),
                new AppConfig.SourceSettings(new AppConfig.VisitsSettings(vis.getStringList("followed-codes").stream()
                        .map(s -> s.trim().toUpperCase()).toList(),
                        vis.getString("datetime-pattern"), vis.getInt("own-visitor-group"),
                        java.time.LocalDate.parse(vis.getString("codes-in-use-from"))),
                new AppConfig.FundingSettings(fund.getDouble("total-weights.health"),
                        fund.getDouble("total-weights.social"), fund.getDouble("total-weights.elderly"),
                        coefficientYears, fund.getIntList("default-lag"), fund.getInt("population-year-offset"),
                        fund.getInt("cost-population-year-offset"),
                        fund.getDouble("reconciliation-tolerance-eur"), needCriteria),
                new AppConfig.IndicatorSettings(c.getConfigList("indicators.followed").stream()
                        .map(i -> followed(i, measures)).toList()),
                new AppConfig.TrafficSettings(categories(c, "traffic.survey-answers"),
                        categories(c, "traffic.respondent-groups"), label(c, "traffic.labels.all-answers"),
                        label(c, "traffic.labels.all-respondents"), label(c, "traffic.labels.useful-of-all"),
                        label(c, "traffic.labels.useful-of-opinions")), rules),
                new AppConfig.Catalogue(measures, areas), quality(c), serving(c), digest(c));
    }

    private static AppConfig.ServingSettings serving(Config c) {
        Map<String, String> server = new TreeMap<>();
        c.getObject("sql.server-settings").forEach((k, v) -> server.put(unquote(k), String.valueOf(v.unwrapped())));
        Map<String, AppConfig.Label> labels = new TreeMap<>();
        for (String key : c.getObject("report.labels").keySet()) {
            labels.put(key, label(c, "report.labels." + key));
        }
        int port = c.getInt("sql.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException.BadValue(c.origin(), "sql.port", "tilannekuva.sql.port must be 0-65535, was " + port);
        }
        return new AppConfig.ServingSettings(c.getString("sql.host"), port, server,
                oneOf(c, "report.language", "tilannekuva.report", "fi", "sv", "en"),
                c.hasPath("report.map") ? Path.of(c.getString("report.map")) : null,
                c.getString("report.map-code-property"),
                c.hasPath("report.templates") ? Path.of(c.getString("report.templates")) : null, labels, codeLabels(c),
                attributions(c));
    }

    /** Code lists and codes in the order conf/labels.conf writes them (a config object keeps no order of its own). */
    private static AppConfig.CodeLabels codeLabels(Config c) {
        Map<String, Map<String, AppConfig.Label>> lists = new LinkedHashMap<>();
        ConfigObject root = c.getObject("labels");
        for (String list : byLine(root)) {
            ConfigObject codes = (ConfigObject) root.get(list);
            Map<String, AppConfig.Label> labels = new LinkedHashMap<>();
            for (String code : byLine(codes)) {
                Config l = ((ConfigObject) codes.get(code)).toConfig();
                labels.put(code, new AppConfig.Label(l.getString("fi"), l.getString("sv"), l.getString("en")));
            }
            lists.put(list, labels);
        }
        return new AppConfig.CodeLabels(lists);
    }

    private static List<String> byLine(ConfigObject o) {
        return o.keySet().stream().sorted(Comparator.comparingInt((String k) -> o.get(k).origin().lineNumber())
                .thenComparing(k -> k)).toList();
    }

    private static List<AppConfig.Measure> measures(Config c) {
        List<AppConfig.Measure> list = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Config m : c.getConfigList("measures")) {
            String id = m.getString("id");
            String where = "tilannekuva.measures (" + id + ")";
            if (!ids.add(id)) {
                throw new ConfigException.Generic(where + ": the id is listed twice");
            }
            Boolean higherIsBetter = switch (m.getString("polarity")) {
                case "higher-is-better" -> Boolean.TRUE;
                case "lower-is-better" -> Boolean.FALSE;
                case "neutral" -> null;
                default -> throw new ConfigException.BadValue(m.origin(), "polarity",
                        where + ": polarity must be higher-is-better, lower-is-better or neutral");
            };
            list.add(new AppConfig.Measure(id, m.getString("source"), m.getBoolean("headline"),
                    label(m, "name"), label(m, "definition"), label(m, "unit"), higherIsBetter,
                    kind(m, "method", where, MeasureKinds.Method.class),
                    kind(m, "interval", where, MeasureKinds.Interval.class), m.getDouble("multiplier"),
                    kind(m, "needs-adjustment", where, MeasureKinds.NeedsAdjustment.class),
                    kind(m, "update-cycle", where, MeasureKinds.UpdateCycle.class), m.getInt("freshness-limit-months"),
                    decimals(m, where)));
        }
        return list;
    }

    private static int decimals(Config m, String where) {
        int d = m.getInt("decimals");
        if (d < 0 || d > 6) {
            throw new ConfigException.BadValue(m.origin(), "decimals", where + ": decimals must be 0 to 6, not " + d);
        }
        return d;
    }

    private static AppConfig.QualitySettings quality(Config c) {
        Config checks = c.getConfig("checks");
        AppConfig.FileThresholds defaults = thresholds(checks.getConfig("default"), null);
        Map<String, AppConfig.FileThresholds> bySource = new TreeMap<>();
        for (String source : checks.getObject("by-source").keySet()) {
            bySource.put(source, thresholds(checks.getConfig("by-source." + source), defaults));
        }
        List<AppConfig.CoverageRule> coverage = new ArrayList<>();
        for (Config r : checks.getConfigList("coverage")) {
            coverage.add(new AppConfig.CoverageRule(r.getString("source"), r.getString("period-column"),
                    oneOf(r, "areas", "tilannekuva.checks.coverage", "funded", "all"),
                    oneOf(r, "action", "tilannekuva.checks.coverage", "warn", "fail")));
        }
        return new AppConfig.QualitySettings(defaults, bySource, coverage, checks.getInt("min-rows-for-share"),
                oneOf(checks, "unknown-input-files", "tilannekuva.checks", "list", "fail").equals("fail"));
    }

    /** Thresholds from {@code t}, missing keys from {@code fallback}. */
    private static AppConfig.FileThresholds thresholds(Config t, AppConfig.FileThresholds fallback) {
        double warn = t.hasPath("warn-quarantine-share") || fallback == null ? t.getDouble("warn-quarantine-share") : fallback.warnQuarantineShare();
        double fail = t.hasPath("fail-quarantine-share") || fallback == null ? t.getDouble("fail-quarantine-share") : fallback.failQuarantineShare();
        double change = t.hasPath("max-row-count-change") || fallback == null ? t.getDouble("max-row-count-change") : fallback.maxRowChange();
        String action = t.hasPath("row-count-change-action") || fallback == null
                ? oneOf(t, "row-count-change-action", "tilannekuva.checks", "warn", "fail") : fallback.rowChangeAction();
        if (warn > fail) {
            throw new ConfigException.BadValue(t.origin(), "warn-quarantine-share",
                    "tilannekuva.checks: warn-quarantine-share (" + warn + ") is above fail-quarantine-share (" + fail + ")");
        }
        return new AppConfig.FileThresholds(warn, fail, change, action);
    }

    private static <E extends Enum<E>> E kind(Config m, String key, String where, Class<E> kind) {
        return MeasureKinds.parse(kind, oneOf(m, key, where, MeasureKinds.codes(kind)));
    }

    private static String oneOf(Config m, String key, String where, String... allowed) {
        String value = m.getString(key);
        if (!List.of(allowed).contains(value)) {
            throw new ConfigException.BadValue(m.origin(), key, where + ": " + key + " must be one of "
                    + String.join(", ", allowed) + ", was " + value);
        }
        return value;
    }

    /** A followed indicator takes its polarity from the catalogue, which must list it with a direction. */
    private static AppConfig.FollowedIndicator followed(Config i, List<AppConfig.Measure> measures) {
        String measure = i.getString("measure");
        AppConfig.Measure entry = measures.stream().filter(m -> m.id().equals(measure)).findFirst()
                .orElseThrow(() -> new ConfigException.BadValue(i.origin(), "measure", "tilannekuva.indicators.followed: "
                        + measure + " is not in the measure catalogue (conf/measures.conf)"));
        if (entry.higherIsBetter() == null) {
            throw new ConfigException.BadValue(i.origin(), "measure", "the catalogue gives indicator measure "
                    + measure + " no polarity; ranks need one");
        }
        return new AppConfig.FollowedIndicator(i.getInt("id"), measure, entry.higherIsBetter(),
                i.hasPath("roll-up-municipalities") && i.getBoolean("roll-up-municipalities"));
    }

    /** Per source (and {@code shared}), who published its data and on what terms (conf/sources.conf). */
    private static Map<String, List<AppConfig.Label>> attributions(Config c) {
        Map<String, List<AppConfig.Label>> out = new TreeMap<>();
        for (String source : c.getObject("attributions").keySet()) {
            out.put(source, c.getConfigList("attributions." + source).stream()
                    .map(a -> new AppConfig.Label(a.getString("fi"), a.getString("sv"), a.getString("en"))).toList());
        }
        return out;
    }

    private static AppConfig.Label label(Config c, String path) {
        Config l = c.getConfig(path);
        return new AppConfig.Label(l.getString("fi"), l.getString("sv"), l.getString("en"));
    }

    private static List<AppConfig.SurveyCategory> categories(Config c, String path) {
        return c.getConfigList(path).stream()
                .map(a -> new AppConfig.SurveyCategory(a.getString("code"), a.getString("fi"), a.getString("sv"),
                        a.getString("en"), a.hasPath("useful") && a.getBoolean("useful"),
                        a.hasPath("no-opinion") && a.getBoolean("no-opinion")))
                .toList();
    }

    /** Spark keys contain dots, so HOCON keeps them quoted in the object's key set. */
    private static String unquote(String key) {
        return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    /** A short digest of the effective configuration, recorded with every run. */
    private static String digest(Config c) {
        String rendered = c.root().render(ConfigRenderOptions.concise().setJson(true));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
