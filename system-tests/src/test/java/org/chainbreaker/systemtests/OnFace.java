package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The calls a scenario of {@link EveryRpcOverBothFacesTest} makes, all through one face of the
 * gateway, with the checks every RPC shares: a success, a refusal with its code (and on REST its
 * HTTP status), a record another country may not see answering exactly like one that never existed,
 * and an invalid request that names its field and changes nothing.
 */
final class OnFace {

    /** Tags the records of this run, so that titles and names do not meet those of earlier runs. */
    static final String RUN =
            Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();

    static final Map<Face, AtomicInteger> REQUESTS =
            new EnumMap<>(Map.of(Face.REST, new AtomicInteger(), Face.GRPC, new AtomicInteger()));

    final Face face;
    private final Faces faces;

    OnFace(Face face, Faces faces) {
        this.face = face;
        this.faces = faces;
    }

    static String investigator(String tenant) {
        return tenant.toLowerCase() + "-investigator";
    }

    static String liaison(String tenant) {
        return tenant.toLowerCase() + "-liaison";
    }

    static String analyst(String tenant) {
        return tenant.toLowerCase() + "-analyst";
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    /** One request through this face as {@code user} (a user of the dev realm). */
    Outcome call(String user, String service, String method, Message request) {
        REQUESTS.get(face).incrementAndGet();
        return faces.call(face, Faces.endpoint(service, method), RunningSuite.token(user), request);
    }

    /**
     * A client stream of {@code requests} through this face (on REST a JSON array, one element per
     * message).
     */
    Outcome stream(String user, String service, String method, List<? extends Message> requests) {
        REQUESTS.get(face).incrementAndGet();
        Faces.Endpoint endpoint = Faces.endpoint(service, method);
        String authorization = "Bearer " + RunningSuite.token(user);
        return face == Face.REST
                ? faces.restStream(endpoint, authorization, requests)
                : faces.grpc(
                        endpoint,
                        authorization,
                        requests.stream().map(Message::toByteArray).toList(),
                        new io.grpc.Metadata());
    }

    /** A client stream over REST with a body as given: a JSON array, which may hold anything. */
    Outcome streamJson(String user, String service, String method, String jsonArray) {
        REQUESTS.get(face).incrementAndGet();
        Faces.Endpoint endpoint = Faces.endpoint(service, method);
        return faces.restStream(
                endpoint,
                "Bearer " + RunningSuite.token(user),
                Faces.expand(endpoint.pathTemplate(), Map.of(), true),
                jsonArray);
    }

    /** A request that must succeed; its answer. */
    <T extends Message> T ok(
            String user, String service, String method, Message request, Parser<T> answer) {
        Outcome out = call(user, service, method, request);
        if (!out.ok()) {
            fail(
                    "%s %s as %s over %s answered %s for %s",
                    service, method, user, face, out, brief(request));
        }
        return out.as(answer);
    }

    /**
     * A request that must be refused with {@code code} (and on REST the HTTP status of that code).
     */
    Outcome refused(Status.Code code, String user, String service, String method, Message request) {
        Outcome out = call(user, service, method, request);
        assertThat(out.code())
                .as("%s %s as %s over %s: %s", service, method, user, face, out)
                .isEqualTo(code);
        if (face == Face.REST) {
            assertThat(out.http())
                    .as("HTTP status of %s %s over REST: %s", service, method, out)
                    .isEqualTo(httpOf(code));
        }
        return out;
    }

    /**
     * The record named by {@code id} does not exist for {@code user}: NOT_FOUND, with exactly the
     * text (problem body, status description) of an id that never existed; an id that is not even a
     * UUID is NOT_FOUND too.
     */
    void hidden(
            String user,
            String service,
            String method,
            Function<String, Message> request,
            String id) {
        Outcome seen = refused(Status.Code.NOT_FOUND, user, service, method, request.apply(id));
        Outcome never =
                refused(
                        Status.Code.NOT_FOUND,
                        user,
                        service,
                        method,
                        request.apply(UUID.randomUUID().toString()));
        assertThat(comparable(seen.text()))
                .as(
                        "%s %s as %s over %s: a hidden record answers like a missing one",
                        service, method, user, face)
                .isEqualTo(comparable(never.text()));
        // An id that is not even a UUID names no record either (its wording may name which id it
        // was).
        refused(Status.Code.NOT_FOUND, user, service, method, request.apply("not-a-record-id"));
        assertThat(seen.text()).as("the answer names no id").doesNotContain(id);
    }

    /**
     * The record named by {@code id} does not exist for any of {@code users} (see {@link #hidden}).
     */
    void hiddenFrom(
            List<String> users,
            String service,
            String method,
            Function<String, Message> request,
            String id) {
        for (String user : users) {
            hidden(user, service, method, request, id);
        }
    }

    /**
     * Each of {@code users} sees the record but may not do this: PERMISSION_DENIED (403), never
     * NOT_FOUND.
     */
    void deniedTo(List<String> users, String service, String method, Message request) {
        for (String user : users) {
            refused(Status.Code.PERMISSION_DENIED, user, service, method, request);
        }
    }

    /**
     * An owner-only request on a record: {@code readers} see the record but are refused
     * (PERMISSION_DENIED), for {@code nobody} it does not exist.
     */
    void ownerOnly(
            List<String> readers,
            List<String> nobody,
            String service,
            String method,
            Function<String, Message> request,
            String id) {
        deniedTo(readers, service, method, request.apply(id));
        hiddenFrom(nobody, service, method, request, id);
    }

    /**
     * The owner's list of checks holds exactly one, by {@code country}, with the purpose it gave.
     */
    static void assertOneCheck(
            List<org.chainbreaker.common.v1.AuditRecord> checks, String country, String purpose) {
        assertThat(checks)
                .singleElement()
                .satisfies(
                        check -> {
                            assertThat(check.getActorCountry()).isEqualTo(country);
                            assertThat(check.getPurpose()).isEqualTo(purpose);
                        });
    }

    static List<String> investigators(List<String> tenants) {
        return tenants.stream().map(OnFace::investigator).toList();
    }

    /**
     * An invalid request: INVALID_ARGUMENT (400 on REST) that names every field given (by its proto
     * path in the gRPC status; on REST in the problem's {@code errors}, by its JSON name relative
     * to the body), and {@code state} reads the same before and after.
     */
    Outcome invalid(
            String user,
            String service,
            String method,
            Message request,
            Supplier<?> state,
            String... fields) {
        Object before = state.get();
        Outcome out = refused(Status.Code.INVALID_ARGUMENT, user, service, method, request);
        for (String field : fields) {
            assertThat(out.text())
                    .as("%s %s over %s names %s", service, method, face, field)
                    .contains(
                            fieldAsNamed(face, service, method, field)
                                    + (face == Face.REST ? "\"" : ""));
        }
        Object after = state.get();
        assertThat(after)
                .as("%s %s over %s: a refused request changes nothing", service, method, face)
                .isEqualTo(before);
        return out;
    }

    /**
     * Waits until {@code condition} holds, asking again every quarter second (for what the suite's
     * timers do: an expiring grant, an escalation, a relayed delivery); fails naming {@code what}
     * after {@code within}.
     */
    static void eventually(
            String what, java.time.Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within %s: %s", within, what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * How an answer over {@code face} names a field given by its proto path: on gRPC the path
     * itself; on REST the problem's {@code errors} entry, by the JSON name relative to the body
     * when the body is one field, without the closing quote (an item of a repeated field follows as
     * {@code [i]}).
     */
    static String fieldAsNamed(Face face, String service, String method, String field) {
        if (face == Face.GRPC) {
            return field;
        }
        String body = Faces.endpoint(service, method).body();
        String relative =
                !body.isEmpty() && !body.equals("*") && field.startsWith(body + ".")
                        ? field.substring(body.length() + 1)
                        : field;
        return "{\"field\":\"" + jsonPath(relative);
    }

    /** Nothing to compare: for requests whose refusal cannot change anything (reads, checks). */
    static final Supplier<Object> NOTHING = () -> "";

    static int httpOf(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }

    /** {@code scam_report.amount_lost} as a REST client names it: {@code scamReport.amountLost}. */
    static String jsonPath(String protoPath) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : protoPath.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A failure text without what differs between any two requests (request and trace ids). */
    static String comparable(String text) {
        return Objects.requireNonNullElse(text, "")
                .replaceAll(
                        "\"(requestId|request_id|traceId|trace_id|instance)\"\\s*:\\s*\"[^\"]*\"",
                        "\"$1\":\"\"");
    }

    static String brief(Message request) {
        String text = request.toString().replace('\n', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
