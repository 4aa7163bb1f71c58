package org.chainbreaker.platform.events;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives committed events their delivery positions, in commit order, shortly after each commit.
 * Every replica runs one; the database lets one of them work at a time. Wakes local subscribers
 * when it assigned something.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final EventSignal signal;
    private final Duration interval;
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(JdbcTemplate jdbc, EventSignal signal, Duration interval) {
        this.jdbc = jdbc;
        this.signal = signal;
        this.interval = interval;
    }

    /** Assigns positions to what has committed so far; returns how many events it positioned. */
    public long relayOnce() {
        Long assigned = jdbc.queryForObject("select outbox_assign_positions()", Long.class);
        long count = assigned == null ? 0 : assigned;
        if (count > 0) {
            signal.fire();
        }
        return count;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("outbox-relay").start(this::loop);
    }

    private void loop() {
        Duration backoff = interval;
        while (running) {
            try {
                long assigned = relayOnce();
                backoff = interval;
                if (assigned < BATCH) {
                    Thread.sleep(interval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be restarting: keep trying, more slowly, without flooding the
                // log.
                log.warn("Outbox relay could not assign positions: {}", e.getMessage());
                backoff =
                        backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                                ? Duration.ofSeconds(5)
                                : backoff.multipliedBy(2);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
