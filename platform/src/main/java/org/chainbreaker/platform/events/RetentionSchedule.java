package org.chainbreaker.platform.events;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs {@link Retention} periodically on a virtual thread while the application runs. */
public final class RetentionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Retention retention;
    private final Duration interval;
    private volatile Thread worker;

    public RetentionSchedule(Retention retention, Duration interval) {
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public void start() {
        worker =
                Thread.ofVirtual()
                        .name("retention")
                        .start(
                                () -> {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        try {
                                            Thread.sleep(interval);
                                            retention.pruneNow();
                                        } catch (InterruptedException e) {
                                            return;
                                        } catch (RuntimeException e) {
                                            log.warn(
                                                    "Retention run failed; next attempt in {}: {}",
                                                    interval,
                                                    e.getMessage());
                                        }
                                    }
                                });
    }

    @Override
    public void stop() {
        Thread current = worker;
        worker = null;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
