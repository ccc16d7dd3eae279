package fi.tilannekuva.period;

import org.apache.spark.sql.Column;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

/**
 * Period arithmetic on the text periods of gold tables — quarters ({@code 2025Q4}) and years ({@code 2024}) —
 * as column expressions: the same period a year earlier, the previous period, a position on a regular axis (for
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

    public static Column isQuarter(Column period) {
        return length(period).equalTo(6);
    }

    private static Column year(Column period) {
        return substring(period, 1, 4).cast("int");
    }

    private static Column quarter(Column period) {
        return substring(period, 6, 1).cast("int");
    }

    /** Consecutive periods of one kind differ by 1: year·4 + quarter − 1 for quarters, the year for years. */
    public static Column ordinal(Column period) {
        return when(isQuarter(period), year(period).multiply(4).plus(quarter(period)).minus(1)).otherwise(year(period));
    }

    /** The last day of the period: 31 March … 31 December for quarters, 31 December for years. */
    public static Column lastDay(Column period) {
        Column month = when(isQuarter(period), quarter(period).multiply(3)).otherwise(lit(12));
        return last_day(make_date(year(period), month, lit(1)));
    }
}
