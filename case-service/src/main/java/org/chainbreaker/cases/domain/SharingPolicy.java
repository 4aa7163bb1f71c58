package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /**
     * The owner grants (or replaces a grant) freely, within the rules of {@link #checkGrant}:
     * answers the grant to store.
     */
    public Share ownerGrant(String owner, String user, ShareRequest request, Instant now) {
        checkGrant(owner, request.country(), request.handlingCode(), request.expireTime(), now);
        return new Share(
                request.country(),
                request.handlingCode(),
                user,
                now,
                request.victimContacts(),
                request.expireTime(),
                owner,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A share partner passes a case on only as its own grant allows ({@link #checkPassingOn}),
     * within the owner's rules, and never discloses victims' contacts: answers the onward grant to
     * store (expiring with the received one unless it asks for earlier).
     */
    public Share onwardGrant(
            Case seen,
            String tenant,
            Set<String> roles,
            String user,
            ShareRequest request,
            Instant now) {
        CasePermissions.mayPassOn(seen, tenant, roles);
        Share received = seen.shareWith(tenant).orElseThrow(CasePermissions::notFound);
        Optional<Instant> until =
                checkPassingOn(
                        tenant,
                        received.handlingCode(),
                        received.expireTime(),
                        request.country(),
                        request.handlingCode(),
                        request.expireTime());
        checkGrant(seen.ownerCountry(), request.country(), request.handlingCode(), until, now);
        new FieldChecks()
                .require(
                        !request.victimContacts(),
                        "disclose_victim_contacts",
                        "only the owning country may disclose victims' contacts")
                .throwIfAny();
        return new Share(
                request.country(),
                request.handlingCode(),
                user,
                now,
                false,
                until,
                tenant,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Sharing through an operation: one grant per participant other than the owner (in the order of
     * their codes), tagged with the operation and ending when it ends.
     */
    public List<Share> operationGrants(
            String owner, Operation operation, HandlingCode code, String user, Instant now) {
        return operation.participants().stream()
                .filter(country -> !country.equals(owner))
                .sorted()
                .map(
                        country -> {
                            checkGrant(owner, country, code, Optional.of(operation.endTime()), now);
                            return new Share(
                                    country,
                                    code,
                                    user,
                                    now,
                                    false,
                                    Optional.of(operation.endTime()),
                                    owner,
                                    Optional.of(
                                            new Share.ShareOperation(
                                                    operation.id(), operation.name())),
                                    Optional.empty());
                        })
                .toList();
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
