package org.chainbreaker.platform.events;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells countries whose grants ran out that their access ended: every replica calls the service's
 * {@code grants_tell_ended} (under the maintenance connection) periodically; the function claims the ended grants
 * with SKIP LOCKED and marks them in the same transaction, so replicas share the work and never tell twice.
 */
public final class GrantEndings implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrantEndings.class);
    private static final int BATCH = 500;

    private final JdbcTemplate maintenance;
    private final Duration interval;
    private volatile Thread worker;

    public GrantEndings(JdbcTemplate maintenance, Duration interval) {
        this.maintenance = maintenance;
        this.interval = interval;
    }

    /** Tells what has ended so far; returns how many endings it told. */
    public int tellNow() {
        int total = 0;
        while (true) {
            Integer told = maintenance.queryForObject("select grants_tell_ended(?)", Integer.class, BATCH);
            int n = told == null ? 0 : told;
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    @Override
    public void start() {
        worker = Thread.ofVirtual().name("grant-endings").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    tellNow();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Telling ended grants failed; next attempt in {}: {}", interval, e.getMessage());
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
