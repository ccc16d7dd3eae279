package fi.tilannekuva.method;

/**
 * Arithmetic on figures that may be missing (null), by SQL's rules, so that the formulas computed in plain Java give
 * what their column expressions gave: a missing operand or a zero divisor makes the result missing, and a sum skips
 * missing terms (a sum of nothing is missing).
 */
public final class SqlArithmetic {

    private SqlArithmetic() {
    }

    public static Double divide(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    public static Double times(Double a, Double b) {
        return a == null || b == null ? null : a * b;
    }

    /** {@code sum} with {@code term} added; a missing term adds nothing. */
    public static Double plus(Double sum, Double term) {
        return term == null ? sum : sum == null ? term : sum + term;
    }

    /** {@code sum} with {@code term} added; a missing term adds nothing. */
    public static Long plus(Long sum, Long term) {
        return term == null ? sum : sum == null ? term : sum + term;
    }
}
