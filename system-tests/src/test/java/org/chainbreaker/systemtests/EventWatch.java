package org.chainbreaker.systemtests;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
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
 * An open WatchEvents stream through one face of the gateway: Server-Sent Events on REST, a server
 * stream on gRPC. Events (heartbeats dropped) queue up as they arrive; a failure of the stream ends
 * it with its code and text.
 */
final class EventWatch implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How long a watch waits for an event it expects. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private volatile InputStream restBody;
    private volatile ClientCall<WatchEventsRequest, Event> grpcCall;
    private volatile Thread reader;

    /** What ended a stream. */
    record Ended(Status.Code code, String text) {}

    /**
     * Opens a watch on {@code service} (its full name) as {@code user}, after {@code cursor}
     * (empty: from now).
     */
    static EventWatch open(Face face, String service, String user, String cursor) {
        OnFace.REQUESTS.get(face).incrementAndGet();
        EventWatch watch = new EventWatch();
        Faces.Endpoint endpoint = Faces.endpoint(service, "WatchEvents");
        String token = RunningSuite.token(user);
        if (face == Face.REST) {
            String path =
                    endpoint.pathTemplate()
                            + (cursor.isEmpty()
                                    ? ""
                                    : "?cursor="
                                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(RunningSuite.get().restUrl() + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build();
            watch.reader = Thread.ofVirtual().start(() -> watch.readSse(request));
        } else {
            MethodDescriptor<WatchEventsRequest, Event> method =
                    MethodDescriptor.<WatchEventsRequest, Event>newBuilder()
                            .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                            .setFullMethodName(endpoint.fullName())
                            .setRequestMarshaller(
                                    ProtoUtils.marshaller(WatchEventsRequest.getDefaultInstance()))
                            .setResponseMarshaller(
                                    ProtoUtils.marshaller(Event.getDefaultInstance()))
                            .build();
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + token);
            var channel =
                    io.grpc.ClientInterceptors.intercept(
                            RunningSuite.gatewayGrpc(),
                            io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
            watch.grpcCall =
                    channel.newCall(
                            method, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.MINUTES));
            ClientCalls.asyncServerStreamingCall(
                    watch.grpcCall,
                    WatchEventsRequest.newBuilder().setCursor(cursor).build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(Event event) {
                            if (!event.getHeartbeat()) {
                                watch.arrivals.add(event);
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            Status status = Status.fromThrowable(t);
                            watch.arrivals.add(
                                    new Ended(
                                            status.getCode(),
                                            String.valueOf(status.getDescription())));
                        }

                        @Override
                        public void onCompleted() {
                            watch.arrivals.add(new Ended(Status.Code.OK, "(stream completed)"));
                        }
                    });
        }
        return watch;
    }

    private void readSse(HttpRequest request) {
        try {
            HttpResponse<InputStream> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            restBody = response.body();
            if (response.statusCode() != 200) {
                String text = new String(restBody.readAllBytes(), StandardCharsets.UTF_8);
                Faces.Outcome problem = problemOf(response.statusCode(), text);
                arrivals.add(new Ended(problem.code(), response.statusCode() + " " + text));
                return;
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(restBody, StandardCharsets.UTF_8));
            String kind = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        deliver(kind, data.toString());
                    }
                    kind = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    kind = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            arrivals.add(new Ended(Status.Code.OK, "(stream completed)"));
        } catch (IOException e) {
            arrivals.add(new Ended(Status.Code.UNAVAILABLE, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String kind, String data) {
        if (kind.equals("problem")) {
            arrivals.add(new Ended(problemOf(500, data).code(), data));
            return;
        }
        try {
            Event.Builder event = Event.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(data, event);
            arrivals.add(event.build());
        } catch (InvalidProtocolBufferException e) {
            arrivals.add(new Ended(Status.Code.INTERNAL, "not an Event: " + data));
        }
    }

    private static Faces.Outcome problemOf(int status, String body) {
        var m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
        Status.Code code = m.find() ? Status.Code.valueOf(m.group(1)) : Status.Code.UNKNOWN;
        return new Faces.Outcome(
                Face.REST, code, status, body, com.google.protobuf.ByteString.EMPTY);
    }

    /**
     * Reads events until one matches, within {@link #PATIENCE}; null when none came (or the stream
     * ended, which {@link #ended()} then tells). Every event read stays in {@link #seen()}.
     */
    Event until(Predicate<Event> wanted) throws InterruptedException {
        return until(wanted, PATIENCE);
    }

    Event until(Predicate<Event> wanted, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Object next = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return null;
            }
            if (next instanceof Ended end) {
                ended = end;
                return null;
            }
            Event event = (Event) next;
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    private volatile Ended ended;

    /** How the stream ended, if it did; waits up to {@link #PATIENCE} for it. */
    Ended awaitEnd() throws InterruptedException {
        until(e -> false);
        return ended;
    }

    Ended ended() {
        return ended;
    }

    List<Event> seen() {
        return seen;
    }

    @Override
    public void close() {
        if (grpcCall != null) {
            grpcCall.cancel("done", null);
        }
        InputStream body = restBody;
        if (body != null) {
            Thread.ofVirtual()
                    .start(
                            () -> {
                                try {
                                    body.close();
                                } catch (IOException ignored) {
                                    // closing only
                                }
                            });
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
