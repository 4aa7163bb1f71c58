package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.LatLng;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.CreateRescueRequestRequest;
import org.chainbreaker.repatriation.v1.RescueLocation;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key ({@code request_id}) reused with a different request is refused with ALREADY_EXISTS naming the
 * key and creates nothing, for every create of the repatriation-service that takes a key (CreateRepatriation,
 * CreateRescueRequest); the same key with the same request keeps answering the first record; different requests sent
 * at the same moment with one key make exactly one record.
 */
class IdempotencyKeyReuseOverGrpcTest extends RunningRepatriationService {

    static final int ROUNDS = 10;
    static final int AT_ONCE = 8;
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    static final ExecutorService POOL = Executors.newFixedThreadPool(AT_ONCE);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    interface KeyedCreate {
        String create(String key, int variant);

        long stored(int variant);
    }

    private static String marker(String rpc, int variant) {
        return "IDEM-" + RUN + "-" + rpc + "-" + variant;
    }

    /** People held in {@code host}, nationals of the Philippines, raised by the Philippines. */
    private static RescueRequest.Builder heldIn(String host, int people, String source) {
        return RescueRequest.newBuilder().setHostCountry(host)
                .setLocation(RescueLocation.newBuilder().setCountry(host).setProvince("Border province")
                        .setDescription("compound, building C")
                        .setCoordinates(LatLng.newBuilder().setLatitude(10.6093).setLongitude(103.5296)))
                .setEstimatedPeople(people).addNationalities("PH").setSource(source);
    }

    @Test
    void a_rescue_request_for_cambodia_with_the_key_of_one_for_thailand_is_refused_and_asks_cambodia_nothing() {
        String key = "ph-rescue-" + UUID.randomUUID();
        String source = marker("issue", 0);
        RescueRequest thai = liaison("PH").withDeadlineAfter(60, TimeUnit.SECONDS).createRescueRequest(CreateRescueRequestRequest.newBuilder().setRequestId(key)
                .setRescueRequest(heldIn("TH", 5, source)).build());
        StatusRuntimeException refused = failureOf(() -> liaison("PH").withDeadlineAfter(60, TimeUnit.SECONDS).createRescueRequest(
                CreateRescueRequestRequest.newBuilder().setRequestId(key).setRescueRequest(heldIn("KH", 500, source))
                        .build()));
        assertRefused(refused, key);
        assertThat(count("select count(*) from rescue_requests where source = ?", source)).isEqualTo(1);
        assertThat(count("select count(*) from rescue_requests where source = ? and host_country = 'KH'", source)).isZero();
        // An honest retry (spaces the service strips, an output-only id) still answers the Thai request.
        RescueRequest retried = liaison("PH").withDeadlineAfter(60, TimeUnit.SECONDS).createRescueRequest(CreateRescueRequestRequest.newBuilder().setRequestId(key)
                .setRescueRequest(heldIn("TH", 5, "  " + source + " ").setId(UUID.randomUUID().toString())).build());
        assertThat(retried.getId()).isEqualTo(thai.getId());
    }

    @Test
    void create_rescue_request() throws Exception {
        proveKeyGuarded("CreateRescueRequest", new KeyedCreate() {
            public String create(String key, int variant) {
                return liaison("PH").withDeadlineAfter(60, TimeUnit.SECONDS).createRescueRequest(CreateRescueRequestRequest.newBuilder().setRequestId(key)
                        .setRescueRequest(heldIn("KH", 40, marker("rescue", variant))).build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from rescue_requests where source = ?", marker("rescue", variant));
            }
        });
    }

    @Test
    void create_repatriation() throws Exception {
        proveKeyGuarded("CreateRepatriation", new KeyedCreate() {
            public String create(String key, int variant) {
                return investigator("ID").withDeadlineAfter(60, TimeUnit.SECONDS).createRepatriation(CreateRepatriationRequest.newBuilder().setRequestId(key)
                        .setRepatriation(victimReturn("KH", "ID", 12).addCaseIds(marker("repatriation", variant)))
                        .build()).getId();
            }

            public long stored(int variant) {
                return count("select count(*) from repatriations where ? = any(case_ids)", marker("repatriation", variant));
            }
        });
    }

    /**
     * The three rules for one create: the same key and body answer the first record; the same key with another body
     * is refused and stores nothing; {@value #ROUNDS} rounds of {@value #AT_ONCE} different bodies sent at once with
     * one key make exactly one record per round.
     */
    static void proveKeyGuarded(String rpc, KeyedCreate create) throws Exception {
        String key = rpc + "-" + UUID.randomUUID();
        String first = create.create(key, 0);
        assertThat(create.create(key, 0)).as("%s retried with the same key and body", rpc).isEqualTo(first);

        StatusRuntimeException refused = failureOf(() -> create.create(key, 1));
        assertRefused(refused, key);
        assertThat(create.stored(1)).as("%s records of the refused body", rpc).isZero();
        assertThat(create.stored(0)).as("%s records of the first body", rpc).isEqualTo(1);
        assertThat(create.create(key, 0)).as("%s retried after the refusal", rpc).isEqualTo(first);

        AtomicInteger variants = new AtomicInteger(1_000);
        for (int round = 0; round < ROUNDS; round++) {
            String shared = rpc + "-race-" + UUID.randomUUID();
            CountDownLatch go = new CountDownLatch(1);
            List<Integer> bodies = new ArrayList<>();
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                int variant = variants.getAndIncrement();
                bodies.add(variant);
                answers.add(POOL.submit(() -> {
                    go.await();
                    try {
                        return create.create(shared, variant);
                    } catch (StatusRuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            int created = 0;
            for (int i = 0; i < AT_ONCE; i++) {
                Object answer = answers.get(i).get();
                if (answer instanceof StatusRuntimeException e) {
                    assertRefused(e, shared);
                    assertThat(create.stored(bodies.get(i))).as("%s round %d: records of a refused body", rpc, round).isZero();
                } else {
                    created++;
                    assertThat(create.stored(bodies.get(i))).as("%s round %d: records of the accepted body", rpc, round)
                            .isEqualTo(1);
                }
            }
            assertThat(created).as("%s round %d: %d different bodies at once with one key", rpc, round, AT_ONCE)
                    .isEqualTo(1);
        }
    }

    static void assertRefused(StatusRuntimeException refused, String key) {
        assertThat(refused.getStatus().getCode()).as("refusal of key %s: %s", key, refused.getStatus())
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(refused.getStatus().getDescription()).contains("request_id \"" + key + "\"");
    }

    /** Counts rows as the database owner (not subject to row-level security), so nothing stored can hide. */
    static long count(String sql, String parameter) {
        try {
            return Long.parseLong(column(DATABASE, sql, parameter).getFirst());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
