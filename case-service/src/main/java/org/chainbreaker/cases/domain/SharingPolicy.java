package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * What makes a grant of a case (or a lead) to another country valid, by its owner or passed on by a
 * partner.
 */
public final class SharingPolicy {

    private final TenantDirectory tenants;

    public SharingPolicy(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public void checkGrant(String owner, String country, HandlingCode handlingCode) {
        checkGrant(owner, country, handlingCode, Optional.empty(), Instant.MIN);
    }

    /** A grant that may expire: the expiry, if any, must lie in the future. */
    public void checkGrant(
            String owner,
            String country,
            HandlingCode handlingCode,
            Optional<Instant> expireTime,
            Instant now) {
        new FieldChecks()
                .require(
                        tenants.knows(country),
                        "country",
                        "must be the code of a tenant served here, e.g. TH")
                .require(
                        !owner.equals(country),
                        "country",
                        "a case is not shared with its own country")
                .require(
                        handlingCode != null, "handling_code", "is required: one of H0, H1, H2, H3")
                .require(
                        expireTime.map(now::isBefore).orElse(true),
                        "expire_time",
                        "must lie in the future")
                .throwIfAny();
    }

    /**
     * Passing on what a partner received: refused outright under H2 and H3 (the owner's permission
     * is needed); under H0 and H1 the onward grant may not be less strict than the received one,
     * nor outlast it (an onward grant without an expiry of its own ends with the received one).
     * Answers the expiry of the onward grant.
     */
    public Optional<Instant> checkPassingOn(
            String tenant,
            HandlingCode received,
            Optional<Instant> receivedUntil,
            String country,
            HandlingCode requested,
            Optional<Instant> requestedUntil) {
        if (!received.permitsPassingOn()) {
            throw new PermissionDeniedException(
                    "this record was shared with your country under "
                            + received
                            + ", which forbids passing it on without the owning country's permission");
        }
        Optional<Instant> until = requestedUntil.or(() -> receivedUntil);
        new FieldChecks()
                .require(!tenant.equals(country), "country", "your country already has this record")
                .require(
                        requested == null || requested.atLeastAsStrictAs(received),
                        "handling_code",
                        "must be at least as strict as "
                                + received
                                + ", the code your country received")
                .require(
                        receivedUntil.isEmpty() || !until.get().isAfter(receivedUntil.get()),
                        "expire_time",
                        "must be no later than "
                                + receivedUntil.map(Instant::toString).orElse("")
                                + ", when your country's own grant expires")
                .throwIfAny();
        return until;
    }

    public void checkRevocation(String owner, String country) {
        new FieldChecks()
                .require(
                        tenants.knows(country),
                        "country",
                        "must be the code of a tenant served here, e.g. TH")
                .require(!owner.equals(country), "country", "the owning country cannot be revoked")
                .throwIfAny();
    }
}
