package org.chainbreaker.platform.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on the database's {@code chainbreaker_outbox} channel, which the relay of any replica
 * notifies when it positioned events, and fires this process's {@link EventSignal}: a write through
 * one replica wakes the streams of every replica at once, without any of them polling. One
 * connection per process, outside the pool. After the connection drops, the signal fires once it is
 * back (notifications sent meanwhile are lost, the events are not).
 */
public final class OutboxListener implements SmartLifecycle {

    static final String CHANNEL = "chainbreaker_outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);

    private final String url;
    private final String user;
    private final String password;
    private final EventSignal signal;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile boolean listening;

    public OutboxListener(String url, String user, String password, EventSignal signal) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.signal = signal;
    }

    /** Whether the listening connection is up (for tests and health). */
    public boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("outbox-listener").start(this::loop);
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = Duration.ofMillis(200);
                // Whatever was positioned while nobody listened.
                signal.fire();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null && notifications.length > 0) {
                        signal.fire();
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn(
                        "Outbox listener lost its connection, reconnecting in {}: {}",
                        backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff =
                        backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                                ? Duration.ofSeconds(5)
                                : backoff.multipliedBy(2);
            }
        }
        listening = false;
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
