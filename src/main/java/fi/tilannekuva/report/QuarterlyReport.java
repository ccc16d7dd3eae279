package fi.tilannekuva.report;

import fi.tilannekuva.area.Area;
import fi.tilannekuva.config.AppConfig;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
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
 * area, the areas needing attention, per headline measure a chart of the areas against the country with intervals,
 * a map and the trend, the data periods behind the figures, freshness warnings and the catalogue's definitions.
 * Words come from {@code conf/report.conf}, measure and area names from the catalogue and the area table.
 */
public final class QuarterlyReport {

    /** Colours by assessment (polarity applied), colour-blind safe (Okabe–Ito). */
    private static final Map<String, String> ASSESSMENT_COLOURS = new LinkedHashMap<>();
    /** Colours by significance, for measures that are neither better nor worse when higher (funding, costs). */
    private static final Map<String, String> SIGNIFICANCE_COLOURS = new LinkedHashMap<>();
    private static final String NOT_COMPARED_COLOUR = "#f0f0f0";

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

    private QuarterlyReport(ReportData data, String lang, AppConfig.ServingSettings labels, AreaMap map) {
        this.data = data;
        this.lang = lang;
        this.labels = labels;
        this.map = map;
        this.numbers = NumberFormat.getNumberInstance(locale(lang));
        data.areas().stream().sorted(Comparator.comparing(a -> (Integer) a.get("sort_order")))
                .forEach(a -> areas.put((String) a.get("area_code"), a));
        data.picture().forEach(p -> pictureByArea.put((String) p.get("area_code"), p));
    }

    /**
     * The report's HTML. {@code map} may be null (no GeoJSON configured); {@code produced} names the time and code
     * version for the footer.
     */
    public static String html(ReportData data, String lang, AppConfig.ServingSettings labels, AreaMap map,
                              String producedAt, String codeVersion) {
        return new QuarterlyReport(data, lang, labels, map).render(producedAt, codeVersion);
    }

    static Locale locale(String lang) {
        return switch (lang) {
            case "sv" -> Locale.forLanguageTag("sv-FI");
            case "en" -> Locale.forLanguageTag("en-GB");
            default -> Locale.forLanguageTag("fi-FI");
        };
    }

    private String render(String producedAt, String codeVersion) {
        List<Map<String, Object>> headline = data.headlineMeasures();
        StringBuilder h = new StringBuilder();
        String title = t("title") + " " + data.quarter();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(Html.text(t("title"))).append("</h1><p class=\"quarter\">")
                .append(Html.text(t("quarter", data.quarter()))).append("</p>");
        if (data.releaseId() != null) {
            h.append("<p class=\"release\">").append(Html.text(t("release", data.releaseId(),
                    data.publishedAt().toString().substring(0, 10)))).append("</p>");
        } else {
            h.append("<p class=\"draft\">").append(Html.text(t("draft"))).append("</p>");
        }
        h.append("</header>\n<nav><h2>").append(Html.text(t("contents"))).append("</h2><ol>");
        h.append(link("headline", t("headline"))).append(link("attention", t("attention")));
        for (Map<String, Object> m : headline) {
            h.append(link("m-" + m.get("measure_id"), name(m)));
        }
        h.append(link("freshness", t("freshness"))).append(link("definitions", t("definitions"))).append("</ol></nav>\n<main>\n");
        headlineTable(h, headline);
        attention(h);
        for (Map<String, Object> m : headline) {
            measureSection(h, m);
        }
        freshness(h, headline);
        definitions(h);
        h.append("</main>\n<footer><h2>").append(Html.text(t("sources-licences"))).append("</h2><p>")
                .append(Html.text(t("licence-text"))).append("</p><p class=\"produced\">")
                .append(Html.text(t("generated", producedAt, codeVersion))).append("</p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void headlineTable(StringBuilder h, List<Map<String, Object>> headline) {
        h.append("<section id=\"headline\"><h2>").append(Html.text(t("headline"))).append("</h2><p class=\"note\">")
                .append(Html.text(t("headline-note"))).append("</p>");
        legend(h, headline);
        h.append("<div class=\"scroll\"><table class=\"picture\"><colgroup><col class=\"area\">");
        headline.forEach(m -> h.append("<col>"));
        h.append("</colgroup><thead><tr><th scope=\"col\">")
                .append(Html.text(t("area"))).append("</th>");
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        for (Map<String, Object> m : headline) {
            h.append("<th scope=\"col\"><a href=\"#m-").append(m.get("measure_id")).append("\">")
                    .append(Html.text(name(m))).append("</a><span class=\"unit\">").append(Html.text(text(m, "unit")))
                    .append("</span><span class=\"period\">")
                    .append(Html.text(country == null ? "" : Objects.toString(country.get(m.get("measure_id") + "_period"), "")))
                    .append("</span></th>");
        }
        h.append("</tr></thead><tbody>");
        List<String> order = new ArrayList<>();
        order.add(Area.COUNTRY);
        areas.keySet().stream().filter(a -> !a.equals(Area.COUNTRY)).forEach(order::add);
        for (String code : order) {
            Map<String, Object> p = pictureByArea.get(code);
            if (p == null) {
                continue;
            }
            h.append(code.equals(Area.COUNTRY) ? "<tr class=\"country\">" : "<tr>").append("<th scope=\"row\">")
                    .append(Html.text(areaName(code))).append("</th>");
            for (Map<String, Object> m : headline) {
                String id = (String) m.get("measure_id");
                Double value = (Double) p.get(id + "_value");
                String assessment = (String) p.get(id + "_assessment");
                String significance = (String) p.get(id + "_significance");
                String trend = (String) p.get(id + "_trend");
                List<String> tip = new ArrayList<>();
                tip.add(word(assessment));
                tip.add(t("trend") + ": " + word(trend));
                if (p.get(id + "_index") != null) {
                    tip.add((isAdjusted(m) ? t("needs-adjusted-index") : t("index")) + " " + number((Double) p.get(id + "_index")));
                }
                if (p.get(id + "_change") != null) {
                    tip.add(t("change") + " " + signed((Double) p.get(id + "_change")));
                }
                if (p.get(id + "_note") != null) {
                    tip.add((String) p.get(id + "_note"));
                }
                h.append("<td style=\"background:").append(code.equals(Area.COUNTRY) ? "#ffffff" : colour(assessment, significance))
                        .append("\" title=\"").append(Html.attr(String.join(" · ", tip))).append("\">")
                        .append(value == null ? "<span class=\"missing\">–</span>" : Html.text(number(value)))
                        .append(arrow(trend)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private void attention(StringBuilder h) {
        h.append("<section id=\"attention\"><h2>").append(Html.text(t("attention"))).append("</h2><p class=\"note\">")
                .append(Html.text(t("attention-note"))).append("</p>");
        if (data.attention().isEmpty()) {
            h.append("<p>").append(Html.text(t("attention-none"))).append("</p></section>\n");
            return;
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        data.catalogue().forEach(m -> byId.put((String) m.get("measure_id"), m));
        h.append("<table class=\"list\"><thead><tr><th>").append(Html.text(t("area"))).append("</th><th>")
                .append(Html.text(t("measures"))).append("</th><th>").append(Html.text(t("period"))).append("</th><th>")
                .append(Html.text(t("value"))).append("</th><th>").append(Html.text(t("trend"))).append("</th></tr></thead><tbody>");
        data.attention().stream().sorted(Comparator.comparing((Map<String, Object> a) -> sortOrder((String) a.get("area_code")))
                .thenComparing(a -> (String) a.get("measure_id"))).forEach(a -> {
            Map<String, Object> m = byId.get(a.get("measure_id"));
            h.append("<tr><td>").append(Html.text(areaName((String) a.get("area_code")))).append("</td><td>")
                    .append(Html.text(m == null ? (String) a.get("measure_id") : name(m))).append("</td><td>")
                    .append(Html.text((String) a.get("period"))).append("</td><td>")
                    .append(Html.text(a.get("value") == null ? "–" : number((Double) a.get("value"))))
                    .append(" (").append(Html.text(word((String) a.get("assessment")))).append(")</td><td>")
                    .append(Html.text(t("basis-" + a.get("basis")))).append("</td></tr>");
        });
        h.append("</tbody></table></section>\n");
    }

    private void measureSection(StringBuilder h, Map<String, Object> m) {
        String id = (String) m.get("measure_id");
        Map<String, Object> country = pictureByArea.get(Area.COUNTRY);
        String period = country == null ? null : (String) country.get(id + "_period");
        h.append("<section class=\"measure\" id=\"m-").append(id).append("\"><h2>").append(Html.text(name(m)))
                .append("</h2><p class=\"definition\">").append(Html.text(text(m, "definition"))).append("</p>")
                .append("<p class=\"meta\">").append(Html.text(text(m, "unit"))).append(" · ")
                .append(Html.text(t("data-period", period == null ? t("no-figure") : period))).append(" · ")
                .append(Html.text(t((String) m.get("update_cycle")))).append(" · ")
                .append(Html.text(t("source-" + m.get("source")))).append(" · ")
                .append(Html.text(t("method-" + m.get("method")))).append("</p>");
        List<SvgCharts.Bar> bars = new ArrayList<>();
        Map<String, String> fill = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        for (String code : areas.keySet()) {
            Map<String, Object> p = pictureByArea.get(code);
            if (code.equals(Area.COUNTRY) || p == null) {
                continue;
            }
            Double value = (Double) p.get(id + "_value");
            Map<String, Object> c = comparisonRow(id, code, (String) p.get(id + "_period"));
            Double lower = c == null ? null : (Double) c.get("lower_95");
            Double upper = c == null ? null : (Double) c.get("upper_95");
            String colour = colour((String) p.get(id + "_assessment"), (String) p.get(id + "_significance"));
            String tip = areaName(code) + ": " + (value == null ? Objects.toString(p.get(id + "_note"), t("no-figure"))
                    : number(value) + (lower != null && upper != null ? " (" + number(lower) + "–" + number(upper) + ")" : "")
                    + ", " + word((String) p.get(id + "_assessment")));
            bars.add(new SvgCharts.Bar(areaName(code), value, lower, upper, colour, tip));
            fill.put(code, value == null ? NOT_COMPARED_COLOUR : colour);
            titles.put(code, tip);
        }
        Double national = country == null ? null : (Double) country.get(id + "_value");
        h.append("<div class=\"figures\"><figure class=\"bars\">")
                .append(SvgCharts.bars(bars, national, areaName(Area.COUNTRY), t("no-figure"), name(m) + " " + Objects.toString(period, ""),
                        this::number))
                .append("<figcaption>").append(Html.text(t("chart-note"))).append("</figcaption></figure>");
        if (map != null) {
            h.append("<figure class=\"map\">").append(map.svg(fill, titles, name(m) + " " + Objects.toString(period, "")))
                    .append("<figcaption>").append(Html.text(t("map-note"))).append("</figcaption></figure>");
        }
        h.append("</div>");
        trend(h, m, id);
        h.append("</section>\n");
    }

    private void trend(StringBuilder h, Map<String, Object> m, String id) {
        List<SvgCharts.Point> points = data.comparison().stream()
                .filter(c -> id.equals(c.get("measure_id")) && Area.COUNTRY.equals(c.get("area_code")))
                .sorted(Comparator.comparing(c -> (String) c.get("period")))
                .map(c -> new SvgCharts.Point((String) c.get("period"), figure(m, c))).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map<String, Object> p : pictureByArea.values()) {
            if (!Area.COUNTRY.equals(p.get("area_code")) && p.get(id + "_trend") != null) {
                counts.merge((String) p.get(id + "_trend"), 1, Integer::sum);
            }
        }
        h.append("<div class=\"trend\"><h3>").append(Html.text(t("trend"))).append("</h3>");
        if (points.size() > 1) {
            h.append("<figure>").append(SvgCharts.line(points, name(m) + ": " + areaName(Area.COUNTRY), this::number))
                    .append("<figcaption>").append(Html.text(t("trend-note"))).append("</figcaption></figure>");
        } else {
            h.append("<p class=\"note\">").append(Html.text(t("trend-one-period"))).append("</p>");
        }
        h.append("<ul class=\"counts\">");
        counts.forEach((k, v) -> h.append("<li>").append(Html.text(word(k))).append(": ").append(v).append("</li>"));
        h.append("</ul></div>");
    }

    private void freshness(StringBuilder h, List<Map<String, Object>> headline) {
        h.append("<section id=\"freshness\"><h2>").append(Html.text(t("freshness"))).append("</h2><p class=\"note\">")
                .append(Html.text(t("freshness-note"))).append("</p>");
        Set<String> ids = new LinkedHashSet<>();
        headline.forEach(m -> ids.add((String) m.get("measure_id")));
        StringBuilder rows = new StringBuilder();
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
            rows.append("<tr><td>").append(Html.text(name(m))).append("</td><td>").append(Html.text(String.join(", ", names)))
                    .append("</td><td>").append(Html.text(Objects.toString(first.get("age_months"), "–") + " / "
                            + Objects.toString(first.get("freshness_limit_months"), "–"))).append("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.append("<p>").append(Html.text(t("freshness-none"))).append("</p>");
        } else {
            h.append("<table class=\"list\"><thead><tr><th>").append(Html.text(t("measures"))).append("</th><th>")
                    .append(Html.text(t("areas-stale") + " (" + t("latest-period") + ")")).append("</th><th>")
                    .append(Html.text(t("age-months"))).append("</th></tr></thead><tbody>").append(rows).append("</tbody></table>");
        }
        Map<String, Long> warned = new TreeMap<>();
        for (Map<String, Object> f : data.freshness()) {
            Object n = f.get("checks_warned");
            if (n != null && ((Number) n).longValue() > 0) {
                warned.merge((String) f.get("source"), ((Number) n).longValue(), Math::max);
            }
        }
        if (!warned.isEmpty()) {
            h.append("<p class=\"checks\">").append(Html.text(t("checks-warned"))).append(": ");
            List<String> parts = new ArrayList<>();
            warned.forEach((s, n) -> parts.add(t("source-" + s) + " " + n));
            h.append(Html.text(String.join("; ", parts))).append("</p>");
        }
        h.append("</section>\n");
    }

    private void definitions(StringBuilder h) {
        h.append("<section id=\"definitions\"><h2>").append(Html.text(t("definitions"))).append("</h2><dl>");
        data.catalogue().stream().sorted(Comparator.comparing((Map<String, Object> m) -> !Boolean.TRUE.equals(m.get("headline")))
                .thenComparing(m -> (Integer) m.get("position"))).forEach(m -> h.append("<dt id=\"d-")
                .append(m.get("measure_id")).append("\">").append(Html.text(name(m))).append("</dt><dd><p>")
                .append(Html.text(text(m, "definition"))).append("</p><p class=\"meta\">").append(Html.text(t("unit")))
                .append(": ").append(Html.text(text(m, "unit"))).append(" · ").append(Html.text(t("source"))).append(": ")
                .append(Html.text(t("source-" + m.get("source")))).append(" · ").append(Html.text(t("method"))).append(": ")
                .append(Html.text(t("method-" + m.get("method")))).append(" · ").append(Html.text(t("update-cycle")))
                .append(": ").append(Html.text(t((String) m.get("update_cycle")))).append("</p></dd>"));
        h.append("</dl></section>\n");
    }

    private void legend(StringBuilder h, List<Map<String, Object>> headline) {
        h.append("<ul class=\"legend\">");
        ASSESSMENT_COLOURS.forEach((k, c) -> h.append("<li><span class=\"swatch\" style=\"background:").append(c)
                .append("\"></span>").append(Html.text(word(k))).append("</li>"));
        boolean neutral = headline.stream().anyMatch(m -> m.get("higher_is_better") == null);
        if (neutral) {
            SIGNIFICANCE_COLOURS.forEach((k, c) -> {
                if (!k.equals("similar")) {
                    h.append("<li><span class=\"swatch\" style=\"background:").append(c).append("\"></span>")
                            .append(Html.text(word(k))).append("</li>");
                }
            });
        }
        h.append("<li><span class=\"swatch\" style=\"background:").append(NOT_COMPARED_COLOUR).append("\"></span>")
                .append(Html.text(word("not_compared"))).append("</li>")
                .append("<li>↗ ").append(Html.text(word("improving"))).append("</li><li>↘ ")
                .append(Html.text(word("worsening"))).append("</li><li>→ ").append(Html.text(word("stable"))).append("</li></ul>");
    }

    private Map<String, Object> comparisonRow(String measure, String area, String period) {
        return data.comparison().stream().filter(c -> measure.equals(c.get("measure_id")) && area.equals(c.get("area_code"))
                && Objects.equals(period, c.get("period"))).findFirst().orElse(null);
    }

    /** The figure the picture shows: the standardised rate where the measure is standardised. */
    static Double figure(Map<String, Object> measure, Map<String, Object> comparison) {
        return "standardised-rate".equals(measure.get("method")) ? (Double) comparison.get("standardised_value")
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

    private static String arrow(String trend) {
        if (trend == null) {
            return "";
        }
        return switch (trend) {
            case "improving" -> " <span class=\"arrow\">↗</span>";
            case "worsening" -> " <span class=\"arrow\">↘</span>";
            case "stable" -> " <span class=\"arrow\">→</span>";
            default -> "";
        };
    }

    private static boolean isAdjusted(Map<String, Object> m) {
        return !"none".equals(m.get("needs_adjustment"));
    }

    String number(double v) {
        return number(numbers, v);
    }

    /**
     * Whole numbers from 100 up, one decimal from 10, two below — enough to compare areas, no false precision —
     * rounded half up as statistical tables are, in the language's own separators.
     */
    static String number(NumberFormat format, double v) {
        double a = Math.abs(v);
        int digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(v);
    }

    private String signed(double v) {
        return (v > 0 ? "+" : "") + number(v);
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

    private String word(String key) {
        return key == null ? "" : t(key);
    }

    private String t(String key, String... args) {
        AppConfig.Label l = labels.label(key);
        String s = switch (lang) {
            case "sv" -> l.sv();
            case "en" -> l.en();
            default -> l.fi();
        };
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", args[i]);
        }
        return s;
    }

    private static String link(String anchor, String text) {
        return "<li><a href=\"#" + anchor + "\">" + Html.text(text) + "</a></li>";
    }

    private static final String CSS = """
            :root{--ink:#1d1d1b;--muted:#5f5f5f;--rule:#d9d9d9;--accent:#003f7d}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:1200px;padding:24px 32px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
            header h1{margin:0;font-size:28px;color:var(--accent)}
            header .quarter{margin:4px 0;font-size:20px}
            .release{color:var(--muted)} .draft{background:#fff3cd;border-left:4px solid #e69f00;padding:8px 12px}
            nav ol{columns:2;padding-left:20px} nav h2{font-size:16px}
            h2{font-size:21px;margin:32px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:4px}
            h3{font-size:16px;margin:16px 0 4px}
            .note,.meta,figcaption,.produced{color:var(--muted);font-size:13px}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;font-size:13px}
            table.picture{width:100%;table-layout:fixed}
            table.picture col.area{width:230px}
            table.picture th,table.picture td{border:1px solid #fff;padding:4px 6px;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            table.picture thead th{background:#f4f6f9;vertical-align:bottom;white-space:normal;overflow-wrap:anywhere;hyphens:auto;text-align:left}
            table.picture tbody th{text-align:left;font-weight:normal;background:#f9f9f9}
            table.picture tr.country th,table.picture tr.country td{font-weight:bold;border-bottom:2px solid var(--ink)}
            .unit,.period{display:block;font-weight:normal;color:var(--muted);font-size:11px}
            .missing{color:var(--muted)}
            .arrow{font-size:12px}
            table.list th,table.list td{border-bottom:1px solid var(--rule);padding:4px 8px;text-align:left;vertical-align:top}
            .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
            .swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border:1px solid #999}
            .figures{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure{margin:8px 0}
            svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
            svg .label{font-size:12px} svg .tick{fill:var(--muted)} svg .missing{fill:var(--muted);font-style:italic}
            svg .grid{stroke:#ececec} svg .interval{stroke:#333;stroke-width:1.2;fill:none}
            svg .national{stroke:var(--ink);stroke-dasharray:4 3;stroke-width:1.5} svg .national-label{font-weight:bold}
            svg .series{fill:none;stroke:var(--accent);stroke-width:2} svg circle{fill:var(--accent)}
            svg .area{stroke:#fff;stroke-width:0.8}
            .counts{list-style:none;padding:0;display:flex;gap:16px;font-size:13px}
            dl dt{font-weight:bold;margin-top:12px} dl dd{margin:2px 0 0 0} dl dd p{margin:2px 0}
            footer{margin-top:40px;border-top:1px solid var(--rule);font-size:13px}
            @media print{body{padding:0} nav{display:none} section{break-inside:avoid-page}}
            """;
}
