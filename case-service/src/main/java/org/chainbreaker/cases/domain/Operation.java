package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;

/**
 * An operation (INFRA-SEAF style) as the fugitive-service, which owns operations, describes it to
 * the caller.
 */
public record Operation(
        UUID id, String name, Set<String> participants, Instant startTime, Instant endTime) {

    public Operation {
        participants = Set.copyOf(participants);
    }

    /**
     * A case is given to the members through an operation only while it runs: the refusal once it
     * has ended.
     */
    public Optional<FailedPreconditionException> refusesSharingAt(Instant now) {
        if (endTime.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(
                new FailedPreconditionException(
                        "the operation "
                                + name
                                + " ended at "
                                + endTime
                                + "; its members can no longer be given the case through it"));
    }
}
