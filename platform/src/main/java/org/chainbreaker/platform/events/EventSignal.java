package org.chainbreaker.platform.events;

import java.time.Duration;

/**
 * Wakes the event streams of this process when new events got positions, so they need not poll
 * fast.
 */
public final class EventSignal {

    private long generation;

    public synchronized void fire() {
        generation++;
        notifyAll();
    }

    /**
     * Waits until fired after {@code seen}, or the timeout; returns the generation to pass next
     * time.
     */
    public synchronized long awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return generation;
    }

    public synchronized long generation() {
        return generation;
    }
}
