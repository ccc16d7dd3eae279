package fi.tilannekuva.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds;

import java.io.StringWriter;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The quarterly report as one self-contained HTML page in Finnish, Swedish or English: the headline measures by
 * area, the areas needing attention, a profile of each area (spine charts against the country, the best and the
 * worst area), per headline measure a chart of the areas with intervals, a map and the areas' trends, freshness
 * warnings and the catalogue's definitions. This class works out what the page shows; the page's HTML comes from
 * the Mustache templates in {@code report/} (or {@code tilannekuva.report.templates}), which escape every value.
 * Words come from {@code conf/report.conf}, code labels from {@code conf/labels.conf}, names from the catalogue
 * and the area table.
 */
public final class QuarterlyReport {

    /** Colours by assessment (polarity applied), colour-blind safe (Okabe–Ito). */
    private static final Map<String, String> ASSESSMENT_COLOURS = new LinkedHashMap<>();
    /** Colours by significance, for measures that are neither better nor worse when higher (funding, costs). */
    private static final Map<String, String> SIGNIFICANCE_COLOURS = new LinkedHashMap<>();
    private static final String NOT_COMPARED_COLOUR = "#f0f0f0";
    private static final String TEMPLATE = "quarterly.mustache";

    static {
        ASSESSMENT_COLOURS.put("much_better", "#0072b2");
        ASSESSMENT_COLOURS.put("better", "#56b4e9");
        ASSESSMENT_COLOURS.put("similar", "#c8c8c8");
        ASSESSMENT_COLOURS.put("worse", "#e69f00");
        ASSESSMENT_COLOURS.put("much_worse", "#d55e00");
        SIGNIFICANCE_COLOURS.put("much_higher", "#54278f");
        SIGNIFICANCE_COLOURS.put("higher", "#9e9ac8");
        SIGNIFICANCE_COLOURS.put("similar", "#c8c8c8");
        SIGNIFICANCE_COLOURS.put("lower", "#a1d99b");
        SIGNIFICANCE_COLOURS.put("much_lower", "#238b45");
    }

    private final ReportData data;
    private final String lang;
    private final AppConfig.ServingSettings labels;
    private final AreaMap map;
    private final NumberFormat numbers;
    private final Map<String, Map<String, Object>> areas = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> pictureByArea = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> comparisonByKey = new HashMap<>();
    /** Why figures are missing or partial, in the order met: code → footnote marker. */
    private final Map<String, String> reasons = new LinkedHashMap<>();
    /** The legend's colours that the page uses. */
    private final Set<String> coloursUsed = new LinkedHashSet<>();

    private QuarterlyReport(ReportData data, String lang, AppConfig.ServingSettings labels, AreaMap map) {
        this.data = data;
        this.lang = lang;
        this.labels = labels;
        this.map = map;
        this.numbers = NumberFormat.getNumberInstance(locale(lang));
        data.areas().stream().sorted(Comparator.comparing(a -> (Integer) a.get("sort_order")))
                .forEach(a -> areas.put((String) a.get("area_code"), a));
        data.picture().forEach(p -> pictureByArea.put((String) p.get("area_code"), p));
        data.comparison().forEach(c -> comparisonByKey.put(c.get("measure_id") + "|" + c.get("area_code") + "|" + c.get("period"), c));
    }

    /**
     * The report's HTML from the templates in {@code templates} (null: the ones shipped in the jar). {@code map} may
     * be null; {@code producedAt} and {@code codeVersion} go to the footer.
     */
    public static String html(ReportData data, String lang, AppConfig.ServingSettings labels, AreaMap map,
                              String producedAt, String codeVersion, Path templates) {
        Map<String, Object> page = new QuarterlyReport(data, lang, labels, map).page(producedAt, codeVersion);
        MustacheFactory factory = templates == null ? new DefaultMustacheFactory("report")
                : new DefaultMustacheFactory(templates.toFile());
        Mustache template = factory.compile(TEMPLATE);
        StringWriter out = new StringWriter();
        template.execute(out, page);
        return out.toString();
    }

    static Locale locale(String lang) {
        return switch (lang) {
            case "sv" -> Locale.forLanguageTag("sv-FI");
            case "en" -> Locale.forLanguageTag("en-GB");
            default -> Locale.forLanguageTag("fi-FI");
        };
    }

    private Map<String, Object> page(String producedAt, String codeVersion) {
        List<Map<String, Object>> headline = data.headlineMeasures();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lang", lang);
        p.put("title", t("title"));
        p.put("quarter", t("quarter", data.quarter()));
        p.put("pageTitle", t("title") + " " + data.quarter());
        p.put("release", data.releaseId() == null ? null
                : t("release", data.releaseId(), data.publishedAt().toString().substring(0, 10)));
        p.put("draft", data.releaseId() == null ? t("draft") : null);
        p.put("words", words());
        List<Map<String, Object>> contents = new ArrayList<>();
        contents.add(link("headline", t("headline")));
        contents.add(link("attention", t("attention")));
        contents.add(link("profiles", t("profiles")));
        headline.forEach(m -> contents.add(link("m-" + m.get("measure_id"), name(m))));
        contents.add(link("freshness", t("freshness")));
        contents.add(link("definitions", t("definitions")));
        p.put("contents", contents);
        p.put("areaLinks", areaCodes().stream().map(a -> link("a-" + a, areaName(a))).toList());
        // The headline table first: it decides which reasons get which footnote marker.
        p.put("headline", headlineTable(headline));
        p.put("attention", attention());
        p.put("profiles", profiles(headline));
        p.put("measures", headline.stream().map(this::measureSection).toList());
        p.put("freshness", freshness(headline));
        p.put("definitions", definitions());
        p.put("anyReasons", !reasons.isEmpty());
        p.put("reasons", reasons.entrySet().stream().map(e -> Map.of("marker", e.getValue(), "text", reasonText(e.getKey()))).toList());
        p.put("legend", legend(headline));
        p.put("licence", t("licence-text"));
        p.put("generated", t("generated", producedAt, codeVersion));
        return p;
    }

    private Map<String, String> words() {
        Map<String, String> w = new HashMap<>();
        for (String k : List.of("contents", "headline", "headline-note", "area", "attention", "attention-note",
                "attention-none", "measures", "period", "value", "trend", "profiles", "profiles-note", "interval",
                "country", "worst", "best", "assessment", "why-missing", "back-to-top", "freshness", "freshness-note",
                "freshness-none", "latest-period", "areas-stale", "age-months", "definitions", "sources-licences",
                "unit", "source", "method", "update-cycle", "legend-arrows", "spine-legend")) {
            w.put(k.replace("-", "_"), t(k));
        }
        return w;
    }

    private Map<String, Object> headlineTable(List<Map<String, Object>> headline) {
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Map<String, Object> m : headline) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("anchor", "m-" + m.get("measure_id"));
            c.put("name", name(m));
            c.put("unit", text(m, "unit"));
            c.put("period", country == null ? "" : Objects.toString(country.get(m.get("measure_id") + "_period"), ""));
            columns.add(c);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> order = new ArrayList<>();
        order.add(Area.COUNTRY);
        order.addAll(areaCodes());
        for (String code : order) {
            Map<String, Object> p = pictureByArea.get(code);
            if (p == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("country", code.equals(Area.COUNTRY));
            row.put("area", areaName(code));
            row.put("anchor", code.equals(Area.COUNTRY) ? null : "a-" + code);
            List<Map<String, Object>> cells = new ArrayList<>();
            for (Map<String, Object> m : headline) {
                cells.add(cell(m, code, p));
            }
            row.put("cells", cells);
            rows.add(row);
        }
        return Map.of("columns", columns, "rows", rows);
    }

    private Map<String, Object> cell(Map<String, Object> m, String code, Map<String, Object> p) {
        String id = (String) m.get("measure_id");
        Double value = (Double) p.get(id + "_value");
        String assessment = (String) p.get(id + "_assessment");
        String significance = (String) p.get(id + "_significance");
        List<String> tip = new ArrayList<>();
        tip.add(label("assessment", assessment));
        Map<String, Object> arrow = arrow(m, (String) p.get(id + "_trend"));
        if (arrow != null) {
            tip.add(t("trend") + ": " + arrow.get("words"));
        }
        if (p.get(id + "_index") != null) {
            tip.add((isAdjusted(m) ? t("needs-adjusted-index") : t("index")) + " " + fixed((Double) p.get(id + "_index"), 1));
        }
        if (p.get(id + "_change") != null) {
            tip.add(t("change") + " " + signed(m, (Double) p.get(id + "_change")));
        }
        if (p.get(id + "_note") != null) {
            tip.add((String) p.get(id + "_note"));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        String colour = code.equals(Area.COUNTRY) ? "#ffffff" : colour(assessment, significance);
        if (!code.equals(Area.COUNTRY)) {
            coloursUsed.add(colour);
        }
        c.put("background", colour);
        c.put("title", String.join(" · ", tip));
        c.put("text", value == null ? "–" : number(m, value));
        c.put("missing", value == null);
        c.put("marker", marker(reason(id, code, (String) p.get(id + "_period"), value)));
        c.put("arrow", arrow);
        return c;
    }

    /** Why the figure is missing or not compared, as a code of {@code labels}; null when it is a whole figure. */
    private String reason(String measure, String area, String period, Double value) {
        Map<String, Object> c = comparisonByKey.get(measure + "|" + area + "|" + period);
        if (c != null && Boolean.TRUE.equals(c.get("partial_period")) && value != null) {
            return "coverage/partial_period";
        }
        if (value != null) {
            return null;
        }
        Object code = c == null ? null : c.get("no_data_code");
        return "no_data/" + (code == null ? "no_data" : code);
    }

    private String marker(String reason) {
        if (reason == null) {
            return null;
        }
        return reasons.computeIfAbsent(reason, r -> String.valueOf((char) ('a' + reasons.size())));
    }

    private String reasonText(String reason) {
        String[] parts = reason.split("/", 2);
        return label(parts[0], parts[1]);
    }

    private Map<String, Object> attention() {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        data.catalogue().forEach(m -> byId.put((String) m.get("measure_id"), m));
        List<Map<String, Object>> rows = data.attention().stream()
                .sorted(Comparator.comparing((Map<String, Object> a) -> sortOrder((String) a.get("area_code")))
                        .thenComparing(a -> (String) a.get("measure_id"))).map(a -> {
                    Map<String, Object> m = byId.get(a.get("measure_id"));
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("area", areaName((String) a.get("area_code")));
                    r.put("measure", m == null ? a.get("measure_id") : name(m));
                    r.put("period", a.get("period"));
                    r.put("value", a.get("value") == null ? "–" : m == null ? number((Double) a.get("value"))
                            : number(m, (Double) a.get("value")));
                    r.put("assessment", label("assessment", (String) a.get("assessment")));
                    r.put("basis", label("attention_basis", (String) a.get("basis")));
                    return r;
                }).toList();
        return Map.of("rows", rows, "any", !rows.isEmpty());
    }

    private List<Map<String, Object>> profiles(List<Map<String, Object>> headline) {
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        // Every area's figure of each measure in order, for the spines' worst, best and quartiles.
        Map<String, List<Double>> sortedValues = new HashMap<>();
        for (Map<String, Object> m : headline) {
            String id = (String) m.get("measure_id");
            sortedValues.put(id, areaCodes().stream().map(pictureByArea::get).filter(Objects::nonNull)
                    .map(a -> (Double) a.get(id + "_value")).filter(Objects::nonNull).sorted().toList());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String code : areaCodes()) {
            Map<String, Object> p = pictureByArea.get(code);
            if (p == null) {
                continue;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> m : headline) {
                String id = (String) m.get("measure_id");
                Double value = (Double) p.get(id + "_value");
                Double national = country == null ? null : (Double) country.get(id + "_value");
                String period = (String) p.get(id + "_period");
                Map<String, Object> c = comparisonByKey.get(id + "|" + code + "|" + period);
                Double lower = c == null ? null : (Double) c.get("lower_95");
                Double upper = c == null ? null : (Double) c.get("upper_95");
                List<Double> all = sortedValues.get(id);
                Boolean higherIsBetter = (Boolean) m.get("higher_is_better");
                String assessment = (String) p.get(id + "_assessment");
                String colour = colour(assessment, (String) p.get(id + "_significance"));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("anchor", "m-" + id);
                r.put("measure", name(m));
                r.put("unit", text(m, "unit"));
                r.put("period", Objects.toString(period, ""));
                r.put("value", value == null ? "–" : number(m, value));
                r.put("marker", marker(reason(id, code, period, value)));
                r.put("interval", lower == null || upper == null ? "" : number(m, lower) + "–" + number(m, upper));
                r.put("country", national == null ? "–" : number(m, national));
                if (!all.isEmpty()) {
                    boolean ascending = higherIsBetter == null || higherIsBetter;
                    double worst = ascending ? all.get(0) : all.get(all.size() - 1);
                    double best = ascending ? all.get(all.size() - 1) : all.get(0);
                    r.put("worst", number(m, worst));
                    r.put("best", number(m, best));
                    if (national != null) {
                        r.put("spine", SvgCharts.spine(new SvgCharts.Spine(value, national, worst,
                                quantile(all, ascending ? 0.25 : 0.75), quantile(all, ascending ? 0.75 : 0.25), best, colour,
                                areaName(code) + ": " + (value == null ? t("no-figure") : number(m, value)) + " · "
                                        + t("country") + " " + number(m, national))));
                    }
                }
                r.put("assessment", label("assessment", assessment));
                r.put("colour", colour);
                Map<String, Object> arrow = arrow(m, (String) p.get(id + "_trend"));
                r.put("arrow", arrow);
                r.put("trend", arrow == null ? label("trend_assessment", "not_computed") : arrow.get("words"));
                rows.add(r);
            }
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("anchor", "a-" + code);
            profile.put("name", areaName(code));
            profile.put("rows", rows);
            out.add(profile);
        }
        return out;
    }

    /** The {@code q} quantile of sorted values, linear between order statistics. */
    static double quantile(List<Double> sorted, double q) {
        double pos = q * (sorted.size() - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.size() - 1);
        return sorted.get(i) + (pos - i) * (sorted.get(j) - sorted.get(i));
    }

    private Map<String, Object> measureSection(Map<String, Object> m) {
        String id = (String) m.get("measure_id");
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        String period = country == null ? null : (String) country.get(id + "_period");
        List<SvgCharts.Bar> bars = new ArrayList<>();
        Map<String, String> fill = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        boolean intervals = false;
        for (String code : areaCodes()) {
            Map<String, Object> p = pictureByArea.get(code);
            if (p == null) {
                continue;
            }
            Double value = (Double) p.get(id + "_value");
            Map<String, Object> c = comparisonByKey.get(id + "|" + code + "|" + p.get(id + "_period"));
            Double lower = c == null ? null : (Double) c.get("lower_95");
            Double upper = c == null ? null : (Double) c.get("upper_95");
            intervals |= lower != null && upper != null;
            String colour = colour((String) p.get(id + "_assessment"), (String) p.get(id + "_significance"));
            String why = reason(id, code, (String) p.get(id + "_period"), value);
            String tip = areaName(code) + ": " + (value == null ? reasonText(why)
                    : number(m, value) + (lower != null && upper != null ? " (" + number(m, lower) + "–" + number(m, upper) + ")" : "")
                    + ", " + label("assessment", (String) p.get(id + "_assessment")));
            bars.add(new SvgCharts.Bar(areaName(code), value, lower, upper, colour, tip));
            fill.put(code, value == null ? NOT_COMPARED_COLOUR : colour);
            titles.put(code, tip);
        }
        Double national = country == null ? null : (Double) country.get(id + "_value");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anchor", "m-" + id);
        s.put("name", name(m));
        s.put("definition", text(m, "definition"));
        s.put("meta", String.join(" · ", text(m, "unit"), t("data-period", period == null ? t("no-figure") : period),
                label("update_cycle", (String) m.get("update_cycle")), label("source", (String) m.get("source")),
                label("method", (String) m.get("method"))));
        s.put("bars", SvgCharts.bars(bars, national, areaName(Area.COUNTRY), t("no-figure"),
                name(m) + " " + Objects.toString(period, ""), v -> number(m, v)));
        s.put("barsNote", t(intervals ? "chart-note" : "chart-note-no-interval"));
        s.put("map", map == null ? null : map.svg(fill, titles, name(m) + " " + Objects.toString(period, "")));
        s.put("mapNote", t("map-note"));
        s.putAll(trends(m, id));
        return s;
    }

    /** The country's series, and each area's as a small multiple on one shared axis, with intervals. */
    private Map<String, Object> trends(Map<String, Object> m, String id) {
        Map<String, List<Map<String, Object>>> byArea = new TreeMap<>();
        data.comparison().stream().filter(c -> id.equals(c.get("measure_id")))
                .forEach(c -> byArea.computeIfAbsent((String) c.get("area_code"), k -> new ArrayList<>()).add(c));
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        String shownPeriod = country == null ? null : (String) country.get(id + "_period");
        boolean yearly = shownPeriod != null && shownPeriod.length() == 4;
        List<String> periods = data.comparison().stream().filter(c -> id.equals(c.get("measure_id")))
                .map(c -> (String) c.get("period")).filter(p -> p.length() == (yearly ? 4 : 6))
                .filter(p -> shownPeriod == null || p.compareTo(shownPeriod) <= 0).distinct().sorted().toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trendNote", t("trend-note"));
        if (periods.size() < 2) {
            out.put("trendOnePeriod", t("trend-one-period"));
            return out;
        }
        Map<String, List<SvgCharts.Point>> series = new LinkedHashMap<>();
        List<Double> extent = new ArrayList<>();
        for (String code : byArea.keySet()) {
            Map<String, Map<String, Object>> byPeriod = new HashMap<>();
            byArea.get(code).forEach(c -> byPeriod.put((String) c.get("period"), c));
            List<SvgCharts.Point> points = new ArrayList<>();
            for (String period : periods) {
                Map<String, Object> c = byPeriod.get(period);
                Double v = c == null ? null : figure(m, c);
                Double lo = c == null || v == null ? null : (Double) c.get("lower_95");
                Double hi = c == null || v == null ? null : (Double) c.get("upper_95");
                points.add(new SvgCharts.Point(period, v, lo, hi));
                for (Double d : new Double[]{v, lo, hi}) {
                    if (d != null) {
                        extent.add(d);
                    }
                }
            }
            series.put(code, points);
        }
        SvgCharts.Axis axis = SvgCharts.seriesAxis(extent);
        List<SvgCharts.Point> national = series.get(Area.COUNTRY);
        out.put("countryTrend", SvgCharts.series(national == null ? List.of() : national, null, axis, 520, 200,
                name(m) + ": " + areaName(Area.COUNTRY), true, v -> number(m, v)));
        List<Map<String, Object>> multiples = new ArrayList<>();
        for (String code : areaCodes()) {
            if (!series.containsKey(code)) {
                continue;
            }
            multiples.add(Map.of("area", areaName(code), "svg", SvgCharts.series(series.get(code), national, axis, 190, 110,
                    name(m) + ": " + areaName(code), false, v -> number(m, v))));
        }
        out.put("multiples", multiples);
        out.put("hasMultiples", !multiples.isEmpty());
        return out;
    }

    private Map<String, Object> freshness(List<Map<String, Object>> headline) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> m : headline) {
            String id = (String) m.get("measure_id");
            List<Map<String, Object>> stale = data.freshness().stream().filter(f -> id.equals(f.get("measure_id"))
                    && Boolean.TRUE.equals(f.get("stale")) && !Area.COUNTRY.equals(f.get("area_code")))
                    .sorted(Comparator.comparing(f -> sortOrder((String) f.get("area_code")))).toList();
            if (stale.isEmpty()) {
                continue;
            }
            List<String> names = stale.stream().map(f -> areaName((String) f.get("area_code"))
                    + " (" + Objects.toString(f.get("latest_period"), "–") + ")").toList();
            Map<String, Object> first = stale.get(0);
            rows.add(Map.of("measure", name(m), "areas", String.join(", ", names),
                    "age", Objects.toString(first.get("age_months"), "–") + " / " + Objects.toString(first.get("freshness_limit_months"), "–")));
        }
        Map<String, Long> warned = new TreeMap<>();
        for (Map<String, Object> f : data.freshness()) {
            Object n = f.get("checks_warned");
            if (n != null && ((Number) n).longValue() > 0) {
                warned.merge((String) f.get("source"), ((Number) n).longValue(), Math::max);
            }
        }
        List<String> parts = new ArrayList<>();
        warned.forEach((s, n) -> parts.add(label("source", s) + " " + n));
        Map<String, Object> out = new HashMap<>();
        out.put("rows", rows);
        out.put("any", !rows.isEmpty());
        out.put("checks", parts.isEmpty() ? null : t("checks-warned") + ": " + String.join("; ", parts));
        return out;
    }

    private List<Map<String, Object>> definitions() {
        return data.catalogue().stream().sorted(Comparator.comparing((Map<String, Object> m) -> !Boolean.TRUE.equals(m.get("headline")))
                .thenComparing(m -> (Integer) m.get("position"))).map(m -> Map.<String, Object>of(
                "anchor", "d-" + m.get("measure_id"), "name", name(m), "definition", text(m, "definition"),
                "unit", text(m, "unit"), "source", label("source", (String) m.get("source")),
                "method", label("method", (String) m.get("method")),
                "cycle", label("update_cycle", (String) m.get("update_cycle")))).toList();
    }

    private Map<String, Object> legend(List<Map<String, Object>> headline) {
        List<Map<String, Object>> colours = new ArrayList<>();
        ASSESSMENT_COLOURS.forEach((k, c) -> {
            if (coloursUsed.contains(c)) {
                colours.add(Map.of("colour", c, "text", label("assessment", k)));
            }
        });
        SIGNIFICANCE_COLOURS.forEach((k, c) -> {
            if (coloursUsed.contains(c) && !k.equals("similar")) {
                colours.add(Map.of("colour", c, "text", label("significance", k)));
            }
        });
        if (coloursUsed.contains(NOT_COMPARED_COLOUR)) {
            colours.add(Map.of("colour", NOT_COMPARED_COLOUR, "text", label("assessment", "not_compared")));
        }
        List<Map<String, Object>> arrows = List.of(
                Map.of("symbol", "↑", "text", t("direction-up")), Map.of("symbol", "↓", "text", t("direction-down")),
                Map.of("symbol", "→", "text", t("direction-flat")),
                Map.of("symbol", "↑", "css", "better", "text", label("trend_assessment", "improving")),
                Map.of("symbol", "↑", "css", "worse", "text", label("trend_assessment", "worsening")));
        return Map.of("colours", colours, "arrows", arrows);
    }

    /**
     * The trend's arrow: its direction is the value's (up, down, flat), its colour better or worse by the
     * measure's polarity. Null when no trend was computed.
     */
    Map<String, Object> arrow(Map<String, Object> measure, String trendAssessment) {
        String direction = direction(trendAssessment, (Boolean) measure.get("higher_is_better"));
        if (direction == null) {
            return null;
        }
        String css = switch (trendAssessment) {
            case "improving" -> "better";
            case "worsening" -> "worse";
            default -> "neutral";
        };
        String symbol = switch (direction) {
            case "up" -> "↑";
            case "down" -> "↓";
            default -> "→";
        };
        String words = t("direction-" + direction) + (css.equals("neutral") ? "" : ", " + label("trend_assessment", trendAssessment));
        return Map.of("symbol", symbol, "direction", direction, "css", css, "words", words);
    }

    /** up, down or flat: which way the value moves, given the trend read by polarity; null when not computed. */
    static String direction(String trendAssessment, Boolean higherIsBetter) {
        if (trendAssessment == null) {
            return null;
        }
        return switch (trendAssessment) {
            case "improving" -> higherIsBetter == null || higherIsBetter ? "up" : "down";
            case "worsening" -> higherIsBetter == null || higherIsBetter ? "down" : "up";
            case "increasing" -> "up";
            case "decreasing" -> "down";
            case "stable", "no_significant_change" -> "flat";
            default -> null;
        };
    }

    /** The figure the picture shows: the standardised rate where the measure is standardised. */
    static Double figure(Map<String, Object> measure, Map<String, Object> comparison) {
        return MeasureKinds.Method.STANDARDISED_RATE.code().equals(measure.get("method")) ? (Double) comparison.get("standardised_value")
                : (Double) comparison.get("value");
    }

    static String colour(String assessment, String significance) {
        if (assessment != null && ASSESSMENT_COLOURS.containsKey(assessment)) {
            return ASSESSMENT_COLOURS.get(assessment);
        }
        if ("not_assessed".equals(assessment) && significance != null && SIGNIFICANCE_COLOURS.containsKey(significance)) {
            return SIGNIFICANCE_COLOURS.get(significance);
        }
        return NOT_COMPARED_COLOUR;
    }

    private static boolean isAdjusted(Map<String, Object> m) {
        return !MeasureKinds.NeedsAdjustment.NONE.code().equals(m.get("needs_adjustment"));
    }

    private List<String> areaCodes() {
        return areas.keySet().stream().filter(a -> !a.equals(Area.COUNTRY)).toList();
    }

    /** A measure's figure with the catalogue's decimals for it. */
    String number(Map<String, Object> measure, double v) {
        Object d = measure.get("decimals");
        return d == null ? number(v) : fixed(v, ((Number) d).intValue());
    }

    private String fixed(double v, int digits) {
        return fixed(numbers, v, digits);
    }

    /** {@code v} with exactly {@code digits} decimals, rounded half up as statistical tables are. */
    private static String fixed(NumberFormat format, double v, int digits) {
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(v);
    }

    String number(double v) {
        return number(numbers, v);
    }

    /**
     * Without a catalogue's decimals: whole numbers from 100 up, one decimal from 10, two below, rounded half up as
     * statistical tables are, in the language's own separators.
     */
    static String number(NumberFormat format, double v) {
        double a = Math.abs(v);
        return fixed(format, v, a >= 100 ? 0 : a >= 10 ? 1 : 2);
    }

    private String signed(Map<String, Object> m, double v) {
        return (v > 0 ? "+" : "") + number(m, v);
    }

    private String name(Map<String, Object> measure) {
        return text(measure, "name");
    }

    private String text(Map<String, Object> row, String field) {
        return Objects.toString(row.get(field + "_" + lang), "");
    }

    private String areaName(String code) {
        Map<String, Object> a = areas.get(code);
        return a == null ? code : text(a, "name");
    }

    private int sortOrder(String code) {
        Map<String, Object> a = areas.get(code);
        return a == null ? Integer.MAX_VALUE : (Integer) a.get("sort_order");
    }

    /** A code's label in the page's language ({@code conf/labels.conf}); empty for no code. */
    private String label(String list, String code) {
        if (code == null) {
            return "";
        }
        return pick(labels.codeLabels().label(list, code));
    }

    private String t(String key, String... args) {
        String s = pick(labels.label(key));
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", args[i]);
        }
        return s;
    }

    private String pick(AppConfig.Label l) {
        return l.in(lang);
    }

    private static Map<String, Object> link(String anchor, String text) {
        return Map.of("anchor", anchor, "text", text);
    }
}
