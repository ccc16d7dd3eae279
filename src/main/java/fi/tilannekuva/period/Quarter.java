package fi.tilannekuva.period;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code 2025Q4}: the period of visit and traffic figures. */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

    public Quarter {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1-4, was " + quarter);
        }
    }

    public static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip().toUpperCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter like 2025Q4 (or previous, current)");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * A quarter as written ({@code 2025Q4}), or relative to {@code today} for schedulers: {@code previous} (the last
     * finished quarter) or {@code current}.
     */
    public static Quarter parse(String text, LocalDate today) {
        String t = text == null ? "" : text.strip().toLowerCase();
        return switch (t) {
            case "previous" -> of(today).previous();
            case "current" -> of(today);
            default -> parse(text);
        };
    }

    /** {@link #parse(String, LocalDate)} on today's date in Finland. */
    public static Quarter parseForToday(String text) {
        return parse(text, LocalDate.now(java.time.ZoneId.of("Europe/Helsinki")));
    }

    public static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public Quarter previous() {
        return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1);
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
