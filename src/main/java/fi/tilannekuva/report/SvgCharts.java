package fi.tilannekuva.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's charts as SVG text, drawn here so that the report is one self-contained file that fetches nothing:
 * areas as bars in order of value with their 95 % intervals and the country as a line, and a period line chart.
 */
public final class SvgCharts {

    static final int BAR_WIDTH = 760;
    static final int LABEL_WIDTH = 230;
    static final int ROW_HEIGHT = 20;
    static final int TOP = 30;
    static final int BOTTOM = 26;
    private static final int VALUE_SPACE = 70;

    private SvgCharts() {
    }

    /** One area's bar: its figure (null: no figure), 95 % limits (nullable), colour and tooltip. */
    public record Bar(String label, Double value, Double lower, Double upper, String colour, String title) {
    }

    /** One period's point of a line chart (value null: a gap). */
    public record Point(String period, Double value) {
    }

    /** The value axis: from {@code min} to {@code max} with ticks every {@code step}. */
    record Axis(double min, double max, double step) {
        double x(double v, double left, double width) {
            return left + (v - min) / (max - min) * width;
        }
    }

    /**
     * Horizontal bars in descending order of value (areas without a figure last, labelled {@code noFigure}), whiskers
     * for the intervals, the national value as a dashed line labelled {@code nationalLabel}.
     */
    public static String bars(List<Bar> bars, Double national, String nationalLabel, String noFigure, String caption,
                              DoubleFunction<String> format) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparing((Bar b) -> b.value() == null).thenComparing(b -> b.value() == null ? 0 : -b.value())
                .thenComparing(Bar::label));
        List<Double> extent = new ArrayList<>();
        extent.add(0.0);
        if (national != null) {
            extent.add(national);
        }
        for (Bar b : sorted) {
            for (Double v : new Double[]{b.value(), b.lower(), b.upper()}) {
                if (v != null) {
                    extent.add(v);
                }
            }
        }
        Axis axis = axis(extent.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                extent.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        int height = TOP + sorted.size() * ROW_HEIGHT + BOTTOM;
        double plot = BAR_WIDTH - LABEL_WIDTH - VALUE_SPACE;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                BAR_WIDTH, height, BAR_WIDTH, height, Html.attr(caption)));
        s.append("<title>").append(Html.text(caption)).append("</title>");
        double bottom = TOP + sorted.size() * ROW_HEIGHT;
        for (double t = axis.min(); t <= axis.max() + axis.step() / 2; t += axis.step()) {
            double x = axis.x(t, LABEL_WIDTH, plot);
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x, TOP - 4, x, bottom));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                    x, bottom + 16, Html.text(Math.abs(t) < axis.step() / 1e6 ? "0" : format.apply(t))));
        }
        double zero = axis.x(Math.max(axis.min(), 0), LABEL_WIDTH, plot);
        for (int i = 0; i < sorted.size(); i++) {
            Bar b = sorted.get(i);
            double y = TOP + i * ROW_HEIGHT;
            double mid = y + ROW_HEIGHT / 2.0;
            s.append("<g class=\"bar\"><title>").append(Html.text(b.title())).append("</title>");
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LABEL_WIDTH - 8, mid + 4, Html.text(b.label())));
            if (b.value() == null) {
                s.append(String.format(Locale.ROOT, "<text class=\"missing\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                        zero + 4, mid + 4, Html.text(noFigure)));
            } else {
                double x = axis.x(b.value(), LABEL_WIDTH, plot);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        Math.min(zero, x), y + 3, Math.abs(x - zero), ROW_HEIGHT - 6, b.colour()));
                double end = x;
                if (b.lower() != null && b.upper() != null) {
                    double lo = axis.x(b.lower(), LABEL_WIDTH, plot);
                    double hi = axis.x(b.upper(), LABEL_WIDTH, plot);
                    s.append(String.format(Locale.ROOT, "<path class=\"interval\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
                            lo, mid, hi, lo, mid - 4, mid + 4, hi, mid - 4, mid + 4));
                    end = Math.max(end, hi);
                }
                s.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                        end + 4, mid + 4, Html.text(format.apply(b.value()))));
            }
            s.append("</g>");
        }
        if (national != null) {
            double x = axis.x(national, LABEL_WIDTH, plot);
            s.append(String.format(Locale.ROOT, "<line class=\"national\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x, TOP - 10, x, bottom));
            s.append(String.format(Locale.ROOT, "<text class=\"national-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s %s</text>",
                    x, TOP - 14, Html.text(nationalLabel), Html.text(format.apply(national))));
        }
        return s.append("</svg>").toString();
    }

    /** A line over the periods in order, with a point and its value at each; gaps where a value is null. */
    public static String line(List<Point> points, String caption, DoubleFunction<String> format) {
        int width = 360;
        int height = 170;
        int left = 16;
        int right = 16;
        int top = 24;
        int bottom = 30;
        List<Double> values = points.stream().map(Point::value).filter(v -> v != null).toList();
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = hi == lo ? Math.max(1, Math.abs(hi) * 0.1) : (hi - lo) * 0.15;
        double min = lo - pad;
        double max = hi + pad;
        double stepX = points.size() <= 1 ? 0 : (width - left - right) / (double) (points.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Html.attr(caption)));
        s.append("<title>").append(Html.text(caption)).append("</title>");
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = points.size() == 1 ? width / 2.0 : left + i * stepX;
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x, height - 10, Html.text(p.period())));
            if (p.value() == null) {
                pen = false;
                continue;
            }
            double y = top + (max - p.value()) / (max - min) * (height - top - bottom);
            path.append(String.format(Locale.ROOT, "%s%.1f %.1f", pen ? "L" : "M", x, y));
            pen = true;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s: %s</title></circle>",
                    x, y, Html.text(p.period()), Html.text(format.apply(p.value()))));
            s.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                    x, y - 8, Html.text(format.apply(p.value()))));
        }
        if (!path.isEmpty()) {
            s.append("<path class=\"series\" d=\"").append(path).append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    /** A value axis over [lo, hi] with 4–8 ticks at 1, 2 or 5 × 10^k, always including zero when in range. */
    static Axis axis(double lo, double hi) {
        if (hi <= lo) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }
}
