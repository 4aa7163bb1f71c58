package org.chainbreaker.fugitives.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operation: countries working together for a period; the coordinator manages who takes part.
 */
public record Operation(
        UUID id,
        String name,
        String coordinatorCountry,
        List<String> participants,
        Instant startTime,
        Instant endTime,
        Instant createTime) {

    public Operation {
        participants = List.copyOf(participants);
    }

    public boolean coordinatedBy(String tenant) {
        return coordinatorCountry.equals(tenant);
    }

    public boolean hasParticipant(String tenant) {
        return participants.contains(tenant);
    }

    public boolean runsAt(Instant instant) {
        return !instant.isBefore(startTime) && !instant.isAfter(endTime);
    }
}
