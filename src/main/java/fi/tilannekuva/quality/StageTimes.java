package fi.tilannekuva.quality;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Seconds spent per stage of a run (read, bronze, silver, gold), for the run log and benchmarks. Sources are loaded
 * at the same time, so bronze and silver are the sums over sources and may exceed the loading's wall time.
 */
public final class StageTimes {

    /** The stages of a refresh, in order: the run log's {@code read_seconds} to {@code gold_seconds}. */
    public enum Stage { READ, BRONZE, SILVER, GOLD }

    private volatile long loadingNanos;
    /** Sources are loaded in parallel: their times are summed from several threads. */
    private final Map<Stage, Long> nanos = Collections.synchronizedMap(new EnumMap<>(Stage.class));

    public StageTimes() {
        for (Stage s : Stage.values()) {
            nanos.put(s, 0L);
        }
    }

    public <T> T time(Stage stage, Supplier<T> work) {
        return timed(work, elapsed -> nanos.merge(stage, elapsed, Long::sum));
    }

    public void time(Stage stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    public double seconds(Stage stage) {
        return nanos.getOrDefault(stage, 0L) / 1e9;
    }

    /** The wall time of loading, while read, bronze and silver ran for several sources at once. */
    public <T> T timeLoading(Supplier<T> work) {
        return timed(work, elapsed -> loadingNanos = elapsed);
    }

    private static <T> T timed(Supplier<T> work, LongConsumer elapsed) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            elapsed.accept(System.nanoTime() - start);
        }
    }

    public double loadingSeconds() {
        return loadingNanos / 1e9;
    }
}
