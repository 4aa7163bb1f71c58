package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FaultSuite.*;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.FaultLedger.Target;

/**
 * The clients of the fault tests: writers that retry until acknowledged, readers that tally the
 * answers.
 */
final class FaultClients {

    private FaultClients() {}

    /**
     * Writes new records one after the other and retries each unacknowledged write with its key
     * until the suite acknowledges it. Cases are then shared with Malaysia (an audited grant);
     * repatriations are then read by INTERPOL (an audited coordinator read). A refusal that is the
     * client's fault (4xx) would be a bug: it is recorded.
     */
    static final class Writer {
        private final FaultLedger ledger;
        private final Target target;
        private final Face face;
        private final String user;
        private final String name;
        private final AtomicBoolean finishing = new AtomicBoolean();
        private Thread thread;

        Writer(FaultLedger ledger, Target target, Face face, String user) {
            this.ledger = ledger;
            this.target = target;
            this.face = face;
            this.user = user;
            this.name = target.name().toLowerCase() + "-" + face.name().toLowerCase() + "-" + user;
        }

        void start() {
            thread = Thread.ofVirtual().name("writer-" + name).start(this::run);
        }

        /** Lets the current write finish (acknowledged), then ends. */
        void finish() {
            finishing.set(true);
        }

        void join() {
            try {
                thread.join(GIVE_UP.toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            for (int n = 1; !finishing.get(); n++) {
                String key = ledger.runTag + "-" + name + "-" + n;
                long started = System.nanoTime();
                Outcome created = untilAcknowledged(key, () -> create(key));
                if (created == null) {
                    return;
                }
                if (target == Target.CASES) {
                    String id = created.as(Case.parser()).getId();
                    ledger.acknowledged(target, key, id, started);
                    ShareCaseRequest share =
                            ShareCaseRequest.newBuilder()
                                    .setId(id)
                                    .setCountry(PARTNER)
                                    .setHandlingCode(HandlingCode.H2)
                                    .build();
                    if (untilAcknowledged(
                                    key + " (share)",
                                    () ->
                                            faces.call(
                                                    face,
                                                    Faces.endpoint(CASES, "ShareCase"),
                                                    token(user),
                                                    share))
                            == null) {
                        return;
                    }
                    ledger.shares.add(id);
                } else {
                    String id = created.as(Repatriation.parser()).getId();
                    ledger.acknowledged(target, key, id, started);
                    GetRepatriationRequest read =
                            GetRepatriationRequest.newBuilder().setId(id).build();
                    if (untilAcknowledged(
                                    key + " (coordinator read)",
                                    () ->
                                            faces.call(
                                                    face,
                                                    Faces.endpoint(REPATRIATION, "GetRepatriation"),
                                                    token("interpol-liaison"),
                                                    read))
                            == null) {
                        return;
                    }
                    ledger.reads.add(id);
                }
            }
        }

        private Outcome create(String key) {
            Message record;
            Endpoint endpoint;
            Message request;
            if (target == Target.CASES) {
                endpoint = Faces.endpoint(CASES, "CreateCase");
                record =
                        Case.newBuilder()
                                .setTitle(marker(key))
                                .setCategory(Case.Category.ONLINE_SCAM)
                                .setSummary("written while faults are injected")
                                .build();
                request =
                        CreateCaseRequest.newBuilder()
                                .setCase((Case) record)
                                .setRequestId(key)
                                .build();
            } else {
                endpoint = Faces.endpoint(REPATRIATION, "CreateRepatriation");
                String sending = user.substring(0, 2).toUpperCase();
                record =
                        Repatriation.newBuilder()
                                .setKind(Repatriation.Kind.VICTIM_RETURN)
                                .setSendingCountry(sending)
                                .setReceivingCountry("ID")
                                .setVictimGroup(
                                        VictimGroup.newBuilder()
                                                .setCount(3)
                                                .addNationalities("ID")
                                                .addLanguages("id")
                                                .addSupportNeeds(marker(key)))
                                .build();
                request =
                        CreateRepatriationRequest.newBuilder()
                                .setRepatriation((Repatriation) record)
                                .setRequestId(key)
                                .build();
            }
            if (face == Face.GRPC) {
                return faces.call(Face.GRPC, endpoint, token(user), request);
            }
            try {
                // The key travels only in the header, as a partner's REST client would send it.
                byte[] body = JsonFormat.printer().print(record).getBytes(StandardCharsets.UTF_8);
                return faces.rest(
                        endpoint,
                        "POST",
                        endpoint.pathTemplate(),
                        "Bearer " + token(user),
                        body,
                        "application/json",
                        "Idempotency-Key",
                        key);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Calls until the answer is OK; a fault of the suite (5xx, no answer) means: the same call
         * again.
         */
        private Outcome untilAcknowledged(String what, Supplier<Outcome> call) {
            long giveUp = System.nanoTime() + GIVE_UP.toNanos();
            while (true) {
                ledger.attempts.incrementAndGet();
                Outcome outcome = call.get();
                if (outcome.ok()) {
                    return outcome;
                }
                boolean fault =
                        outcome.face() == Face.REST
                                ? outcome.http() == 0 || outcome.http() >= 500
                                : UNACKNOWLEDGED.contains(outcome.code());
                if (!fault) {
                    ledger.failures.add(what + ": refused with " + outcome);
                    return null;
                }
                ledger.faultAnswers.merge(outcome.label(), 1L, Long::sum);
                ledger.retries.incrementAndGet();
                if (System.nanoTime() > giveUp) {
                    ledger.failures.add(
                            what + ": not acknowledged within " + GIVE_UP + ", last " + outcome);
                    return null;
                }
                pause(RETRY_PAUSE);
            }
        }
    }

    /** Codes after which a client cannot know whether its write happened, and sends it again. */
    static final Set<Status.Code> UNACKNOWLEDGED =
            Set.of(
                    Status.Code.UNAVAILABLE,
                    Status.Code.DEADLINE_EXCEEDED,
                    Status.Code.INTERNAL,
                    Status.Code.UNKNOWN,
                    Status.Code.CANCELLED);

    static String marker(String key) {
        return "Fault test " + key;
    }

    /**
     * Reads wanted persons from the fugitive-service through the gateway, without retrying, and
     * tallies the answers.
     */
    static final class Reader {
        final Face face;
        private final String user;
        final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong breakerRefusals = new AtomicLong();
        final AtomicLong bulkheadRefusals = new AtomicLong();
        final ConcurrentLinkedQueue<Long> refusalNanos = new ConcurrentLinkedQueue<>();
        final AtomicLong successesSinceReset = new AtomicLong();
        private final AtomicBoolean finishing = new AtomicBoolean();
        private Thread thread;

        Reader(Face face, String user) {
            this.face = face;
            this.user = user;
        }

        void start() {
            thread = Thread.ofVirtual().start(this::run);
        }

        void finish() {
            finishing.set(true);
        }

        void resetSuccesses() {
            successesSinceReset.set(0);
        }

        void join() {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static Map<String, Long> answers(List<Reader> readers) {
            Map<String, Long> all = new TreeMap<>();
            readers.forEach(r -> r.answers.forEach((k, v) -> all.merge(k, v.get(), Long::sum)));
            return all;
        }

        static long breakerRefusals(List<Reader> readers, Face face) {
            return readers.stream()
                    .filter(r -> r.face == face)
                    .mapToLong(r -> r.breakerRefusals.get())
                    .sum();
        }

        private void run() {
            Endpoint list = Faces.endpoint(FUGITIVES, "ListWantedPersons");
            while (!finishing.get()) {
                long started = System.nanoTime();
                Outcome outcome =
                        faces.call(
                                face,
                                list,
                                token(user),
                                ListWantedPersonsRequest.newBuilder().setPageSize(5).build());
                long took = System.nanoTime() - started;
                answered.incrementAndGet();
                answers.computeIfAbsent(outcome.label(), k -> new AtomicLong()).incrementAndGet();
                if (outcome.ok()) {
                    successesSinceReset.incrementAndGet();
                } else if (face == Face.GRPC
                        ? outcome.code() == Status.Code.UNAVAILABLE
                                && outcome.text().contains(BREAKER_REFUSAL)
                        : outcome.http() == 503) {
                    // REST answers the open breaker and the full bulkhead alike (a 503 problem with
                    // Retry-After);
                    // while the service is only slow, nothing else answers 503.
                    breakerRefusals.incrementAndGet();
                    refusalNanos.add(took);
                } else if (outcome.text().contains(BULKHEAD_REFUSAL)) {
                    bulkheadRefusals.incrementAndGet();
                }
                pause(Duration.ofMillis(50));
            }
        }
    }
}
