package org.chainbreaker.platform.jobs;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background round run every interval on a virtual thread, from start to stop of the application.
 * Each round must be safe with several replicas running it at once (rows claimed with FOR UPDATE
 * SKIP LOCKED): no replica is elected, every replica runs every round. A failed round is logged and
 * the next one runs at the next interval.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private final String name;
    private volatile Thread worker;

    protected PeriodicJob(String name) {
        this.name = name;
    }

    /** The pause before each round. */
    protected abstract Duration interval();

    /** One round. */
    protected abstract void round();

    /**
     * When to try an item again after {@code failures} failed attempts: the interval, doubled per
     * failure, at most 10 min.
     */
    public static Instant backoff(Instant now, Duration interval, int failures) {
        Duration delay = interval.multipliedBy(1L << Math.min(Math.max(failures, 0), 6));
        return now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    @Override
    public void start() {
        worker = Thread.ofVirtual().name(name).start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval());
                round();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("A round of {} failed: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
