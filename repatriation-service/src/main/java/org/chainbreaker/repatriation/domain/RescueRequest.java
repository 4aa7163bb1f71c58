package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.records.StatusTable;

/** An emergency rescue request as stored, with the victim returns the viewer may see. */
public record RescueRequest(
        UUID id,
        String requestingCountry,
        String hostCountry,
        Location location,
        int estimatedPeople,
        List<String> nationalities,
        String source,
        Status status,
        Instant acknowledgeDeadline,
        Optional<Instant> acknowledgeTime,
        String acknowledgedBy,
        boolean escalated,
        Optional<Instant> escalateTime,
        Optional<Outcome> outcome,
        List<UUID> victimReturnIds,
        long version,
        Instant createTime,
        Instant updateTime) {

    /** OPEN -> ACKNOWLEDGED -> RESOLVED; escalation is a flag, not a status. */
    public enum Status implements StatusTable<Status> {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED;

        /**
         * Statuses reachable in one step (the same table style as {@link
         * RepatriationStatus#next()}): the host acknowledges, then records the outcome; resolved is
         * final.
         */
        @Override
        public Set<Status> next() {
            return switch (this) {
                case OPEN -> EnumSet.of(ACKNOWLEDGED);
                case ACKNOWLEDGED -> EnumSet.of(RESOLVED);
                case RESOLVED -> EnumSet.noneOf(Status.class);
            };
        }
    }

    /**
     * Where people are held; {@code latitude}/{@code longitude} are both present or both absent.
     */
    public record Location(
            String country,
            String province,
            String description,
            Optional<Double> latitude,
            Optional<Double> longitude) {}

    /** A request as a country raises it, not yet checked. */
    public record Raise(
            String hostCountry,
            Location location,
            int estimatedPeople,
            List<String> nationalities,
            String source) {}

    /** People rescued of one nationality. */
    public record RescuedGroup(String nationality, int count) {}

    /** The rescue's result: when, and who by nationality. */
    public record Outcome(LocalDate rescueDate, List<RescuedGroup> rescued) {

        public Outcome {
            rescued = List.copyOf(rescued);
        }

        /**
         * The groups that go home from the host country as a victim return of their own: those of
         * another nationality whose country takes part (a group of the host's nationality is home).
         */
        public List<RescuedGroup> returningHomeFrom(String host, Predicate<String> takesPart) {
            return rescued.stream()
                    .filter(g -> !g.nationality().equals(host) && takesPart.test(g.nationality()))
                    .toList();
        }
    }

    public RescueRequest {
        nationalities = List.copyOf(nationalities);
        victimReturnIds = List.copyOf(victimReturnIds);
    }

    /** What a step does to a rescue request, decided from its own state (under the row lock). */
    public sealed interface Step {

        /** The request moves on; the event is published. */
        record Move(Status from, Status to, String event) implements Step {}

        /** The same step was taken already with the same content (a retry): answered as it is. */
        record Repeat() implements Step {}

        /** Not possible in this state (FAILED_PRECONDITION). */
        record Refuse(String reason) implements Step {}
    }

    /** OPEN -> ACKNOWLEDGED by the host; only once. */
    public Step acknowledge() {
        if (status != Status.OPEN) {
            return new Step.Refuse("the rescue request is already " + status);
        }
        return new Step.Move(Status.OPEN, Status.ACKNOWLEDGED, "rescue_request.acknowledged");
    }

    /**
     * ACKNOWLEDGED -> RESOLVED with the outcome; the same outcome again is a retry, another one is
     * refused.
     */
    public Step recordOutcome(Outcome given) {
        return switch (status) {
            case OPEN ->
                    new Step.Refuse("acknowledge the rescue request before recording its outcome");
            case ACKNOWLEDGED ->
                    new Step.Move(Status.ACKNOWLEDGED, Status.RESOLVED, "rescue_request.resolved");
            case RESOLVED ->
                    outcome.map(given::equals).orElse(false)
                            ? new Step.Repeat()
                            : new Step.Refuse(
                                    "another outcome is already recorded for this rescue request");
        };
    }

    public boolean isParty(String tenant) {
        return requestingCountry.equals(tenant) || hostCountry.equals(tenant);
    }

    public String etag() {
        return Etags.of(id, version);
    }
}
