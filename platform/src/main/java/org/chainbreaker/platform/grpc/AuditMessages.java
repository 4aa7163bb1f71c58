package org.chainbreaker.platform.grpc;

import com.google.protobuf.Timestamp;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.platform.audit.AuditEntry;
import org.chainbreaker.platform.audit.ChainVerification;

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
}
