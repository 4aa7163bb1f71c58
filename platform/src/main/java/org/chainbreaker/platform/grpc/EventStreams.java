package org.chainbreaker.platform.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.platform.events.CursorCodec;
import org.chainbreaker.platform.events.EventFeed;
import org.chainbreaker.platform.events.EventTails;
import org.chainbreaker.platform.events.StoredEvent;
import org.chainbreaker.platform.tenancy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code WatchEvents}: follows the outbox after the caller's cursor, delivering what the
 * caller's tenant may see, with heartbeats while idle, until the client goes away. Each stream runs
 * on a virtual thread and takes new events from its country's {@link EventTails tail} (one reader
 * per country and replica); only a stream resuming from further back than the tail keeps reads the
 * database itself.
 *
 * <p>A stream answers at once: its first message is a heartbeat, so the client (and the gateway,
 * which waits for the first message to choose between a stream and a problem) has the response
 * headers without waiting for an event.
 *
 * <p>Flow control: a message is sent only while the transport is ready for it (gRPC's
 * isReady/onReady), so a subscriber that stops reading holds at most the transport's buffer and one
 * message here. If it stays unready for the stall limit, the stream ends with RESOURCE_EXHAUSTED
 * and the trailer {@value #RESUME_CURSOR_HEADER} carrying the cursor after the last message sent,
 * from which it resumes without loss.
 */
public final class EventStreams {

    public static final String RESUME_CURSOR_HEADER = "chainbreaker-resume-cursor";
    public static final Metadata.Key<String> RESUME_CURSOR =
            Metadata.Key.of(RESUME_CURSOR_HEADER, Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 200;

    private final EventFeed feed;
    private final EventTails tails;
    private final CursorCodec cursors;
    private final Duration heartbeat;
    private final Duration stallLimit;

    public EventStreams(
            EventFeed feed,
            EventTails tails,
            CursorCodec cursors,
            Duration heartbeat,
            Duration stallLimit) {
        this.feed = feed;
        this.tails = tails;
        this.cursors = cursors;
        this.heartbeat = heartbeat;
        this.stallLimit = stallLimit;
    }

    public void serve(Caller caller, WatchEventsRequest request, StreamObserver<Event> observer) {
        long start =
                request.getCursor().isEmpty()
                        ? feed.head()
                        : cursors.decode(request.getCursor(), "cursor");
        ServerCallStreamObserver<Event> stream = (ServerCallStreamObserver<Event>) observer;
        Object ready = new Object();
        // Both handlers may only be set now, before this method returns.
        stream.setOnReadyHandler(
                () -> {
                    synchronized (ready) {
                        ready.notifyAll();
                    }
                });
        Thread worker =
                Thread.ofVirtual()
                        .name("events-" + caller.tenant())
                        .unstarted(() -> follow(caller, start, stream, ready));
        stream.setOnCancelHandler(worker::interrupt);
        worker.start();
    }

    /** Thrown when the subscriber stayed unready for the stall limit. */
    private static final class Stalled extends Exception {
        Stalled() {
            super(null, null, false, false);
        }
    }

    private void follow(
            Caller caller, long start, ServerCallStreamObserver<Event> stream, Object ready) {
        EventTails.Tail tail = tails.join(caller.tenant());
        long position = start;
        try {
            send(stream, ready, Event.newBuilder().setHeartbeat(true).build());
            long lastSent = System.nanoTime();
            while (!stream.isCancelled()) {
                long floor = tail.floor();
                List<StoredEvent> events = tail.after(position, BATCH);
                boolean fromDatabase = events == null;
                if (fromDatabase) {
                    events = feed.after(caller.tenant(), position, BATCH);
                }
                for (StoredEvent event : events) {
                    send(stream, ready, toMessage(event));
                    position = event.position();
                    lastSent = System.nanoTime();
                }
                if (events.size() == BATCH) {
                    continue;
                }
                if (fromDatabase) {
                    // Caught up: every event after the floor is in the tail, and none up to it was
                    // left unread.
                    position = Math.max(position, floor);
                    continue;
                }
                if (!events.isEmpty()) {
                    continue;
                }
                Duration sinceSent = Duration.ofNanos(System.nanoTime() - lastSent);
                if (sinceSent.compareTo(heartbeat) >= 0) {
                    send(stream, ready, Event.newBuilder().setHeartbeat(true).build());
                    lastSent = System.nanoTime();
                    sinceSent = Duration.ZERO;
                }
                tail.awaitBeyond(position, heartbeat.minus(sinceSent));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Stalled e) {
            Metadata trailers = new Metadata();
            trailers.put(RESUME_CURSOR, cursors.encode(position));
            log.info(
                    "Event stream for {} ended: the subscriber read nothing for {}",
                    caller.tenant(),
                    stallLimit);
            stream.onError(
                    Status.RESOURCE_EXHAUSTED
                            .withDescription(
                                    "the subscriber did not read for "
                                            + stallLimit
                                            + "; resume from the cursor of the last event received (trailer "
                                            + RESUME_CURSOR_HEADER
                                            + ")")
                            .asRuntimeException(trailers));
        } catch (RuntimeException e) {
            if (!stream.isCancelled()) {
                log.warn("Event stream for {} ended: {}", caller.tenant(), e.getMessage());
                stream.onError(StatusMapping.toStatusException(e));
            }
        } finally {
            tails.leave(tail);
        }
    }

    /**
     * Sends once the transport takes it; a subscriber that takes nothing for the stall limit ends
     * the stream.
     */
    private void send(ServerCallStreamObserver<Event> stream, Object ready, Event message)
            throws InterruptedException, Stalled {
        if (!stream.isReady()) {
            long deadline = System.nanoTime() + stallLimit.toNanos();
            synchronized (ready) {
                while (!stream.isReady()) {
                    if (stream.isCancelled()) {
                        throw new InterruptedException("cancelled");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new Stalled();
                    }
                    ready.wait(Math.max(1, Math.min(left / 1_000_000, 1_000)));
                }
            }
        }
        stream.onNext(message);
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
