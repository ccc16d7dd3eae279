package fi.tilannekuva.method;

import fi.tilannekuva.config.AppConfig;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Small-number disclosure control (METHODS.md §6), in plain Java over the cells of a published table and the totals
 * a reader sees. Primary: counts of 1 to {@code min-count − 1} are suppressed; zero is published. Secondary: in every
 * published total that holds a suppressed cell, at least two cells must be suppressed, together holding at least
 * {@code min-count} and more than one per suppressed cell (so that no cell can be worked out to be 1); otherwise the
 * next smallest non-zero published cell of that total is suppressed too (ties broken by cell key), or the total itself
 * when no such cell is left. Rounds repeat over all totals until nothing changes, then an audit works every suppressed
 * cell's range out of all totals at once, as an intruder would, and suppresses more until no cell is pinned to one
 * value.
 */
public final class SmallNumberSuppression {

    public static final String SUPPRESSED = "suppressed";

    /** A published total: the cell {@code total} is the sum of {@code cells}. */
    public record Total(String total, List<String> cells) {
    }

    private SmallNumberSuppression() {
    }

    /**
     * The cells to suppress.
     *
     * @param counts   every cell's count; null for a cell without data (published as such, summed as nothing)
     * @param totals   the totals a reader sees; a total whose own cell is suppressed or null constrains nothing
     * @param together groups of cells published in one row: when one is suppressed, all are
     */
    public static Set<String> suppress(Map<String, Long> counts, Collection<Total> totals,
                                       Collection<? extends Collection<String>> together,
                                       AppConfig.SuppressionRule rule) {
        Set<String> suppressed = new TreeSet<>();
        counts.forEach((cell, n) -> {
            if (n != null && n >= 1 && n < rule.minCount()) {
                suppressed.add(cell);
            }
        });
        Map<String, List<Collection<String>>> rowsOf = new HashMap<>();
        for (Collection<String> row : together) {
            row.forEach(c -> rowsOf.computeIfAbsent(c, k -> new ArrayList<>()).add(row));
        }
        spread(suppressed, rowsOf, counts);
        if (!rule.secondary()) {
            return suppressed;
        }
        List<Total> ordered = totals.stream().sorted(Comparator.comparing(Total::total)).toList();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Total t : ordered) {
                while (!safe(t, counts, suppressed, rule)) {
                    suppressed.add(nextToHide(t, counts, suppressed));
                    spread(suppressed, rowsOf, counts);
                    changed = true;
                }
            }
            if (!changed) {
                Equations eq = new Equations(counts, ordered, suppressed);
                String pinned = eq.vars.stream().filter(eq::pinned).findFirst().orElse(null);
                // Each step hides one more cell, so this ends: at worst with every non-zero cell hidden.
                changed = pinned != null && unpin(pinned, counts, ordered, suppressed, rowsOf);
            }
        }
        return suppressed;
    }

    /**
     * Suppresses one more cell so that {@code cell} is no longer pinned: the smallest non-zero published cell (ties by
     * key) that frees it, or when none alone does, the smallest there is. False when nothing is left to suppress.
     */
    private static boolean unpin(String cell, Map<String, Long> counts, List<Total> totals, Set<String> suppressed,
                                 Map<String, List<Collection<String>>> rowsOf) {
        // Only a cell of a total that reaches the pinned cell's equations can free it.
        Equations eq = new Equations(counts, totals, suppressed);
        Set<String> linked = new TreeSet<>();
        eq.component(eq.index.get(cell)).forEach(k -> linked.add(eq.vars.get(k)));
        Set<String> near = new TreeSet<>();
        for (Total t : totals) {
            if (linked.contains(t.total()) || t.cells().stream().anyMatch(linked::contains)) {
                near.add(t.total());
                near.addAll(t.cells());
            }
        }
        List<String> candidates = near.stream()
                .filter(c -> published(c, counts, suppressed) && counts.get(c) > 0)
                .sorted(Comparator.<String>comparingLong(counts::get).thenComparing(Comparator.naturalOrder()))
                .toList();
        if (candidates.isEmpty()) {
            return false;
        }
        for (String candidate : candidates) {
            Set<String> trial = new TreeSet<>(suppressed);
            trial.add(candidate);
            spread(trial, rowsOf, counts);
            if (!new Equations(counts, totals, trial).pinned(cell)) {
                suppressed.addAll(trial);
                return true;
            }
        }
        suppressed.add(candidates.get(0));
        spread(suppressed, rowsOf, counts);
        return true;
    }

    /** A total nobody can subtract a suppressed cell out of: none suppressed, or enough of them holding enough. */
    private static boolean safe(Total t, Map<String, Long> counts, Set<String> suppressed,
                                AppConfig.SuppressionRule rule) {
        if (!published(t.total(), counts, suppressed)) {
            return true;
        }
        long hidden = 0;
        long sum = 0;
        for (String c : t.cells()) {
            if (suppressed.contains(c)) {
                hidden++;
                sum += counts.get(c);
            }
        }
        return hidden == 0 || (hidden >= 2 && sum >= rule.minCount() && sum > hidden);
    }

    /** The smallest non-zero published cell of {@code t} (ties by key), or the total when none is left. */
    private static String nextToHide(Total t, Map<String, Long> counts, Set<String> suppressed) {
        Optional<String> next = t.cells().stream()
                .filter(c -> published(c, counts, suppressed) && counts.get(c) > 0)
                .min(Comparator.<String>comparingLong(counts::get).thenComparing(Comparator.naturalOrder()));
        return next.orElse(t.total());
    }

    private static boolean published(String cell, Map<String, Long> counts, Set<String> suppressed) {
        return counts.get(cell) != null && !suppressed.contains(cell);
    }

    /** Suppresses the rest of each row that has a suppressed cell; a cell without data stays as it is (null). */
    private static void spread(Set<String> suppressed, Map<String, List<Collection<String>>> rowsOf,
                               Map<String, Long> counts) {
        if (rowsOf.isEmpty()) {
            return;
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String c : List.copyOf(suppressed)) {
                for (Collection<String> row : rowsOf.getOrDefault(c, List.of())) {
                    for (String other : row) {
                        grew |= counts.get(other) != null && suppressed.add(other);
                    }
                }
            }
        }
    }

    /**
     * The totals' equations over the suppressed cells, Σ hidden cells − hidden total = total − Σ published cells, and
     * what an intruder can work out from them: the least and the greatest value each suppressed cell can take with
     * every suppressed cell at least 1 (zero is published), by linear programming; a cell whose two agree is pinned.
     * For tables whose totals nest or cross as margins the linear bounds are the integer ones. Totals that contradict
     * each other (a source's own national figure that is not the sum of its areas) pin nothing.
     */
    private static final class Equations {
        private final List<String> vars;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<double[]> rows = new ArrayList<>();
        private final List<Double> rhs = new ArrayList<>();
        private final long[] truth;
        private Set<Integer> determined;
        /** Cells a solution found so far gives another value than the truth: not pinned. */
        private final Set<Integer> free = new java.util.HashSet<>();

        Equations(Map<String, Long> counts, Collection<Total> totals, Set<String> suppressed) {
            vars = new ArrayList<>(new TreeSet<>(suppressed));
            truth = vars.stream().mapToLong(v -> counts.get(v) == null ? 0 : counts.get(v)).toArray();
            for (int i = 0; i < vars.size(); i++) {
                index.put(vars.get(i), i);
            }
            for (Total t : totals) {
                if (counts.get(t.total()) == null) {
                    continue;
                }
                double[] row = new double[vars.size()];
                double b = 0;
                boolean any = false;
                for (String c : t.cells()) {
                    if (suppressed.contains(c)) {
                        row[index.get(c)] += 1;
                        any = true;
                    } else if (counts.get(c) != null) {
                        b -= counts.get(c);
                    }
                }
                if (suppressed.contains(t.total())) {
                    row[index.get(t.total())] -= 1;
                    any = true;
                } else {
                    b += counts.get(t.total());
                }
                if (any) {
                    rows.add(row);
                    rhs.add(b);
                }
            }
        }

        /**
         * Whether the cell's least and greatest possible values agree, within the equations that reach it. Two cheap
         * answers first: a cell the equations alone determine is pinned; a cell they do not, among cells whose true
         * values are all at least 2, is not (the true values can move along the equations' free direction without
         * reaching the bound of 1). Only the rest needs the linear programs.
         */
        boolean pinned(String cell) {
            int j = index.get(cell);
            if (determined().contains(j)) {
                return true;
            }
            Set<Integer> component = component(j);
            if (free.contains(j) || component.stream().allMatch(k -> truth[k] >= 2)) {
                return false;
            }
            List<Integer> vs = new ArrayList<>(component);
            Collection<LinearConstraint> constraints = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                boolean touches = false;
                double[] local = new double[vs.size()];
                for (int k = 0; k < vs.size(); k++) {
                    local[k] = row[vs.get(k)];
                    touches |= local[k] != 0;
                }
                if (touches) {
                    constraints.add(new LinearConstraint(local, Relationship.EQ, rhs.get(r)));
                }
            }
            for (int k = 0; k < vs.size(); k++) {
                double[] unit = new double[vs.size()];
                unit[k] = 1;
                constraints.add(new LinearConstraint(unit, Relationship.GEQ, 1));
            }
            double[] objective = new double[vs.size()];
            objective[vs.indexOf(index.get(cell))] = 1;
            try {
                // Each solution is a feasible table: any cell it gives another value than the truth is free.
                for (GoalType goal : List.of(GoalType.MINIMIZE, GoalType.MAXIMIZE)) {
                    double[] point = new SimplexSolver().optimize(new LinearObjectiveFunction(objective, 0),
                            new LinearConstraintSet(constraints), goal, new NonNegativeConstraint(true),
                            new MaxIter(10_000)).getPoint();
                    for (int k = 0; k < vs.size(); k++) {
                        if (Math.abs(point[k] - truth[vs.get(k)]) > 0.5) {
                            free.add(vs.get(k));
                        }
                    }
                    if (free.contains(j)) {
                        return false;
                    }
                }
                return true;
            } catch (UnboundedSolutionException e) {
                return false;
            } catch (NoFeasibleSolutionException e) {
                return false;
            }
        }

        /**
         * The cells the equations determine by linear algebra alone (e.g. a suppressed column total is the grand total
         * minus the other column totals): Gauss–Jordan elimination; a cell is determined when its pivot row has no
         * free cell.
         */
        private Set<Integer> determined() {
            if (determined != null) {
                return determined;
            }
            int n = vars.size();
            List<double[]> m = new ArrayList<>();
            rows.forEach(r -> m.add(r.clone()));
            int[] pivotRowOf = new int[n];
            java.util.Arrays.fill(pivotRowOf, -1);
            int r = 0;
            for (int c = 0; c < n && r < m.size(); c++) {
                int best = -1;
                for (int i = r; i < m.size(); i++) {
                    if (Math.abs(m.get(i)[c]) > 1e-9 && (best < 0 || Math.abs(m.get(i)[c]) > Math.abs(m.get(best)[c]))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    continue;
                }
                double[] pivot = m.get(best);
                m.set(best, m.get(r));
                m.set(r, pivot);
                double p = pivot[c];
                for (int k = 0; k < n; k++) {
                    pivot[k] /= p;
                }
                for (int i = 0; i < m.size(); i++) {
                    double[] other = m.get(i);
                    if (i != r && Math.abs(other[c]) > 1e-12) {
                        double f = other[c];
                        for (int k = 0; k < n; k++) {
                            other[k] -= f * pivot[k];
                        }
                    }
                }
                pivotRowOf[c] = r++;
            }
            determined = new TreeSet<>();
            for (int c = 0; c < n; c++) {
                if (pivotRowOf[c] < 0) {
                    continue;
                }
                double[] row = m.get(pivotRowOf[c]);
                boolean alone = true;
                for (int k = 0; k < n && alone; k++) {
                    alone = k == c || Math.abs(row[k]) < 1e-9;
                }
                if (alone) {
                    determined.add(c);
                }
            }
            return determined;
        }

        /** The cells linked to {@code start} through shared equations. */
        private Set<Integer> component(int start) {
            Set<Integer> seen = new TreeSet<>(List.of(start));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (double[] row : rows) {
                    boolean linked = false;
                    for (int k : seen) {
                        if (row[k] != 0) {
                            linked = true;
                            break;
                        }
                    }
                    if (linked) {
                        for (int k = 0; k < row.length; k++) {
                            if (row[k] != 0) {
                                grew |= seen.add(k);
                            }
                        }
                    }
                }
            }
            return seen;
        }
    }
}
