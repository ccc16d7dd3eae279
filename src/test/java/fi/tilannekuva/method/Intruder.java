package fi.tilannekuva.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intruder, written apart from the rule: every cell of the table is an unknown, a published cell fixed to its
 * value, a suppressed one at least 1, and every total an equation; a suppressed cell is pinned when the least and
 * the greatest value it can take under them agree. Small tables are also searched exhaustively over the integers
 * ({@link #exhaustive}), which the linear bounds must agree with.
 */
public final class Intruder {

    private Intruder() {
    }

    public static List<String> pinned(Map<String, Long> cells, List<SmallNumberSuppression.Total> totals,
                                      Set<String> hidden) {
        List<String> names = new ArrayList<>(cells.keySet());
        List<org.apache.commons.math3.optim.linear.LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            double[] unit = new double[names.size()];
            unit[i] = 1;
            boolean known = !hidden.contains(names.get(i));
            constraints.add(new org.apache.commons.math3.optim.linear.LinearConstraint(unit,
                    known ? org.apache.commons.math3.optim.linear.Relationship.EQ
                            : org.apache.commons.math3.optim.linear.Relationship.GEQ,
                    known ? cells.get(names.get(i)) : 1));
        }
        for (SmallNumberSuppression.Total t : totals) {
            double[] row = new double[names.size()];
            t.cells().forEach(c -> row[names.indexOf(c)] += 1);
            row[names.indexOf(t.total())] -= 1;
            constraints.add(new org.apache.commons.math3.optim.linear.LinearConstraint(row,
                    org.apache.commons.math3.optim.linear.Relationship.EQ, 0));
        }
        List<String> pinned = new ArrayList<>();
        for (String c : new TreeSet<>(hidden)) {
            double[] objective = new double[names.size()];
            objective[names.indexOf(c)] = 1;
            double low = solve(objective, constraints, org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE);
            double high;
            try {
                high = solve(objective, constraints, org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MAXIMIZE);
            } catch (org.apache.commons.math3.optim.linear.UnboundedSolutionException e) {
                high = Double.POSITIVE_INFINITY;
            }
            if (high - low < 0.5) {
                pinned.add(c);
            }
        }
        return pinned;
    }

    private static double solve(double[] objective,
                                List<org.apache.commons.math3.optim.linear.LinearConstraint> constraints,
                                org.apache.commons.math3.optim.nonlinear.scalar.GoalType goal) {
        return new org.apache.commons.math3.optim.linear.SimplexSolver().optimize(
                new org.apache.commons.math3.optim.linear.LinearObjectiveFunction(objective, 0),
                new org.apache.commons.math3.optim.linear.LinearConstraintSet(constraints), goal,
                new org.apache.commons.math3.optim.linear.NonNegativeConstraint(true),
                new org.apache.commons.math3.optim.MaxIter(100_000)).getValue();
    }

    /**
     * The cells with one possible value over the integers, by exhaustive search (values 1 to 40), or null when
     * the search would take more than {@code budget} steps.
     */
    public static List<String> exhaustive(Map<String, Long> cells, List<SmallNumberSuppression.Total> totals,
                                   Set<String> hidden, long budget) {
        List<String> unknown = new ArrayList<>(new TreeSet<>(hidden));
        List<Set<Long>> seen = new ArrayList<>();
        unknown.forEach(c -> seen.add(new TreeSet<>()));
        Search search = new Search(unknown, cells, totals, seen, budget);
        if (!search.from(new long[unknown.size()])) {
            return null;
        }
        List<String> pinned = new ArrayList<>();
        for (int i = 0; i < unknown.size(); i++) {
            if (seen.get(i).size() <= 1) {
                pinned.add(unknown.get(i));
            }
        }
        return pinned;
    }

    /**
     * Depth-first over the unknowns in order, a value 0 meaning not yet chosen. The totals are resolved to positions
     * once (an unknown's index, or -1 and the published value), since the search visits up to {@code budget} nodes.
     */
    private static final class Search {
        private final List<Set<Long>> seen;
        private final long budget;
        /** Per total: its members' unknown indices (-1 when published), their published values, and the same of the total. */
        private final int[][] memberIndex;
        private final long[][] memberValue;
        private final int[] totalIndex;
        private final long[] totalValue;
        private long steps;

        Search(List<String> unknown, Map<String, Long> cells, List<SmallNumberSuppression.Total> totals,
               List<Set<Long>> seen, long budget) {
            this.seen = seen;
            this.budget = budget;
            memberIndex = new int[totals.size()][];
            memberValue = new long[totals.size()][];
            totalIndex = new int[totals.size()];
            totalValue = new long[totals.size()];
            for (int t = 0; t < totals.size(); t++) {
                List<String> members = totals.get(t).cells();
                memberIndex[t] = new int[members.size()];
                memberValue[t] = new long[members.size()];
                for (int m = 0; m < members.size(); m++) {
                    memberIndex[t][m] = unknown.indexOf(members.get(m));
                    memberValue[t][m] = memberIndex[t][m] < 0 ? cells.get(members.get(m)) : 0;
                }
                totalIndex[t] = unknown.indexOf(totals.get(t).total());
                totalValue[t] = totalIndex[t] < 0 ? cells.get(totals.get(t).total()) : 0;
            }
        }

        /** False when the budget ran out. */
        boolean from(long[] v) {
            if (++steps > budget) {
                return false;
            }
            int next = -1;
            for (int k = 0; k < v.length && next < 0; k++) {
                if (v[k] == 0) {
                    next = k;
                }
            }
            for (int t = 0; t < totalIndex.length; t++) {
                long sum = 0;
                boolean open = false;
                for (int m = 0; m < memberIndex[t].length; m++) {
                    int k = memberIndex[t][m];
                    if (k >= 0 && v[k] == 0) {
                        open = true;
                    }
                    sum += k < 0 ? memberValue[t][m] : v[k];
                }
                int k = totalIndex[t];
                if (k >= 0 && v[k] == 0) {
                    open = true;
                }
                long total = k < 0 ? totalValue[t] : v[k];
                if (!open && sum != total || open && k < 0 && sum > total) {
                    return true;
                }
            }
            if (next < 0) {
                for (int k = 0; k < v.length; k++) {
                    seen.get(k).add(v[k]);
                }
                return true;
            }
            for (long x = 1; x <= 40; x++) {
                v[next] = x;
                if (!from(v)) {
                    return false;
                }
            }
            v[next] = 0;
            return true;
        }
    }
}
