package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds.Interval;
import fi.tilannekuva.config.MeasureKinds.Method;
import fi.tilannekuva.config.MeasureKinds.NeedsAdjustment;
import fi.tilannekuva.method.ComparisonIndex;
import fi.tilannekuva.method.ConfidenceLevel;
import fi.tilannekuva.method.DirectStandardisation;
import fi.tilannekuva.method.PoissonInterval;
import fi.tilannekuva.method.Ranking;
import fi.tilannekuva.method.Significance;
import fi.tilannekuva.method.TrendTest;
import fi.tilannekuva.method.WilsonInterval;
import fi.tilannekuva.period.Periods;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static fi.tilannekuva.method.SqlArithmetic.divide;

/**
 * Everything {@code comparison} derives from a source's figures, in one place and the same for every source:
 * confidence limits by the catalogue's interval method, national value, index, needs-adjusted index,
 * significance, rank, change against a year earlier and the previous period, and the five-period trend.
 * The figure compared is the standardised value for standardised measures, else the value. Plain Java over the
 * collected rows: a source's periods are tens of thousands of rows after decades, and every step is a lookup.
 */
public final class ComparisonMeasures {

    /** The gold table the needs adjustment reads its coefficients from (the funding source writes it). */
    public static final String COEFFICIENTS = "need_coefficients";

    /** A need coefficient of {@code need_coefficients}: {@code health} and {@code total} may be null. */
    public record Coefficient(int year, String area, Double health, Double total) {
        Double of(NeedsAdjustment adjustment) {
            return switch (adjustment) {
                case HEALTH -> health;
                case TOTAL -> total;
                case NONE -> null;
            };
        }
    }

    private static final List<String> BASE = ComparisonTable.BASE.names();

    private ComparisonMeasures() {
    }

    /** One row being completed: its base columns, its measure, and what is derived in order. */
    private static final class Figure {
        final Object[] base;
        final boolean isNew;
        final AppConfig.Measure measure;
        final String period;
        final String area;
        final Double figure;
        final boolean partial;
        Double nationalValue;
        Double index;
        Double crudeIndex;
        Double needCoefficient;
        Integer needCoefficientYear;
        Double needsAdjustedIndex;
        String significance;
        String assessment;
        Integer rank;
        Long areasRanked;
        Figure yearAgo;
        Figure previous;
        String trend;

        Figure(Row row, boolean isNew, Map<String, AppConfig.Measure> catalogue) {
            this.base = new Object[BASE.size()];
            for (int i = 0; i < base.length; i++) {
                base[i] = row.get(i);
            }
            this.isNew = isNew;
            this.measure = catalogue.get((String) get("measure_id"));
            this.period = (String) get("period");
            this.area = (String) get("area_code");
            this.figure = number(figureColumn(measure != null && measure.method() == Method.STANDARDISED_RATE));
            this.partial = Boolean.TRUE.equals(get(ComparisonTable.PARTIAL));
        }

        Object get(String column) {
            return base[BASE.indexOf(column)];
        }

        Double number(String column) {
            return (Double) get(column);
        }

        void set(String column, Double value) {
            base[BASE.indexOf(column)] = value == null || value.isNaN() ? null : value;
        }

        String measureId() {
            return (String) get("measure_id");
        }

        Boolean higherIsBetter() {
            return measure == null ? null : measure.higherIsBetter();
        }

        boolean isArea() {
            return !Area.COUNTRY.equals(area);
        }

        /** A period that can take part in a trend: a published figure with an interval, covering the whole period. */
        boolean valid() {
            return figure != null && number("lower_95") != null && number("upper_95") != null && !partial;
        }
    }

    /**
     * Completes {@code slice} (rows in {@link ComparisonTable#BASE} column order) to {@link ComparisonTable#SCHEMA}.
     *
     * @param slice        the rows being written
     * @param history      other periods' rows of the same measures (for changes and trends), {@code BASE} columns
     * @param catalogue    the measure catalogue — every measure of {@code slice} must be in it
     * @param coefficients from {@code need_coefficients}; may be empty
     */
    public static List<Row> complete(List<Row> slice, List<Row> history, List<AppConfig.Measure> catalogue,
                                     List<Coefficient> coefficients) {
        Map<String, AppConfig.Measure> measures = catalogue.stream()
                .collect(Collectors.toMap(AppConfig.Measure::id, Function.identity(), (a, b) -> a));
        List<Figure> all = new ArrayList<>();
        slice.forEach(r -> all.add(new Figure(r, true, measures)));
        history.forEach(r -> all.add(new Figure(r, false, measures)));
        all.forEach(ComparisonMeasures::intervals);

        Map<String, Figure> byKey = new HashMap<>();
        for (Figure f : all) {
            byKey.put(key(f.period, f.area, f.measureId()), f);
        }
        Map<String, List<Coefficient>> coefficientsOf = coefficients.stream()
                .collect(Collectors.groupingBy(Coefficient::area));
        for (Figure f : all) {
            if (!f.isNew) {
                continue;
            }
            Figure country = byKey.get(key(f.period, Area.COUNTRY, f.measureId()));
            f.nationalValue = country == null ? null : country.figure;
            // A partial figure (METHODS.md §7) is published, but not set against the country, ranked or tested.
            if (!f.partial) {
                f.index = index(f.figure, f.nationalValue);
                f.crudeIndex = index(f.number("value"), country == null ? null : country.number("value"));
            }
            needsAdjusted(f, coefficientsOf.getOrDefault(f.area, List.of()));
            f.significance = f.isArea() && !f.partial && f.nationalValue != null
                    ? Significance.against(f.nationalValue, f.number("lower_95"), f.number("upper_95"),
                    f.number("lower_998"), f.number("upper_998"))
                    : Significance.NOT_COMPARED;
            f.assessment = Significance.assessment(f.significance, f.higherIsBetter());
            Figure yearAgo = byKey.get(key(Periods.yearAgo(f.period), f.area, f.measureId()));
            f.yearAgo = yearAgo == null || yearAgo.partial ? null : yearAgo;
            Figure previous = byKey.get(key(Periods.previous(f.period), f.area, f.measureId()));
            f.previous = previous == null || previous.partial ? null : previous;
            f.trend = trend(f, byKey);
        }
        rank(all);

        List<Row> out = new ArrayList<>();
        for (Figure f : all) {
            if (f.isNew) {
                out.add(row(f));
            }
        }
        return out;
    }

    private static String key(String period, String area, String measure) {
        return period + "|" + area + "|" + measure;
    }

    /** Null when either is null or the national value is 0 (no index against nothing). */
    private static Double index(Double value, Double national) {
        return value == null || national == null || national == 0 ? null : ComparisonIndex.of(value, national);
    }

    /** Poisson limits for counts and rates, Wilson limits for shares; Dobson's come with the rows. */
    private static void intervals(Figure f) {
        Interval interval = f.measure == null ? null : f.measure.interval();
        Double numerator = f.number("numerator");
        Double multiplier = f.measure == null ? null : f.measure.multiplier();
        boolean published = f.figure != null && numerator != null;
        // A share published without its base (Sotkanet gives the count and the share) has the base worked back.
        Double base = f.number("denominator");
        if (base == null && f.figure != null && f.figure > 0 && numerator != null) {
            base = divide(numerator * multiplier, f.figure);
        }
        boolean poisson = published && interval == Interval.POISSON;
        boolean wilson = published && interval == Interval.WILSON && base != null && base > 0;
        // A rate's limits are the count's limits scaled like the rate: by figure/count, or when the count is 0
        // by multiplier/denominator (a rate of 0 has an upper limit too).
        Double scale = numerator != null && numerator > 0 ? divide(f.figure, numerator)
                : divide(multiplier, f.number("denominator"));
        boolean dobson = interval == Interval.DOBSON && f.figure != null;
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            Double lower = null;
            Double upper = null;
            if (poisson) {
                lower = scale == null || numerator < 0 ? null : PoissonInterval.lower(numerator, level) * scale;
                upper = scale == null || numerator < 0 ? null : PoissonInterval.upper(numerator, level) * scale;
            } else if (wilson) {
                lower = WilsonInterval.lower(numerator, base, level.z()) * multiplier;
                upper = WilsonInterval.upper(numerator, base, level.z()) * multiplier;
            } else if (dobson) {
                lower = f.number(level.lower());
                upper = f.number(level.upper());
            }
            f.set(level.lower(), lower);
            f.set(level.upper(), upper);
        }
    }

    /**
     * The need coefficient of the latest year not after the figure's year: health-care for visit rates, total for
     * costs. Åland and areas without THL's coefficients get none. The index divided is the crude rate's
     * (METHODS.md §4): the coefficient already reflects age and sex, so a standardised rate would be adjusted twice.
     */
    private static void needsAdjusted(Figure f, List<Coefficient> ofArea) {
        NeedsAdjustment adjustment = f.measure == null ? NeedsAdjustment.NONE : f.measure.needsAdjustment();
        String dataPeriod = (String) f.get("data_period");
        if (adjustment == NeedsAdjustment.NONE || dataPeriod == null) {
            return;
        }
        int dataYear = Integer.parseInt(dataPeriod.substring(0, 4));
        ofArea.stream().filter(c -> c.year() <= dataYear && c.of(adjustment) != null)
                .max(Comparator.comparingInt(Coefficient::year))
                .ifPresent(c -> {
                    f.needCoefficient = c.of(adjustment);
                    f.needCoefficientYear = c.year();
                    f.needsAdjustedIndex = f.crudeIndex == null || f.needCoefficient == 0 ? null
                            : ComparisonIndex.needsAdjusted(f.crudeIndex, f.needCoefficient);
                });
    }

    /** The five-period trend up to this period, of the periods of its kind (quarters or years) that are valid. */
    private static String trend(Figure f, Map<String, Figure> byKey) {
        List<TrendTest.Point> points = new ArrayList<>();
        String period = f.period;
        for (int i = 0; i < TrendTest.POINTS; i++) {
            Figure p = byKey.get(key(period, f.area, f.measureId()));
            if (p != null && p.valid()) {
                points.add(new TrendTest.Point(Periods.ordinal(period), p.figure, p.number("lower_95"),
                        p.number("upper_95")));
            }
            period = Periods.previous(period);
        }
        return TrendTest.test(points);
    }

    /**
     * Rank among the areas of a period and measure, 1 = best by polarity (highest first when neutral); ties share a
     * rank and the next rank skips (1, 2, 2, 4). The country, partial figures and rows without a figure get none.
     */
    private static void rank(List<Figure> all) {
        Map<String, List<Figure>> groups = new HashMap<>();
        for (Figure f : all) {
            if (f.isNew && f.isArea() && !f.partial && f.figure != null) {
                groups.computeIfAbsent(f.period + "|" + f.measureId(), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<Figure> group : groups.values()) {
            // Highest first when the measure has no polarity.
            boolean higherIsBetter = group.get(0).higherIsBetter() == null || group.get(0).higherIsBetter();
            Ranking.among(group, f -> f.figure, higherIsBetter).forEach((f, r) -> {
                f.rank = r.rank();
                f.areasRanked = r.ranked();
            });
        }
    }

    private static Row row(Figure f) {
        TableSchema.RowBuilder row = ComparisonTable.SCHEMA.row();
        for (int i = 0; i < BASE.size(); i++) {
            row.set(BASE.get(i), f.base[i]);
        }
        row.set("national_value", f.nationalValue).set("index", f.index)
                .set("need_coefficient", f.needCoefficient).set("need_coefficient_year", f.needCoefficientYear)
                .set("needs_adjusted_index", f.needsAdjustedIndex)
                .set("significance", f.significance).set("assessment", f.assessment)
                .set("rank", f.rank).set("areas_ranked", f.areasRanked);
        String yearAgoPeriod = Periods.yearAgo(f.period);
        String previousPeriod = Periods.previous(f.period);
        row.set("year_ago_period", yearAgoPeriod).set("previous_period", previousPeriod);
        change(row, f, f.yearAgo, "year_ago_value", "change_year", "change_year_significance", !f.partial);
        change(row, f, f.previous, "previous_value", "change_previous", "change_previous_significance", !f.partial);
        row.set("trend", f.trend).set("trend_assessment", TrendTest.assessment(f.trend, f.higherIsBetter()));
        return row.build();
    }

    /**
     * The same area's figure of an earlier period and whether the change is significant by the z test with both
     * figures' standard errors (METHODS.md §7). A partial figure, either side, is not compared.
     */
    private static void change(TableSchema.RowBuilder row, Figure f, Figure earlier, String valueColumn,
                               String changeColumn, String significanceColumn, boolean complete) {
        Double value = earlier == null ? null : earlier.figure;
        row.set(valueColumn, value);
        row.set(changeColumn, complete && f.figure != null && value != null ? f.figure - value : null);
        row.set(significanceColumn, !complete ? Significance.NOT_COMPARED : Significance.ofChange(f.figure,
                f.number("lower_95"), f.number("upper_95"), value,
                earlier == null ? null : earlier.number("lower_95"), earlier == null ? null : earlier.number("upper_95")));
    }

    /** The column of the figure compared: the standardised value of a standardised measure, else the value. */
    public static String figureColumn(boolean standardised) {
        return standardised ? DirectStandardisation.RATE : "value";
    }

    /** The figure compared of a {@code comparison} row (by column name); null without a catalogued measure. */
    public static Double figure(Row row, AppConfig.Measure measure) {
        if (measure == null) {
            return null;
        }
        return row.getAs(figureColumn(measure.method() == Method.STANDARDISED_RATE));
    }
}
