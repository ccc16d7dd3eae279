package fi.tilannekuva.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's charts as SVG text, drawn here so that the report is one self-contained file that fetches nothing:
 * areas as bars in order of value with their 95 % intervals and the country as a line, a series over the periods
 * with intervals, and a spine of one area among all.
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

    /** One period's figure of a series (value null: a gap) with its 95 % limits (null: none). */
    public record Point(String period, Double value, Double lower, Double upper) {
        public Point(String period, Double value) {
            this(period, value, null, null);
        }
    }

    /**
     * One area's spine, as Fingertips draws it: the country in the middle, the range of the areas from the worst
     * (left) to the best (right), the middle half of the areas darker, and the area's figure as a dot in its colour.
     */
    public record Spine(Double value, double national, double worst, double lowerQuartile, double upperQuartile,
                        double best, String colour, String title) {
    }

    /** The width and height of a spine chart. */
    static final int SPINE_WIDTH = 220;
    static final int SPINE_HEIGHT = 18;
    private static final int SPINE_PAD = 8;

    /** The value axis: from {@code min} to {@code max} with ticks every {@code step}. */
    public record Axis(double min, double max, double step) {
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
            s.append(label(b.label(), LABEL_WIDTH - 8, mid));
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

    /** Characters of a label at 12 px that fit in the label column; a longer one wraps to a second line. */
    static final int LABEL_CHARS = 34;

    /** A right-aligned area label ending at {@code x}, on two lines when it is too long for one: never cut. */
    static String label(String text, int x, double mid) {
        if (text.length() <= LABEL_CHARS) {
            return String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    x, mid + 4, Html.text(text));
        }
        int cut = text.lastIndexOf(' ', Math.min(text.length() - 1, LABEL_CHARS));
        if (cut <= 0) {
            cut = text.indexOf(' ');
        }
        if (cut <= 0) {
            return String.format(Locale.ROOT, "<text class=\"label small\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    x, mid + 4, Html.text(text));
        }
        return String.format(Locale.ROOT, "<text class=\"label small\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
                        + "<tspan x=\"%d\">%s</tspan><tspan x=\"%d\" dy=\"10\">%s</tspan></text>",
                x, mid - 1, x, Html.text(text.substring(0, cut)), x, Html.text(text.substring(cut + 1)));
    }

    /** A spine chart of one area's figure among all areas (see {@link Spine}). */
    public static String spine(Spine s) {
        double mid = SPINE_WIDTH / 2.0;
        double half = Math.max(Math.abs(s.worst() - s.national()), Math.abs(s.best() - s.national()));
        if (s.value() != null) {
            half = Math.max(half, Math.abs(s.value() - s.national()));
        }
        double reach = half == 0 ? 1 : half;
        double sign = s.best() >= s.worst() ? 1 : -1;
        java.util.function.DoubleUnaryOperator x = v -> mid + sign * (v - s.national()) / reach * (mid - SPINE_PAD);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spine\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>", SPINE_WIDTH, SPINE_HEIGHT,
                SPINE_WIDTH, SPINE_HEIGHT, Html.attr(s.title()), Html.text(s.title())));
        double w = x.applyAsDouble(s.worst());
        double bst = x.applyAsDouble(s.best());
        double q1 = x.applyAsDouble(s.lowerQuartile());
        double q3 = x.applyAsDouble(s.upperQuartile());
        b.append(String.format(Locale.ROOT, "<rect class=\"range\" x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"10\"/>",
                Math.min(w, bst), Math.abs(bst - w)));
        b.append(String.format(Locale.ROOT, "<rect class=\"quartiles\" x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"10\"/>",
                Math.min(q1, q3), Math.abs(q3 - q1)));
        b.append(String.format(Locale.ROOT, "<line class=\"national\" x1=\"%.1f\" y1=\"1\" x2=\"%.1f\" y2=\"17\"/>", mid, mid));
        if (s.value() != null) {
            b.append(String.format(Locale.ROOT, "<circle class=\"figure\" cx=\"%.1f\" cy=\"9\" r=\"5\" style=\"fill:%s\"/>",
                    x.applyAsDouble(s.value()), s.colour()));
        }
        return b.append("</svg>").toString();
    }

    /**
     * A series over the periods with a value axis: each point with its interval as a whisker, the country's series
     * dashed for reference. {@code axis} is shared by small multiples so that areas compare at a glance;
     * {@code periodsShown} labels every period (true) or the first and last only.
     */
    public static String series(List<Point> points, List<Point> national, Axis axis, int width, int height,
                                String caption, boolean periodsShown, DoubleFunction<String> format) {
        int left = 44;
        // A period label centred on the last point needs half its width inside the drawing.
        int right = periodsShown ? 26 : 10;
        int top = 10;
        int bottom = 22;
        int n = Math.max(points.size(), national == null ? 0 : national.size());
        double stepX = n <= 1 ? 0 : (width - left - right) / (double) (n - 1);
        java.util.function.IntToDoubleFunction x = i -> n <= 1 ? left + (width - left - right) / 2.0 : left + i * stepX;
        java.util.function.DoubleUnaryOperator y = v -> top + (axis.max() - v) / (axis.max() - axis.min()) * (height - top - bottom);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart series\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Html.attr(caption)));
        s.append("<title>").append(Html.text(caption)).append("</title>");
        for (double t = axis.min(); t <= axis.max() + axis.step() / 2; t += axis.step()) {
            double ty = y.applyAsDouble(t);
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    left, ty, width - right, ty));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    left - 4, ty + 3.5, Html.text(Math.abs(t) < axis.step() / 1e6 ? "0" : format.apply(t))));
        }
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                left, top, left, height - bottom));
        List<Point> periods = points.size() >= (national == null ? 0 : national.size()) ? points : national;
        for (int i = 0; i < periods.size(); i++) {
            if (periodsShown || i == 0 || i == periods.size() - 1) {
                s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                        x.applyAsDouble(i), height - 6, periodsShown ? "middle" : i == 0 ? "start" : "end",
                        Html.text(periods.get(i).period())));
            }
        }
        if (national != null) {
            s.append(path(national, x, y, "reference"));
        }
        s.append(path(points, x, y, "series"));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.value() == null) {
                continue;
            }
            double px = x.applyAsDouble(i);
            if (p.lower() != null && p.upper() != null) {
                s.append(String.format(Locale.ROOT, "<path class=\"interval\" d=\"M%.1f %.1fV%.1f\"/>", px,
                        y.applyAsDouble(p.lower()), y.applyAsDouble(p.upper())));
            }
            String limits = p.lower() != null && p.upper() != null
                    ? " (" + format.apply(p.lower()) + "–" + format.apply(p.upper()) + ")" : "";
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s: %s%s</title></circle>",
                    px, y.applyAsDouble(p.value()), Html.text(p.period()), Html.text(format.apply(p.value())), Html.text(limits)));
        }
        return s.append("</svg>").toString();
    }

    private static String path(List<Point> points, java.util.function.IntToDoubleFunction x,
                               java.util.function.DoubleUnaryOperator y, String css) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            Double v = points.get(i).value();
            if (v == null) {
                pen = false;
                continue;
            }
            d.append(String.format(Locale.ROOT, "%s%.1f %.1f", pen ? "L" : "M", x.applyAsDouble(i), y.applyAsDouble(v)));
            pen = true;
        }
        return d.isEmpty() ? "" : "<path class=\"" + css + "\" d=\"" + d + "\"/>";
    }

    /** The shared value axis of series: every value and limit, padded, with zero when near. */
    public static Axis seriesAxis(List<Double> values) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (lo > 0 && lo < (hi - lo)) {
            lo = 0;
        }
        return axis(lo, hi);
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
