package fi.tilannekuva.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

    @Test
    void resultsComeBackInTheOrderThePartsWereStarted() {
        try (SideBySide parts = new SideBySide("test", 2)) {
            Supplier<String> slow = parts.start(() -> {
                sleep(50);
                return "first";
            });
            Supplier<String> fast = parts.start(() -> "second");
            parts.await();
            assertEquals(List.of("first", "second"), List.of(slow.get(), fast.get()));
        }
    }

    @Test
    void aFailureStopsThePartsNotYetStartedLetsTheRunningOnesFinishAndIsThrownFirst() throws InterruptedException {
        AtomicBoolean runningFinished = new AtomicBoolean();
        AtomicBoolean lateStarted = new AtomicBoolean();
        CountDownLatch bothRunning = new CountDownLatch(2);
        IllegalStateException thrown;
        try (SideBySide parts = new SideBySide("test", 2)) {
            parts.start(() -> {
                bothRunning.countDown();
                await(bothRunning);
                throw new IllegalStateException("first part failed");
            });
            parts.start(() -> {
                bothRunning.countDown();
                await(bothRunning);
                sleep(200);
                runningFinished.set(true);
                throw new IllegalArgumentException("second part failed later");
            });
            // Two threads, both busy: this part waits in the queue and is never started.
            parts.start(() -> lateStarted.set(true));
            thrown = assertThrows(IllegalStateException.class, parts::await);
        }
        // Closing waited for the part that was running.
        assertTrue(runningFinished.get());
        assertFalse(lateStarted.get());
        assertEquals("first part failed", thrown.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
