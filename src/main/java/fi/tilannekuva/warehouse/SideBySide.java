package fi.tilannekuva.warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent parts of a stage (sources being loaded, gold tables being computed) at the same time on a few
 * threads. A part that fails stops the parts not yet started; the running ones finish, since each ends in whole
 * commits; the first failure is thrown with the others suppressed. Closing waits for every part still running.
 */
public final class SideBySide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SideBySide.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final String name;
    private final ExecutorService pool;
    private final List<Future<?>> started = new ArrayList<>();
    /** Set by the first part that fails: a part that has not started by then does not start. */
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** {@code name} names the threads ({@code load-1}, …) and the waiting in the log. */
    public SideBySide(String name, int threads) {
        this.name = name;
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Runnable part) {
        start(() -> {
            part.run();
            return null;
        });
    }

    /** Starts {@code part}; its result, once {@link #await} has returned. */
    public <T> Supplier<T> start(Supplier<T> part) {
        Future<T> f = pool.submit(() -> {
            if (stopped.get()) {
                throw new CancellationException(name + ": not started after a failure");
            }
            try {
                return part.get();
            } catch (RuntimeException | Error e) {
                stopped.set(true);
                throw e;
            }
        });
        started.add(f);
        return () -> {
            if (!f.isDone()) {
                throw new IllegalStateException(name + ": a part's result asked for before await()");
            }
            try {
                return f.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * Waits for every part started so far; throws the failure of the first part (in the order they were started)
     * that failed, the others suppressed in it.
     */
    public void await() {
        RuntimeException failure = null;
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException) {
                    continue; // not started after an earlier part's failure
                }
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (cause != failure) {
                    // Once: parts that waited for one step (the ingestion log's read) all fail with its one exception.
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted", e);
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
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("{}: waiting for the parts still being written", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
