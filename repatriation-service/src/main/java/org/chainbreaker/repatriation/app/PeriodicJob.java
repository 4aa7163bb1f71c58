package org.chainbreaker.repatriation.app;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background round run every interval on a virtual thread, from start to stop of the application.
 * Each round must be safe with several replicas running it at once (rows claimed with FOR UPDATE
 * SKIP LOCKED).
 */
abstract class PeriodicJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private volatile Thread worker;

    PeriodicJob(String name) {
        this.name = name;
    }

    private static final Duration MAX_DELAY = Duration.ofMinutes(10);

    abstract Duration interval();

    /**
     * When to try again after {@code failures} failed attempts: the interval, doubled per failure,
     * at most 10 min.
     */
    static Instant backoff(Instant now, Duration interval, int failures) {
        Duration delay = interval.multipliedBy(1L << Math.min(Math.max(failures, 0), 6));
        return now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    /** One round. */
    abstract void round();

    @Override
    public void start() {
        worker =
                Thread.ofVirtual()
                        .name(name)
                        .start(
                                () -> {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        try {
                                            Thread.sleep(interval());
                                            round();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        } catch (RuntimeException e) {
                                            log.warn(
                                                    "A round of {} failed: {}",
                                                    name,
                                                    e.getMessage());
                                        }
                                    }
                                });
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
