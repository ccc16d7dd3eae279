package fi.tilannekuva.period;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Period arithmetic on the text periods of gold tables — quarters ({@code 2025Q4}) and years ({@code 2024}) —
 * the same period a year earlier, the previous period, a position on a regular axis (for
 * trends and consecutiveness) and the period's last day (for freshness).
 */
public final class Periods {

    private Periods() {
    }

    public static boolean isQuarter(String period) {
        return period.length() == 6;
    }

    /** 2025Q4 → 2024Q4; 2024 → 2023. */
    public static String yearAgo(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return isQuarter(period) ? (year - 1) + period.substring(4) : String.valueOf(year - 1);
    }

    /** 2025Q1 → 2024Q4, 2025Q4 → 2025Q3; 2024 → 2023. */
    public static String previous(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        if (!isQuarter(period)) {
            return String.valueOf(year - 1);
        }
        int q = period.charAt(5) - '0';
        return q == 1 ? (year - 1) + "Q4" : year + "Q" + (q - 1);
    }

    /** Consecutive periods of one kind differ by 1: year·4 + quarter − 1 for quarters, the year for years. */
    public static int ordinal(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return isQuarter(period) ? year * 4 + (period.charAt(5) - '0') - 1 : year;
    }

    /** The last day of the period: 31 March … 31 December for quarters, 31 December for years. */
    public static LocalDate lastDay(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        int month = isQuarter(period) ? (period.charAt(5) - '0') * 3 : 12;
        return YearMonth.of(year, month).atEndOfMonth();
    }
}
