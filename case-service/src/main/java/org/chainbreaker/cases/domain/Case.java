package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.records.Etags;

/**
 * An investigation owned by one country, as seen by one viewer: the owner sees every share, a
 * partner only its own (the store returns only the shares the viewing tenant may see). A country
 * that sees the case only through a lead assigned to it sees its header: {@link #headerOnly()} is
 * set, summary and shares are withheld.
 */
public record Case(
        UUID id,
        String reference,
        String ownerCountry,
        String title,
        CaseCategory category,
        CaseStatus status,
        String summary,
        Instant createTime,
        Instant updateTime,
        long version,
        List<Share> shares,
        List<String> operationTags,
        boolean headerOnly) {

    public Case {
        shares = List.copyOf(shares);
        operationTags = List.copyOf(operationTags);
    }

    /** A full view of a case without tags (for tests and callers that do not deal with tags). */
    public Case(
            UUID id,
            String reference,
            String ownerCountry,
            String title,
            CaseCategory category,
            CaseStatus status,
            String summary,
            Instant createTime,
            Instant updateTime,
            long version,
            List<Share> shares) {
        this(
                id,
                reference,
                ownerCountry,
                title,
                category,
                status,
                summary,
                createTime,
                updateTime,
                version,
                shares,
                List.of(),
                false);
    }

    /** What a country seeing the case only through an assigned lead may see: the header. */
    public Case header() {
        return new Case(
                id,
                reference,
                ownerCountry,
                title,
                category,
                status,
                "",
                createTime,
                updateTime,
                version,
                List.of(),
                operationTags,
                true);
    }

    /**
     * True if the viewer sees the case as the owner or through a share (not only through a lead).
     */
    public boolean fullyVisibleTo(String tenant) {
        return !headerOnly && (ownedBy(tenant) || shareWith(tenant).isPresent());
    }

    /**
     * Only a country that sees the whole case (owner or share) links it to a scam centre: the
     * refusal otherwise.
     */
    public Optional<PermissionDeniedException> refusesLinkingBy(String tenant) {
        return fullyVisibleTo(tenant)
                ? Optional.empty()
                : Optional.of(
                        new PermissionDeniedException(
                                "a case seen only through an assigned lead cannot be linked"));
    }

    /** One step along the lifecycle ({@link CaseStatus#next()}); any other step is refused. */
    public Step<CaseStatus> moveTo(CaseStatus target) {
        if (!status.canMoveTo(target)) {
            return Step.refuse(
                    "a case cannot move from "
                            + status
                            + " to "
                            + target
                            + "; allowed: "
                            + status.next());
        }
        return Step.move(status, target);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    /**
     * A read of the case (or of what hangs on it) by another country is audited for the owner; the
     * owner's own reads are not.
     */
    public boolean auditsReadBy(String tenant) {
        return !ownedBy(tenant);
    }

    /**
     * Which step a share request is: the owner grants; a country holding a share passes it on (as
     * its share allows).
     */
    public boolean sharedOnBy(String tenant) {
        return !ownedBy(tenant);
    }

    /** The grant through which a partner country sees this case; empty for the owner. */
    public Optional<Share> shareWith(String tenant) {
        return shares.stream().filter(s -> s.country().equals(tenant)).findFirst();
    }

    /** Opaque version tag for optimistic concurrency: changes whenever the case changes. */
    public String etag() {
        return etagOf(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
