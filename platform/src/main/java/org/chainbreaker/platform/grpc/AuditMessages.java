package org.chainbreaker.platform.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.chainbreaker.common.v1.AuditCheckpointVerification;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.GetAuditSigningKeyRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsRequest;
import org.chainbreaker.common.v1.ListAuditCheckpointsResponse;
import org.chainbreaker.common.v1.VerifyAuditCheckpointsRequest;
import org.chainbreaker.platform.audit.AuditCheckpoint;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.ChainVerification;
import org.chainbreaker.platform.audit.CheckpointVerification;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.keys.TokenSigner;
import org.chainbreaker.platform.tenancy.Caller;

/** Audit entries and chain verifications as contract messages, the same in every service. */
public final class AuditMessages {

    private AuditMessages() {}

    public static AuditRecord toMessage(AuditEntry entry) {
        return AuditRecord.newBuilder()
                .setSequence(entry.seq())
                .setTime(
                        Timestamp.newBuilder()
                                .setSeconds(entry.at().getEpochSecond())
                                .setNanos(entry.at().getNano()))
                .setActorCountry(entry.actorTenant())
                .setActorUser(entry.actorUser())
                .setActorClient(entry.actorClient())
                .setAction(entry.action())
                .setRecordType(entry.recordType())
                .setRecordId(entry.recordId())
                .setPurpose(entry.purpose())
                .build();
    }

    public static AuditVerification toMessage(ChainVerification verification) {
        return AuditVerification.newBuilder()
                .setChecked(verification.checked())
                .setIntact(verification.intact())
                .setFirstBrokenSequence(verification.firstBroken().orElse(0))
                .build();
    }

    public static org.chainbreaker.common.v1.AuditCheckpoint toMessage(AuditCheckpoint c) {
        return org.chainbreaker.common.v1.AuditCheckpoint.newBuilder()
                .setService(c.service())
                .setCountry(c.country())
                .setNumber(c.number())
                .setEntryNumber(c.ownerSeq())
                .setEntryHash(ByteString.copyFrom(c.entryHash()))
                .setSignTime(
                        Timestamp.newBuilder()
                                .setSeconds(c.signTime().getEpochSecond())
                                .setNanos(c.signTime().getNano()))
                .setKeyLabel(c.keyLabel())
                .setSignature(ByteString.copyFrom(c.signature()))
                .build();
    }

    static AuditCheckpoint fromMessage(org.chainbreaker.common.v1.AuditCheckpoint m) {
        return new AuditCheckpoint(
                m.getService(),
                m.getCountry(),
                m.getNumber(),
                m.getEntryNumber(),
                m.getEntryHash().toByteArray(),
                Instant.ofEpochSecond(m.getSignTime().getSeconds(), m.getSignTime().getNanos()),
                m.getKeyLabel(),
                m.getSignature().toByteArray());
    }

    /** ListAuditCheckpoints as every key-holding service answers it. */
    public static ListAuditCheckpointsResponse list(
            AuditCheckpoints checkpoints, Caller caller, ListAuditCheckpointsRequest request) {
        if (request.getAfterNumber() < 0) {
            throw InvalidArgumentException.of("after_number", "must not be negative");
        }
        if (request.getPageSize() < 0 || request.getPageSize() > 1000) {
            throw InvalidArgumentException.of("page_size", "between 0 and 1000");
        }
        int limit = request.getPageSize() == 0 ? 100 : request.getPageSize();
        return ListAuditCheckpointsResponse.newBuilder()
                .addAllCheckpoints(
                        checkpoints.list(caller, request.getAfterNumber(), limit).stream()
                                .map(AuditMessages::toMessage)
                                .toList())
                .build();
    }

    /** VerifyAuditCheckpoints as every key-holding service answers it. */
    public static AuditCheckpointVerification verify(
            AuditCheckpoints checkpoints, Caller caller, VerifyAuditCheckpointsRequest request) {
        List<AuditCheckpoint> kept =
                request.getCheckpointsList().stream().map(AuditMessages::fromMessage).toList();
        CheckpointVerification v = checkpoints.verify(caller, kept);
        return AuditCheckpointVerification.newBuilder()
                .setChainIntact(v.chainIntact())
                .setChecked(v.checked())
                .setRetired(v.retired())
                .setHolds(v.holds())
                .setFirstFailingNumber(v.firstFailing().orElse(0))
                .build();
    }

    /** GetAuditSigningKey as every key-holding service answers it. */
    public static AuditSigningKey signingKey(
            AuditCheckpoints checkpoints, GetAuditSigningKeyRequest request) {
        AuditCheckpoints.PublishedKey published = checkpoints.publicKey(request.getKeyLabel());
        TokenSigner key = published.key();
        byte[] der = key.publicKey().getEncoded();
        AuditSigningKey.Builder message = AuditSigningKey.newBuilder();
        published
                .retireTime()
                .ifPresent(
                        t ->
                                message.setRetireTime(
                                        Timestamp.newBuilder()
                                                .setSeconds(t.getEpochSecond())
                                                .setNanos(t.getNano())));
        return message.addAllKeyLabels(published.labels())
                .setKeyLabel(key.label())
                .setAlgorithm(TokenSigner.ALGORITHM)
                .setPublicKey(ByteString.copyFrom(der))
                .setPublicKeyPem(
                        "-----BEGIN PUBLIC KEY-----\n"
                                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                                + "\n-----END PUBLIC KEY-----\n")
                .build();
    }
}
