package org.chainbreaker.platform.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.platform.events.CursorCodec;
import org.chainbreaker.platform.events.EventFeed;
import org.chainbreaker.platform.events.EventSignal;
import org.chainbreaker.platform.events.StoredEvent;
import org.chainbreaker.platform.tenancy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code WatchEvents}: follows the outbox after the caller's cursor, delivering what the
 * caller's tenant may see at that moment, with heartbeats while idle, until the client goes away.
 * Each stream runs on a virtual thread.
 */
public final class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 200;

    /** Upper bound on the wait between reads, for events positioned by another replica's relay. */
    private static final Duration MAX_WAIT = Duration.ofMillis(200);

    private final EventFeed feed;
    private final EventSignal signal;
    private final CursorCodec cursors;
    private final Duration heartbeat;

    public EventStreams(
            EventFeed feed, EventSignal signal, CursorCodec cursors, Duration heartbeat) {
        this.feed = feed;
        this.signal = signal;
        this.cursors = cursors;
        this.heartbeat = heartbeat;
    }

    public void serve(Caller caller, WatchEventsRequest request, StreamObserver<Event> observer) {
        long start =
                request.getCursor().isEmpty()
                        ? feed.head()
                        : cursors.decode(request.getCursor(), "cursor");
        ServerCallStreamObserver<Event> stream = (ServerCallStreamObserver<Event>) observer;
        Thread worker =
                Thread.ofVirtual()
                        .name("events-" + caller.tenant())
                        .unstarted(() -> follow(caller, start, stream));
        stream.setOnCancelHandler(worker::interrupt);
        worker.start();
    }

    private void follow(Caller caller, long start, ServerCallStreamObserver<Event> stream) {
        long position = start;
        long lastSent = System.nanoTime();
        long generation = signal.generation();
        try {
            while (!stream.isCancelled()) {
                List<StoredEvent> events = feed.after(caller.tenant(), position, BATCH);
                for (StoredEvent event : events) {
                    stream.onNext(toMessage(event));
                    position = event.position();
                    lastSent = System.nanoTime();
                }
                if (events.size() == BATCH) {
                    continue;
                }
                if (Duration.ofNanos(System.nanoTime() - lastSent).compareTo(heartbeat) >= 0) {
                    stream.onNext(Event.newBuilder().setHeartbeat(true).build());
                    lastSent = System.nanoTime();
                }
                generation = signal.awaitAfter(generation, MAX_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stream.isCancelled()) {
                log.warn("Event stream for {} ended: {}", caller.tenant(), e.getMessage());
                stream.onError(StatusMapping.toStatusException(e));
            }
        }
    }

    private Event toMessage(StoredEvent event) {
        return Event.newBuilder()
                .setCursor(cursors.encode(event.position()))
                .setType(event.eventType())
                .setRecordType(event.recordType())
                .setRecordId(event.recordId())
                .setOwnerCountry(event.ownerCountry())
                .setOccurTime(
                        Timestamp.newBuilder()
                                .setSeconds(event.occurTime().getEpochSecond())
                                .setNanos(event.occurTime().getNano()))
                .build();
    }
}
