package org.chainbreaker.cases;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    @Override
    public void close() {
        call.cancel("the test is done", null);
    }
}
