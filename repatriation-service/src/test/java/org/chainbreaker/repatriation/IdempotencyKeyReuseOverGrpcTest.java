package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.LatLng;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.KeyGuardProof;
import org.chainbreaker.devstack.KeyGuardProof.KeyedCreate;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.CreateRescueRequestRequest;
import org.chainbreaker.repatriation.v1.RescueLocation;
import org.chainbreaker.repatriation.v1.RescueRequest;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key ({@code request_id}) reused with a different request is refused with
 * ALREADY_EXISTS naming the key and creates nothing, for every create of the repatriation-service
 * that takes a key (CreateRepatriation, CreateRescueRequest); the same key with the same request
 * keeps answering the first record; different requests sent at the same moment with one key make
 * exactly one record.
 */
class IdempotencyKeyReuseOverGrpcTest extends RunningRepatriationService {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    private static String marker(String rpc, int variant) {
        return "IDEM-" + RUN + "-" + rpc + "-" + variant;
    }

    /** People held in {@code host}, nationals of the Philippines, raised by the Philippines. */
    private static RescueRequest.Builder heldIn(String host, int people, String source) {
        return RescueRequest.newBuilder()
                .setHostCountry(host)
                .setLocation(
                        RescueLocation.newBuilder()
                                .setCountry(host)
                                .setProvince("Border province")
                                .setDescription("compound, building C")
                                .setCoordinates(
                                        LatLng.newBuilder()
                                                .setLatitude(10.6093)
                                                .setLongitude(103.5296)))
                .setEstimatedPeople(people)
                .addNationalities("PH")
                .setSource(source);
    }

    @Test
    void
            a_rescue_request_for_cambodia_with_the_key_of_one_for_thailand_is_refused_and_asks_cambodia_nothing() {
        String key = "ph-rescue-" + UUID.randomUUID();
        String source = marker("issue", 0);
        RescueRequest thai =
                liaison("PH")
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .createRescueRequest(
                                CreateRescueRequestRequest.newBuilder()
                                        .setRequestId(key)
                                        .setRescueRequest(heldIn("TH", 5, source))
                                        .build());
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                liaison("PH")
                                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                                        .createRescueRequest(
                                                CreateRescueRequestRequest.newBuilder()
                                                        .setRequestId(key)
                                                        .setRescueRequest(heldIn("KH", 500, source))
                                                        .build()));
        KeyGuardProof.assertRefused(refused, key);
        assertThat(count("select count(*) from rescue_requests where source = ?", source))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from rescue_requests where source = ? and host_country = 'KH'",
                                source))
                .isZero();
        // An honest retry (spaces the service strips, an output-only id) still answers the Thai
        // request.
        RescueRequest retried =
                liaison("PH")
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .createRescueRequest(
                                CreateRescueRequestRequest.newBuilder()
                                        .setRequestId(key)
                                        .setRescueRequest(
                                                heldIn("TH", 5, "  " + source + " ")
                                                        .setId(UUID.randomUUID().toString()))
                                        .build());
        assertThat(retried.getId()).isEqualTo(thai.getId());
    }

    @Test
    void create_rescue_request() throws Exception {
        KeyGuardProof.prove(
                "CreateRescueRequest",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return liaison("PH")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createRescueRequest(
                                        CreateRescueRequestRequest.newBuilder()
                                                .setRequestId(key)
                                                .setRescueRequest(
                                                        heldIn("KH", 40, marker("rescue", variant)))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from rescue_requests where source = ?",
                                marker("rescue", variant));
                    }
                });
    }

    @Test
    void create_repatriation() throws Exception {
        KeyGuardProof.prove(
                "CreateRepatriation",
                new KeyedCreate() {
                    public String create(String key, int variant) {
                        return investigator("ID")
                                .withDeadlineAfter(60, TimeUnit.SECONDS)
                                .createRepatriation(
                                        CreateRepatriationRequest.newBuilder()
                                                .setRequestId(key)
                                                .setRepatriation(
                                                        victimReturn("KH", "ID", 12)
                                                                .addCaseIds(
                                                                        marker(
                                                                                "repatriation",
                                                                                variant)))
                                                .build())
                                .getId();
                    }

                    public long stored(int variant) {
                        return count(
                                "select count(*) from repatriations where ? = any(case_ids)",
                                marker("repatriation", variant));
                    }
                });
    }

    /**
     * Counts rows as the database owner (not subject to row-level security), so nothing stored can
     * hide.
     */
    static long count(String sql, String parameter) {
        try {
            return Long.parseLong(column(DATABASE, sql, parameter).getFirst());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
