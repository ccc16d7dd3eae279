package fi.tilannekuva.method;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rank among areas: 1 is the best by the measure's polarity (the highest value when higher is better, else the
 * lowest); ties share the rank and the next rank skips (1, 2, 2, 4). The country and rows without a value get
 * no rank; {@code areas_ranked} says out of how many.
 */
public final class Ranking {

    public static final String RANK = "rank";
    public static final String RANKED = "areas_ranked";

    /** An item's rank and out of how many. */
    public record Rank(int rank, long ranked) {
    }

    private Ranking() {
    }

    /**
     * The ranks among one comparison's items (e.g. the areas of a year and measure), by identity; the caller leaves
     * out the items that take no part (the country).
     *
     * @param value          the value ranked; an item without one gets no rank
     * @param higherIsBetter the measure's polarity: highest first when true, lowest first otherwise
     */
    public static <T> Map<T, Rank> among(List<T> items, Function<T, Double> value, boolean higherIsBetter) {
        List<T> ranked = items.stream().filter(t -> value.apply(t) != null).toList();
        double[] bestFirst = ranked.stream().mapToDouble(t -> higherIsBetter ? -value.apply(t) : value.apply(t)).toArray();
        Map<T, Rank> out = new IdentityHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            int better = 0;
            for (double other : bestFirst) {
                if (other < bestFirst[i]) {
                    better++;
                }
            }
            out.put(ranked.get(i), new Rank(better + 1, ranked.size()));
        }
        return out;
    }
}
