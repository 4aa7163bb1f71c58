package org.chainbreaker.systemtests;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.systemtests.Faces.Face;

/**
 * Reads one tenant's event stream ({@code WatchEvents}) of one service through either face of the
 * gateway (gRPC stream, or Server-Sent Events resumed by {@code Last-Event-ID}) from a cursor up to
 * a beacon: an event the caller provokes itself on a record only that tenant's side sees. Opened
 * after the beacon was committed, the stream delivers everything up to it while the caller does
 * nothing else, so every event read was filtered by the service in one known state of the data:
 * what the stream carries can be compared exactly with what the tenant may see.
 */
final class EventStreamProbe {

    /** How long a stream may take to deliver the beacon before that counts as a failure. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Object END = new Object();

    private EventStreamProbe() {}

    /**
     * A stream failed or did not deliver its beacon: not a model violation by itself, but the run
     * cannot go on.
     */
    static final class StreamFailure extends RuntimeException {
        StreamFailure(String message) {
            super(message);
        }
    }

    /**
     * The events after {@code cursor} up to and including the first one {@code isBeacon} accepts.
     * With a cursor the beacon is provoked before the stream opens; without one (a stream that
     * starts "now") after it opens, again every second until it arrives, since the client cannot
     * tell when the server took its starting point.
     */
    static List<Event> readUntilBeacon(
            Face face,
            String service,
            String token,
            String cursor,
            Runnable beacon,
            Predicate<Event> isBeacon) {
        if (!cursor.isEmpty()) {
            beacon.run();
        }
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        AutoCloseable stream;
        try {
            stream =
                    face == Face.GRPC
                            ? openGrpc(service, token, cursor, queue)
                            : openSse(service, token, cursor, queue);
        } catch (IOException e) {
            throw new StreamFailure(
                    service + " WatchEvents via " + face + " could not be opened: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (stream) {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long nextBeacon = cursor.isEmpty() ? System.nanoTime() : Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new StreamFailure(
                            service
                                    + " WatchEvents via "
                                    + face
                                    + " did not deliver the beacon within "
                                    + PATIENCE.toSeconds()
                                    + " s (read "
                                    + events.size()
                                    + " events)");
                }
                if (now >= nextBeacon) {
                    beacon.run();
                    nextBeacon = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                Object next =
                        queue.poll(
                                Math.min(deadline, nextBeacon) - System.nanoTime(),
                                TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
                if (next == END) {
                    throw new StreamFailure(
                            service + " WatchEvents via " + face + " ended before the beacon");
                }
                if (next instanceof Throwable t) {
                    throw new StreamFailure(service + " WatchEvents via " + face + " failed: " + t);
                }
                Event event = (Event) next;
                if (event.getHeartbeat()) {
                    continue;
                }
                events.add(event);
                if (isBeacon.test(event)) {
                    return events;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (StreamFailure e) {
            throw e;
        } catch (Exception e) {
            throw new StreamFailure(service + " WatchEvents via " + face + ": " + e);
        }
    }

    private static AutoCloseable openGrpc(
            String service, String token, String cursor, BlockingQueue<Object> queue) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        Channel channel =
                ClientInterceptors.intercept(
                        RunningSuite.gatewayGrpc(),
                        MetadataUtils.newAttachHeadersInterceptor(headers));
        MethodDescriptor<WatchEventsRequest, Event> method =
                MethodDescriptor.<WatchEventsRequest, Event>newBuilder()
                        .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                        .setFullMethodName(service + "/WatchEvents")
                        .setRequestMarshaller(
                                ProtoUtils.marshaller(WatchEventsRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(Event.getDefaultInstance()))
                        .build();
        ClientCall<WatchEventsRequest, Event> call =
                channel.newCall(
                        method,
                        CallOptions.DEFAULT.withDeadlineAfter(
                                PATIENCE.toMillis() + 5000, TimeUnit.MILLISECONDS));
        ClientCalls.asyncServerStreamingCall(
                call,
                WatchEventsRequest.newBuilder().setCursor(cursor).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(Event value) {
                        queue.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        queue.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        queue.add(END);
                    }
                });
        return () -> call.cancel("the probe read what it needed", null);
    }

    /**
     * The SSE face: {@code id:} lines carry cursors, {@code data:} lines the event in proto3 JSON.
     */
    private static AutoCloseable openSse(
            String service, String token, String cursor, BlockingQueue<Object> queue)
            throws IOException, InterruptedException {
        String path = Faces.endpoint(service, "WatchEvents").pathTemplate();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(RunningSuite.get().restUrl() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .GET();
        if (!cursor.isEmpty()) {
            request.header("Last-Event-ID", cursor);
        }
        HttpResponse<InputStream> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        if (response.statusCode() != 200) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            body.close();
            throw new StreamFailure(
                    service
                            + " WatchEvents via REST answered "
                            + response.statusCode()
                            + " "
                            + text);
        }
        Thread reader =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try (BufferedReader lines =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            body, StandardCharsets.UTF_8))) {
                                        StringBuilder data = new StringBuilder();
                                        boolean error = false;
                                        String line;
                                        while ((line = lines.readLine()) != null) {
                                            if (line.isEmpty()) {
                                                if (!data.isEmpty()) {
                                                    if (error) {
                                                        queue.add(
                                                                new StreamFailure(
                                                                        "error event " + data));
                                                    } else {
                                                        Event.Builder event = Event.newBuilder();
                                                        JsonFormat.parser()
                                                                .merge(data.toString(), event);
                                                        queue.add(event.build());
                                                    }
                                                }
                                                data.setLength(0);
                                                error = false;
                                            } else if (line.startsWith("data:")) {
                                                data.append(line.substring(5).strip());
                                            } else if (line.startsWith("event:")) {
                                                error = line.substring(6).strip().equals("problem");
                                            }
                                        }
                                        queue.add(END);
                                    } catch (InvalidProtocolBufferException e) {
                                        queue.add(e);
                                    } catch (IOException e) {
                                        // Closed by the probe once it read what it needed.
                                        queue.add(END);
                                    }
                                });
        return () -> {
            body.close();
            reader.interrupt();
        };
    }
}
