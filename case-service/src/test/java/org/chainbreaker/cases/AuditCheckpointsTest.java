package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.AuditLogAsSuperuser.rewriteAndRehash;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.fieldsIn;
import static org.chainbreaker.cases.CheckpointSignatures.signTime;
import static org.chainbreaker.cases.CheckpointSignatures.signedBy;
import static org.chainbreaker.cases.CheckpointSignatures.verifiesWith;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.SoftHsm;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.keys.TokenSigner;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit trail anchored outside the database: checkpoints signed with the key in the real
 * SoftHSM2 token, read by the country they cover, and compared later with a chain that the database
 * superuser rewrote with every hash recomputed; the signing key rotated in the running service.
 * Refusals first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCheckpointsTest extends AuditCheckpointFixture {

    @Test
    @Order(1)
    void a_country_never_sees_nor_verifies_with_another_countrys_checkpoints() {
        auditSomethingAboutKr(1);
        AuditCheckpoint kr = checkpointNow("KR");

        assertThat(allCheckpoints("TH"))
                .allSatisfy(c -> assertThat(c.getCountry()).isEqualTo("TH"));
        assertThat(allCheckpoints("VN"))
                .allSatisfy(c -> assertThat(c.getCountry()).isEqualTo("VN"));
        // KR's genuine checkpoint presented by TH is refused exactly as a forged one.
        var refused = failure(() -> verify("TH", List.of(kr)));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("checkpoints[0].signature");
        // And relabelled as TH's it no longer carries a valid signature.
        var relabelled =
                failure(() -> verify("TH", List.of(kr.toBuilder().setCountry("TH").build())));
        assertThat(fieldsIn(relabelled)).containsExactly("checkpoints[0].signature");
    }

    @Test
    @Order(2)
    void a_forged_or_altered_checkpoint_is_refused_and_investigators_may_not_ask() {
        auditSomethingAboutKr(1);
        AuditCheckpoint genuine = checkpointNow("KR");
        byte[] hash = genuine.getEntryHash().toByteArray();
        hash[0] ^= 1;
        for (AuditCheckpoint forged :
                List.of(
                        genuine.toBuilder().setEntryHash(ByteString.copyFrom(hash)).build(),
                        genuine.toBuilder().setEntryNumber(genuine.getEntryNumber() + 1).build(),
                        genuine.toBuilder()
                                .setSignature(ByteString.copyFrom(new byte[] {0x30, 0x00}))
                                .build(),
                        genuine.toBuilder().setService("fugitive-service").build())) {
            var refused = failure(() -> verify("KR", List.of(genuine, forged)));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(fieldsIn(refused)).containsExactly("checkpoints[1].signature");
        }
        assertThat(failure(() -> verify("KR", List.of())).getStatus().getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(
                        failure(
                                        () ->
                                                investigator("KR")
                                                        .listAuditCheckpoints(
                                                                ListAuditCheckpointsRequest
                                                                        .getDefaultInstance()))
                                .getStatus()
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        failure(
                                        () ->
                                                coordinator("KR")
                                                        .listAuditCheckpoints(
                                                                ListAuditCheckpointsRequest
                                                                        .newBuilder()
                                                                        .setPageSize(1001)
                                                                        .build()))
                                .getStatus()
                                .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    @Order(3)
    void a_checkpoint_verifies_with_the_published_public_key_alone() throws Exception {
        auditSomethingAboutKr(1);
        AuditCheckpoint c = checkpointNow("KR");
        AuditSigningKey published =
                investigator("VN")
                        .getAuditSigningKey(GetAuditSigningKeyRequest.getDefaultInstance());
        assertThat(published.getKeyLabel()).isEqualTo(c.getKeyLabel());
        assertThat(published.getPublicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        PublicKey key =
                KeyFactory.getInstance("EC")
                        .generatePublic(
                                new X509EncodedKeySpec(published.getPublicKey().toByteArray()));
        // What a country's own tool does, from the contract's description of the signed bytes.
        Instant signed =
                Instant.ofEpochSecond(c.getSignTime().getSeconds(), c.getSignTime().getNanos());
        String lines =
                String.join(
                        "\n",
                        "chainbreaker-audit-checkpoint-v1",
                        c.getService(),
                        c.getCountry(),
                        Long.toString(c.getNumber()),
                        Long.toString(c.getEntryNumber()),
                        HexFormat.of().formatHex(c.getEntryHash().toByteArray()),
                        signed.toString(),
                        c.getKeyLabel());
        Signature verifier = Signature.getInstance(published.getAlgorithm());
        verifier.initVerify(key);
        verifier.update(lines.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(c.getSignature().toByteArray())).isTrue();
        verifier.initVerify(key);
        verifier.update((lines + " ").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(c.getSignature().toByteArray())).isFalse();
        assertThat(c.getService()).isEqualTo("case-service");
        assertThat(c.getEntryHash().size()).isEqualTo(32);
    }

    @Test
    @Order(4)
    void
            a_chain_rewritten_by_the_superuser_with_every_hash_recomputed_fails_at_the_first_checkpoint_after_the_change()
                    throws SQLException {
        auditSomethingAboutKr(1);
        AuditCheckpoint first = checkpointNow("KR");
        auditSomethingAboutKr(2);
        AuditCheckpoint second = checkpointNow("KR");
        assertThat(second.getNumber()).isGreaterThan(first.getNumber());
        assertThat(verify("KR", List.of(first, second)).getHolds()).isTrue();

        // The operator edits an entry between the two checkpoints (who read KR's case) and
        // recomputes every hash from there on, so that the chain is consistent again.
        long edited = rewriteAndRehash("KR", first.getEntryNumber() + 1);

        assertThat(
                        coordinator("KR")
                                .verifyAuditTrail(VerifyAuditTrailRequest.getDefaultInstance())
                                .getIntact())
                .as("plain chain verification passes after a consistent rewrite (entry %s)", edited)
                .isTrue();
        AuditCheckpointVerification result = verify("KR", List.of(second, first));
        assertThat(result.getChainIntact()).isTrue();
        assertThat(result.getHolds()).isFalse();
        assertThat(result.getFirstFailingNumber()).isEqualTo(second.getNumber());
        // The first checkpoint, taken before the edited entry, still holds on its own.
        assertThat(verify("KR", List.of(first)).getHolds()).isTrue();
        // The country's checkpoints signed after the rewrite sign the rewritten chain: only what a
        // country kept from before tells.
        assertThat(checkpointNow("KR").getNumber()).isGreaterThanOrEqualTo(second.getNumber());
    }

    @Test
    @Order(5)
    void each_checkpoint_is_announced_on_its_own_countrys_stream_and_no_other()
            throws InterruptedException {
        try (EventSubscriber kr = EventSubscriber.investigatorOf("KR");
                EventSubscriber th = EventSubscriber.investigatorOf("TH")) {
            awaitLive(kr, "KR");
            awaitLive(th, "TH");
            auditSomethingAboutKr(1);
            AuditCheckpoint signed = checkpointNow("KR");
            Event announced = kr.until(e -> e.getType().equals(AuditCheckpoints.EVENT_TYPE));
            assertThat(announced.getOwnerCountry()).isEqualTo("KR");
            assertThat(announced.getRecordType()).isEqualTo(AuditCheckpoints.RECORD_TYPE);
            assertThat(Long.parseLong(announced.getRecordId())).isEqualTo(signed.getNumber());
            // Delivery is in commit order: once TH's own later event arrived, KR's checkpoint
            // would have come before it.
            List<Event> seen = awaitLive(th, "TH");
            assertThat(seen)
                    .noneMatch(
                            e ->
                                    e.getType().equals(AuditCheckpoints.EVENT_TYPE)
                                            && !e.getOwnerCountry().equals("TH"));
        }
    }

    /** The signing key before and after the one rotation of this class (made on first use). */
    private record Rotation(String retired, String current, AuditCheckpoint signedBefore) {}

    private static Rotation rotation;

    /**
     * Rotates the signing key of the running service as an operator would: a new key made in the
     * token by keytool in another process, nothing restarted, then the new key fetched by its label
     * to publish its fingerprint (which is what makes the service read the token's keys again).
     * Returns a KR checkpoint signed before.
     */
    private Rotation rotated() {
        if (rotation == null) {
            auditSomethingAboutKr(1);
            AuditCheckpoint before = checkpointNow("KR");
            String retired = before.getKeyLabel();
            String next =
                    "audit-signing-"
                            + (Integer.parseInt(retired.substring("audit-signing-".length())) + 1);
            SoftHsm.shared().addAuditSigningKey(next);
            assertThat(
                            investigator("VN")
                                    .getAuditSigningKey(
                                            GetAuditSigningKeyRequest.newBuilder()
                                                    .setKeyLabel(next)
                                                    .build())
                                    .getKeyLabel())
                    .isEqualTo(next);
            rotation = new Rotation(retired, next, before);
        }
        return rotation;
    }

    private TokenSigner tokenKey(String label) {
        return keys.auditSigners().stream()
                .filter(k -> k.label().equals(label))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(6)
    void
            a_checkpoint_naming_an_unknown_key_or_signed_by_a_retired_key_after_its_retirement_is_refused() {
        Rotation r = rotated();
        AuditCheckpoint old = r.signedBefore();
        keys.refresh();
        TokenSigner retired = tokenKey(r.retired());
        TokenSigner current = tokenKey(r.current());

        // Signed by the token's current key, but naming a key the service does not have.
        AuditCheckpoint unknownKey = signedBy(current, old, signTime(old), "audit-signing-99");
        var refused = failure(() -> verify("KR", List.of(unknownKey)));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("checkpoints[0].signature");

        // Whoever holds the PIN can still make the retired key sign in the token; a checkpoint it
        // signs after the retirement is refused like a forgery ...
        // Past the ten minutes replicas are given to learn of a new key.
        Instant afterRetirement = current.validFrom().plus(Duration.ofMinutes(11));
        AuditCheckpoint late = signedBy(retired, old, afterRetirement, r.retired());
        var lateRefused = failure(() -> verify("KR", List.of(old, late)));
        assertThat(fieldsIn(lateRefused)).containsExactly("checkpoints[1].signature");
        // ... while the same signature over the time it really had before the retirement holds.
        AuditCheckpoint resigned = signedBy(retired, old, signTime(old), r.retired());
        assertThat(verify("KR", List.of(resigned)).getHolds()).isTrue();

        // The key of a label the service never had does not exist; a malformed label is named.
        var missing =
                failure(
                        () ->
                                investigator("VN")
                                        .getAuditSigningKey(
                                                GetAuditSigningKeyRequest.newBuilder()
                                                        .setKeyLabel("audit-signing-99")
                                                        .build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        var malformed =
                failure(
                        () ->
                                investigator("VN")
                                        .getAuditSigningKey(
                                                GetAuditSigningKeyRequest.newBuilder()
                                                        .setKeyLabel("kek-KR-1")
                                                        .build()));
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(malformed)).containsExactly("key_label");
    }

    @Test
    @Order(7)
    void after_a_signing_key_rotation_in_the_running_service_old_and_new_checkpoints_verify()
            throws Exception {
        Rotation r = rotated();
        auditSomethingAboutKr(1);
        AuditCheckpoint fresh = checkpointNow("KR");
        assertThat(fresh.getKeyLabel()).isEqualTo(r.current());
        // The retired key signs nothing new: every checkpoint after the rotation names the new key
        // (those of the schedule too).
        assertThat(allCheckpoints("KR"))
                .filteredOn(c -> c.getNumber() > r.signedBefore().getNumber())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getKeyLabel()).isEqualTo(r.current()));
        AuditCheckpointVerification both = verify("KR", List.of(r.signedBefore(), fresh));
        assertThat(both.getHolds()).isTrue();
        assertThat(both.getChecked()).isEqualTo(2);

        AuditSigningKey now =
                investigator("VN")
                        .getAuditSigningKey(GetAuditSigningKeyRequest.getDefaultInstance());
        assertThat(now.getKeyLabel()).isEqualTo(r.current());
        assertThat(now.hasRetireTime()).isFalse();
        assertThat(now.getKeyLabelsList()).endsWith(r.retired(), r.current());
        AuditSigningKey old =
                investigator("VN")
                        .getAuditSigningKey(
                                GetAuditSigningKeyRequest.newBuilder()
                                        .setKeyLabel(r.retired())
                                        .build());
        assertThat(old.getKeyLabel()).isEqualTo(r.retired());
        assertThat(old.hasRetireTime()).isTrue();
        assertThat(old.getKeyLabelsList()).isEqualTo(now.getKeyLabelsList());
        // What a country does with the published keys alone: each checkpoint verifies with the key
        // it names, and not with the other.
        assertThat(verifiesWith(old, r.signedBefore())).isTrue();
        assertThat(verifiesWith(now, fresh)).isTrue();
        assertThat(verifiesWith(now, r.signedBefore())).isFalse();
        assertThat(verifiesWith(old, fresh)).isFalse();
    }

    @Test
    @Order(8)
    void
            signing_rounds_do_not_read_the_token_again_until_a_checkpoint_names_a_key_they_do_not_know()
                    throws SQLException {
        Rotation r = rotated();
        auditSomethingAbout("LA", 1);
        long refreshes = keys.refreshes();
        checkpoints.signDue();
        checkpoints.signDue();
        AuditCheckpoint signed = checkpointNow("LA");
        assertThat(signed.getKeyLabel()).isEqualTo(r.current());
        assertThat(keys.refreshes())
                .as("token key list reads by signing rounds")
                .isEqualTo(refreshes);

        // A newer key, made in the token by another process, is not used by a replica that has not
        // learnt of it ...
        String newer =
                "audit-signing-"
                        + (Integer.parseInt(r.current().substring("audit-signing-".length())) + 1);
        SoftHsm.shared().addAuditSigningKey(newer);
        auditSomethingAbout("LA", 1);
        checkpoints.signDue();
        assertThat(checkpointNow("LA").getKeyLabel()).isEqualTo(r.current());
        assertThat(keys.refreshes()).isEqualTo(refreshes);
        // ... until LA's last checkpoint names it (another replica, restarted, signed with it):
        // this
        // replica reads the token again once and signs with it from then on.
        AuditCheckpoint last = allCheckpoints("LA").getLast();
        try (Connection su = PostgresServer.shared().superuserConnection("cases");
                PreparedStatement insert =
                        su.prepareStatement(
                                """
                                insert into audit_checkpoints (country, number, owner_seq, entry_hash, sign_time,
                                                               key_label, signature)
                                values ('LA', ?, ?, ?, now(), ?, '\\x00')""")) {
            insert.setLong(1, last.getNumber() + 1);
            insert.setLong(2, last.getEntryNumber());
            insert.setBytes(3, last.getEntryHash().toByteArray());
            insert.setString(4, newer);
            insert.executeUpdate();
        }
        auditSomethingAbout("LA", 1);
        AuditCheckpoint afterLearning = checkpointNow("LA");
        assertThat(afterLearning.getKeyLabel()).isEqualTo(newer);
        assertThat(afterLearning.getNumber()).isEqualTo(last.getNumber() + 2);
        assertThat(keys.refreshes()).isEqualTo(refreshes + 1);
        auditSomethingAbout("LA", 1);
        checkpoints.signDue();
        assertThat(checkpointNow("LA").getKeyLabel()).isEqualTo(newer);
        assertThat(keys.refreshes()).isEqualTo(refreshes + 1);
    }

    /**
     * Opens cases of the country until its stream delivers one's opening (a stream without a cursor
     * starts at the head when it is set up); the events seen before it.
     */
    private static List<Event> awaitLive(EventSubscriber stream, String country)
            throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            String id =
                    investigator(country)
                            .createCase(
                                    CreateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setTitle("stream marker")
                                                            .setCategory(Case.Category.ONLINE_SCAM))
                                            .build())
                            .getId();
            Event e;
            while ((e = stream.nextEvent(2, TimeUnit.SECONDS)) != null) {
                seen.add(e);
                if (e.getRecordId().equals(id)) {
                    return seen;
                }
            }
        }
        throw new AssertionError(country + "'s stream delivered none of its own events");
    }
}
