package fi.tilannekuva.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent parts of a stage at the same time on a few threads: a part that fails stops the parts not yet
 * started, the running ones finish (each is one or more whole commits), and the first failure is thrown with the
 * others suppressed.
 */
final class SideBySide implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService pool;
    private final List<Future<?>> started = new ArrayList<>();

    SideBySide(String name, int threads) {
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void start(Runnable part) {
        started.add(pool.submit(part));
    }

    /** Waits for every part started so far. */
    void await() {
        RuntimeException failure = null;
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                    started.forEach(other -> other.cancel(false));
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (CancellationException cancelled) {
                // Not started after an earlier part's failure.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
