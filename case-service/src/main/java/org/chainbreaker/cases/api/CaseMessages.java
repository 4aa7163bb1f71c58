package org.chainbreaker.cases.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CaseCategory;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.cases.v1.CaseShare;

/** Translation between the contract's messages and the domain; no decisions are taken here. */
final class CaseMessages {

    private CaseMessages() {
    }

    static org.chainbreaker.cases.v1.Case toMessage(Case c, String viewer) {
        var message = org.chainbreaker.cases.v1.Case.newBuilder()
                .setId(c.id().toString())
                .setReference(c.reference())
                .setOwnerCountry(c.ownerCountry())
                .setTitle(c.title())
                .setCategory(org.chainbreaker.cases.v1.Case.Category.valueOf(c.category().name()))
                .setStatus(org.chainbreaker.cases.v1.Case.Status.valueOf(c.status().name()))
                .setSummary(c.summary())
                .setCreateTime(timestamp(c.createTime()))
                .setUpdateTime(timestamp(c.updateTime()))
                .setEtag(c.etag());
        for (Share share : c.shares()) {
            message.addShares(CaseShare.newBuilder()
                    .setCountry(share.country())
                    .setHandlingCode(toMessage(share.handlingCode()))
                    .setShareTime(timestamp(share.shareTime()))
                    .setSharedBy(share.sharedBy()));
        }
        if (!c.ownedBy(viewer)) {
            c.shareWith(viewer).ifPresent(s -> message.setHandlingCode(toMessage(s.handlingCode())));
        }
        return message.build();
    }

    /** Null for an unset or unknown value, so that the domain's checks name the field. */
    static CaseCategory category(org.chainbreaker.cases.v1.Case.Category category) {
        return switch (category) {
            case CATEGORY_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> CaseCategory.valueOf(category.name());
        };
    }

    static HandlingCode handlingCode(org.chainbreaker.common.v1.HandlingCode code) {
        return switch (code) {
            case HANDLING_CODE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> HandlingCode.valueOf(code.name());
        };
    }

    private static org.chainbreaker.common.v1.HandlingCode toMessage(HandlingCode code) {
        return org.chainbreaker.common.v1.HandlingCode.valueOf(code.name());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
