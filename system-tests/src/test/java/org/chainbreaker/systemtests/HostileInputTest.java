package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.HostileMessages.fieldChain;
import static org.chainbreaker.systemtests.HostileMessages.set;
import static org.chainbreaker.systemtests.HostileMessages.template;
import static org.chainbreaker.systemtests.HostileTokens.hostileTokens;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.HostileEndpointAttack.Attempt;
import org.chainbreaker.systemtests.HostileMessages.FieldPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A corpus of hostile requests ({@link HostileEndpointAttack}) against every public endpoint of
 * both faces of the gateway, the endpoints taken from the contract's descriptor set: malformed,
 * deeply nested and non-UTF-8 JSON, wrong JSON types, unknown fields and query parameters, invalid
 * enum names and numbers, huge strings and arrays, SQL and script metacharacters and path traversal
 * in every string field and in path ids, undecodable protobuf, and tokens that must not be accepted
 * (none, garbage, forged payload, {@code alg: none}, signed by a key of our own under the realm's
 * key id, HMAC with the realm's public key, a Keycloak token without the API audience, a token of
 * another realm, an expired token, a token naming a tenant that does not exist). Every request must
 * be refused with a 4xx (or the gRPC equivalent), with no stack trace or internal name in the
 * answer, and no table of any service's database may change.
 *
 * <p>Isolated: the row counts hold only while no other class writes to the suite (classes run side
 * by side, see junit-platform.properties).
 */
@Isolated
class HostileInputTest {

    static Suite suite;
    static Faces faces;
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());

    /** Endpoints attacked at the same time. */
    static final int SENDERS = 3;

    @BeforeAll
    static void start() {
        suite = RunningSuite.get();
        faces = Faces.ofRunningSuite();
    }

    @Test
    void every_hostile_request_is_refused_cleanly_and_changes_nothing() throws Exception {
        Map<String, Long> before = HostileVerdicts.rowCounts();
        Map<String, String> tokens = hostileTokens();
        String kr = RunningSuite.token("kr-investigator");
        HostileEndpointAttack attack = new HostileEndpointAttack(faces, attempts);

        // Endpoints side by side (each request is independent and changes nothing), a few at a
        // time.
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Void>> sent = new ArrayList<>();
            for (Endpoint endpoint : Faces.endpoints()) {
                sent.add(
                        senders.submit(
                                () -> {
                                    attack.attack(endpoint, tokens, kr);
                                    return null;
                                }));
            }
            for (Future<Void> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }

        // A body of 2 MB on the gRPC face.
        Endpoint createCase = Faces.endpoint(Faces.CASES, "CreateCase");
        DynamicMessage huge =
                set(
                        template(createCase),
                        new FieldPath("case.summary", fieldChain(createCase, "case.summary")),
                        "S".repeat(2_000_000));
        attack.record(
                createCase,
                "2 MB message",
                faces.grpc(createCase, "Bearer " + kr, huge.toByteArray()));

        // ----------------------------------------------------------------------------------------------- verdict
        Map<String, Integer> histogram = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Attempt a : attempts) {
            Outcome out = a.outcome();
            histogram.merge(out.label(), 1, Integer::sum);
            boolean refusedInBand = refusedInBand(a);
            if (!(out.clientError() || refusedInBand)) {
                failures.add(a.what() + " -> " + out.label() + " " + abbreviate(out.text()));
            }
            if (HostileVerdicts.INTERNALS.matcher(out.text()).find()) {
                failures.add(a.what() + " -> answer reveals internals: " + abbreviate(out.text()));
            }
        }
        Map<String, Long> after = HostileVerdicts.rowCounts();
        System.out.printf(
                "%nHostileInputTest: %d hostile requests against %d endpoints x 2 faces; status histogram %s%n",
                attempts.size(), Faces.endpoints().size(), histogram);
        if (!failures.isEmpty()) {
            System.out.println(
                    "HostileInputTest: "
                            + failures.size()
                            + " answers not as required, e.g.:\n  "
                            + String.join(
                                    "\n  ", failures.subList(0, Math.min(40, failures.size()))));
        }
        assertThat(attempts.size()).isGreaterThanOrEqualTo(300);
        assertThat(after)
                .as("row counts of every table of every service's database")
                .isEqualTo(before);
        assertThat(failures).as("hostile requests not refused cleanly").isEmpty();
    }

    /**
     * IngestWantedPersons answers per record: a call that recorded nothing refused every record in
     * the answer.
     */
    private static boolean refusedInBand(Attempt a) {
        if (!a.outcome().ok()
                || !a.what().startsWith("IngestWantedPersons")
                || a.outcome().face() != Face.GRPC) {
            return false;
        }
        try {
            IngestWantedPersonsResponse response =
                    IngestWantedPersonsResponse.parseFrom(a.outcome().payload());
            return response.getRecorded() == 0;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
