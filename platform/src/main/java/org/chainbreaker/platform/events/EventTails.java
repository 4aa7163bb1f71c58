package org.chainbreaker.platform.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader per country with subscribers on this replica: woken by the {@link EventSignal} (this
 * replica's relay, or any replica's through {@link OutboxListener}), it reads as that country what
 * is new and keeps the latest events in memory, where all of that country's streams on this replica
 * take them. The database's work while nothing happens is therefore independent of the number of
 * subscribers (one re-read per country every {@code resync}, against a lost notification), and a
 * new event costs one query per country, not one per subscriber. A stream whose cursor is older
 * than what a tail keeps reads the database itself until it has caught up.
 */
public final class EventTails {

    private static final Logger log = LoggerFactory.getLogger(EventTails.class);
    private static final int BATCH = 500;

    private final EventFeed feed;
    private final EventSignal signal;
    private final int capacity;
    private final Duration resync;
    private final Map<String, Tail> tails = new HashMap<>();

    /**
     * @param capacity how many of the latest events a country's tail keeps (bounds memory per
     *     country)
     * @param resync how often a tail reads even without a signal (a notification lost with a
     *     connection)
     */
    public EventTails(EventFeed feed, EventSignal signal, int capacity, Duration resync) {
        this.feed = feed;
        this.signal = signal;
        this.capacity = capacity;
        this.resync = resync;
    }

    /** The country's tail, started if it has none on this replica; pair with {@link #leave}. */
    public Tail join(String tenant) {
        synchronized (tails) {
            Tail tail = tails.get(tenant);
            if (tail == null) {
                tail = new Tail(tenant, feed.head());
                tails.put(tenant, tail);
                Tail started = tail;
                Thread.ofVirtual().name("events-tail-" + tenant).start(() -> started.run());
            }
            tail.subscribers++;
            return tail;
        }
    }

    public void leave(Tail tail) {
        synchronized (tails) {
            tail.subscribers--;
        }
    }

    /** How many streams of the country are open on this replica (for tests and metrics). */
    public int subscribers(String tenant) {
        synchronized (tails) {
            Tail tail = tails.get(tenant);
            return tail == null ? 0 : tail.subscribers;
        }
    }

    /** Whether the country has a reader on this replica now (for tests). */
    public boolean reading(String tenant) {
        synchronized (tails) {
            return tails.containsKey(tenant);
        }
    }

    /** How many countries have a reader on this replica (for tests and metrics). */
    public int readers() {
        synchronized (tails) {
            return tails.size();
        }
    }

    public final class Tail {

        private final String tenant;
        private int subscribers;
        private final ArrayDeque<StoredEvent> kept = new ArrayDeque<>();

        /**
         * Every event this country may see with a position above the floor (up to the head) is
         * kept.
         */
        private long floor;

        private long head;

        private Tail(String tenant, long start) {
            this.tenant = tenant;
            this.floor = start;
            this.head = start;
        }

        public String tenant() {
            return tenant;
        }

        public synchronized long floor() {
            return floor;
        }

        /**
         * Up to {@code max} kept events after {@code position}, in order; null when the tail no
         * longer (or never) kept all events after it, so the caller reads the database instead.
         */
        public synchronized List<StoredEvent> after(long position, int max) {
            if (position < floor) {
                return null;
            }
            List<StoredEvent> found = new ArrayList<>();
            for (var it = kept.descendingIterator(); it.hasNext(); ) {
                StoredEvent event = it.next();
                if (event.position() <= position) {
                    break;
                }
                found.add(event);
            }
            java.util.Collections.reverse(found);
            return found.size() > max ? found.subList(0, max) : found;
        }

        /**
         * Waits until the tail holds an event after {@code position}, or the timeout; says whether
         * it does.
         */
        public synchronized boolean awaitBeyond(long position, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (head <= position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }

        private void run() {
            long generation = signal.generation();
            while (true) {
                synchronized (tails) {
                    if (subscribers <= 0) {
                        tails.remove(tenant, this);
                        return;
                    }
                }
                try {
                    readNew();
                    generation = signal.awaitAfter(generation, resync);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The database may be restarting; streams wait, the next signal or resync reads
                    // again.
                    log.warn("Event tail of {} could not read: {}", tenant, e.getMessage());
                    try {
                        generation = signal.awaitAfter(generation, Duration.ofSeconds(1));
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private void readNew() {
            while (true) {
                long from;
                synchronized (this) {
                    from = head;
                }
                List<StoredEvent> events = feed.after(tenant, from, BATCH);
                if (!events.isEmpty()) {
                    synchronized (this) {
                        for (StoredEvent event : events) {
                            kept.addLast(event);
                            head = event.position();
                        }
                        while (kept.size() > capacity) {
                            floor = kept.removeFirst().position();
                        }
                        notifyAll();
                    }
                }
                if (events.size() < BATCH) {
                    return;
                }
            }
        }
    }
}
