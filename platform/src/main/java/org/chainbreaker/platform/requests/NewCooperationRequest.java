package org.chainbreaker.platform.requests;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * A request as the requesting country sends it. Field names in violations are the proto's ({@code
 * owner_country}, {@code purpose}, ...). {@code deadline} may only bring the urgency's deadline
 * forward.
 */
public record NewCooperationRequest(
        String ownerCountry,
        Subject subject,
        String purpose,
        String legalBasis,
        Urgency urgency,
        Set<Ask> asks,
        Optional<String> thirdCountry,
        Optional<Instant> deadline,
        String requestId) {

    public static final int PURPOSE_MIN = 3;
    public static final int PURPOSE_MAX = 500;
    public static final int LEGAL_BASIS_MAX = 500;

    public NewCooperationRequest {
        asks = asks == null ? Set.of() : Set.copyOf(asks);
        thirdCountry =
                thirdCountry == null ? Optional.empty() : thirdCountry.filter(c -> !c.isEmpty());
        deadline = deadline == null ? Optional.empty() : deadline;
        requestId = requestId == null ? "" : requestId;
    }

    /**
     * Every rule on what a request may say, all violations at once (INVALID_ARGUMENT naming each
     * field): the owner is another served country, the purpose has 3 to 500 characters, a legal
     * basis is stated, the urgency is defined, something is asked and only what this kind of record
     * allows, a pass-on names a third country (and only then), a deadline given lies in the future
     * and no later than the urgency's.
     */
    public void check(String requester, TenantDirectory tenants, Set<Ask> allowed, Instant now) {
        FieldChecks checks =
                new FieldChecks()
                        .require(
                                tenants.knows(ownerCountry),
                                "owner_country",
                                "must be the code of a tenant served here, e.g. KR")
                        .require(
                                !requester.equals(ownerCountry),
                                "owner_country",
                                "a country does not send a request to itself")
                        .require(
                                subject != null
                                        && subject.reference() != null
                                        && !subject.reference().isBlank(),
                                "reference",
                                "is required: the reference the hit named")
                        .text(purpose, "purpose", PURPOSE_MIN, PURPOSE_MAX)
                        .text(legalBasis, "legal_basis", 3, LEGAL_BASIS_MAX)
                        .require(
                                urgency != null,
                                "urgency",
                                "is required: one of " + Arrays.toString(Urgency.values()))
                        .require(!asks.isEmpty(), "asks", "name at least one thing asked for")
                        .require(
                                allowed.containsAll(asks),
                                "asks",
                                "this kind of record allows only " + allowed);
        if (subject != null && subject.reference() != null) {
            checks.text(subject.reference(), "reference", 1, 100);
        }
        if (asks.contains(Ask.PASS_ON)) {
            String third = thirdCountry.orElse("");
            checks.require(
                            tenants.knows(third),
                            "third_country",
                            "must be the code of a served tenant to pass the record on to")
                    .require(
                            !third.equals(requester) && !third.equals(ownerCountry),
                            "third_country",
                            "must be a country other than the requester and the owner");
        } else {
            checks.require(
                    thirdCountry.isEmpty(),
                    "third_country",
                    "is only for a request that asks to pass the record on");
        }
        if (deadline.isPresent()) {
            checks.require(deadline.get().isAfter(now), "deadline", "must lie in the future");
            checks.require(
                    urgency == null || !deadline.get().isAfter(urgency.deadlineFrom(now)),
                    "deadline",
                    "must be no later than the urgency allows ("
                            + (urgency == null ? "" : urgency.answerWithin())
                            + ")");
        }
        checks.throwIfAny();
    }

    /**
     * The owner's deadline for a request asked now: the urgency's, or an earlier one the requester
     * set.
     */
    public Instant deadlineFrom(Instant now) {
        return deadline.orElseGet(() -> urgency.deadlineFrom(now));
    }
}
