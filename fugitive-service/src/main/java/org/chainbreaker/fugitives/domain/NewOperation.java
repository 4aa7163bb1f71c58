package org.chainbreaker.fugitives.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.RequestIds;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/** An operation as its coordinator asks to open it; the coordinator always takes part. */
public record NewOperation(
        String name,
        Set<String> participants,
        Instant startTime,
        Instant endTime,
        Optional<String> requestId) {

    /** An operation as the coordinator asks for it, not yet checked. */
    public record Request(
            String name,
            List<String> participants,
            Instant startTime,
            Instant endTime,
            String requestId) {}

    public static NewOperation of(String coordinator, Request request, TenantDirectory tenants) {
        String name = request.name();
        List<String> participants = request.participants();
        Instant startTime = request.startTime();
        Instant endTime = request.endTime();
        String requestId = request.requestId();
        FieldChecks checks =
                new FieldChecks()
                        .text(name, "operation.name", 1)
                        .require(startTime != null, "operation.start_time", "is required")
                        .require(
                                endTime != null
                                        && (startTime == null || endTime.isAfter(startTime)),
                                "operation.end_time",
                                "is required and must be after start_time")
                        .require(
                                participants.size() <= 50,
                                "operation.participants",
                                "must have at most 50 countries");
        RequestIds.check(requestId, checks);
        for (int i = 0; i < participants.size(); i++) {
            checks.require(
                    tenants.knows(participants.get(i)),
                    "operation.participants[" + i + "]",
                    "must be the code of a tenant served here, e.g. TH");
        }
        checks.throwIfAny();
        Set<String> all = new LinkedHashSet<>();
        all.add(coordinator);
        all.addAll(participants);
        return new NewOperation(name.strip(), all, startTime, endTime, RequestIds.of(requestId));
    }
}
