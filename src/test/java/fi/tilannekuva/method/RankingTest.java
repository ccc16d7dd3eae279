package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankingTest {

    @Test
    void theBestByPolarityIsFirstAndTiesShareARank() {
        record Item(String measure, String area, Double value) {
        }
        List<Item> neet = List.of(new Item("neet", "01", 7.0), new Item("neet", "02", 5.0), new Item("neet", "03", 7.0),
                new Item("neet", "04", 9.0), new Item("neet", "05", null), new Item("neet", "SSS", 6.0));
        List<Item> useful = List.of(new Item("useful", "01", 40.0), new Item("useful", "02", 55.0));
        Map<Item, Ranking.Rank> ranks = new java.util.IdentityHashMap<>();
        ranks.putAll(Ranking.among(neet.stream().filter(i -> !i.area().equals("SSS")).toList(), Item::value, false));
        ranks.putAll(Ranking.among(useful, Item::value, true));
        List<String> ranked = new java.util.ArrayList<>();
        for (Item i : concat(neet, useful)) {
            Ranking.Rank r = ranks.get(i);
            ranked.add(r == null ? "null/null" : r.rank() + "/" + r.ranked());
        }
        // Lower is better for NEET: 5.0 → 1; the two 7.0s share 2; 9.0 → 4 (rank 3 is skipped); 4 areas ranked.
        // No value (05) and the country get no rank. Higher is better for usefulness: 55 → 1, 40 → 2.
        assertEquals(List.of("2/4", "1/4", "2/4", "4/4", "null/null", "null/null", "2/2", "1/2"),
                ranked);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
