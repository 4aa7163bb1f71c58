package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An operation (INFRA-SEAF style) as the fugitive-service, which owns operations, describes it to the caller. */
public record Operation(UUID id, String name, Set<String> participants, Instant startTime, Instant endTime) {

    public Operation {
        participants = Set.copyOf(participants);
    }
}
