package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;

/**
 * A WatchEvents subscriber on a raw client call: it takes messages only when asked ({@link #take}),
 * so a test can play a subscriber that stops reading; every message is kept with the time it
 * arrived, heartbeats included.
 */
final class EventSubscriber implements AutoCloseable {

    record Received(Event event, long nanos) {}

    record Closed(Status status, Metadata trailers) {}

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Metadata> headers = new CompletableFuture<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    private final ClientCall<WatchEventsRequest, Event> call;

    EventSubscriber(Channel channel, String token, String cursor, boolean reading) {
        call = channel.newCall(CaseServiceGrpc.getWatchEventsMethod(), CallOptions.DEFAULT);
        Metadata metadata = new Metadata();
        metadata.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onHeaders(Metadata h) {
                        headers.complete(h);
                    }

                    @Override
                    public void onMessage(Event message) {
                        received.add(new Received(message, System.nanoTime()));
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(new Closed(status, trailers));
                    }
                },
                metadata);
        call.sendMessage(WatchEventsRequest.newBuilder().setCursor(cursor).build());
        call.halfClose();
        if (reading) {
            call.request(Integer.MAX_VALUE);
        }
    }

    /** A subscriber that reads everything, over the test service's channel. */
    static EventSubscriber reading(String token, String cursor) {
        return new EventSubscriber(RunningCaseService.channel, token, cursor, true);
    }

    /** The country's investigator reading its stream from the head. */
    static EventSubscriber investigatorOf(String country) {
        return reading(
                RunningCaseService.TOKENS.token(
                        country, country.toLowerCase() + "-investigator", "investigator"),
                "");
    }

    /** Starts reading (a subscriber that stopped reading resumes). */
    void take() {
        call.request(Integer.MAX_VALUE);
    }

    /** The next event that is not a heartbeat, within the timeout, or null. */
    Event nextEvent(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            Received r =
                    received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                return null;
            }
            if (!r.event().getHeartbeat()) {
                return r.event();
            }
        }
    }

    /** The next event that is not a heartbeat; fails the test when none comes within 5 s. */
    Event next() throws InterruptedException {
        Event event = nextEvent(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 s").isNotNull();
        return event;
    }

    /** Every event (no heartbeat) until the stream has been quiet for that long. */
    List<Event> drainFor(Duration quiet) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        Event event;
        while ((event = nextEvent(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(event);
        }
        return all;
    }

    /** The first event that is wanted; fails the test when none comes within 15 s. */
    Event until(Predicate<Event> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Event e;
        while ((e = nextEvent(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event on the stream within 15 s");
    }

    @Override
    public void close() {
        call.cancel("the test is done", null);
    }
}
