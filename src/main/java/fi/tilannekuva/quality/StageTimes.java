package fi.tilannekuva.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock seconds spent per stage of a run (read, bronze, silver, gold), for the run log and benchmarks. */
public final class StageTimes {

    public static final String READ = "read";
    public static final String BRONZE = "bronze";
    public static final String SILVER = "silver";
    public static final String GOLD = "gold";

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public StageTimes() {
        for (String s : new String[]{READ, BRONZE, SILVER, GOLD}) {
            nanos.put(s, 0L);
        }
    }

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos.merge(stage, System.nanoTime() - start, Long::sum);
        }
    }

    public void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    public double seconds(String stage) {
        return nanos.getOrDefault(stage, 0L) / 1e9;
    }

    public Map<String, Double> all() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }
}
