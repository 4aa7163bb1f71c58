package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.records.Etags;

/** A repatriation as stored, with its plan and its history. */
public record Repatriation(
        UUID id,
        String ownerCountry,
        Kind kind,
        String sendingCountry,
        String receivingCountry,
        List<String> transitCountries,
        Optional<UUID> wantedPersonId,
        String wantedPersonReference,
        FugitiveCheck fugitiveCheck,
        List<String> caseIds,
        VictimGroup victimGroup,
        Logistics logistics,
        RepatriationStatus status,
        boolean escortWaivedBySending,
        boolean escortWaivedByReceiving,
        Optional<Handover> handover,
        String statusReason,
        List<Transition> history,
        long version,
        Instant createTime,
        Instant updateTime,
        Optional<CustodyDelivery> custodyDelivery,
        Optional<UUID> rescueRequestId,
        Optional<ArrestOrigin> arrest) {

    public Repatriation {
        transitCountries = List.copyOf(transitCountries);
        caseIds = List.copyOf(caseIds);
        history = List.copyOf(history);
    }

    /** The side the tenant speaks for, if it is the sending or receiving country. */
    public Optional<Side> sideOf(String tenant) {
        if (sendingCountry.equals(tenant)) {
            return Optional.of(Side.SENDING);
        }
        if (receivingCountry.equals(tenant)) {
            return Optional.of(Side.RECEIVING);
        }
        return Optional.empty();
    }

    public boolean isParty(String tenant) {
        return sideOf(tenant).isPresent();
    }

    /**
     * Submitting a DRAFT whose fugitive check is still PENDING asks the fugitive-service again
     * first (with the submitter's token).
     */
    public boolean checksWantedPersonAgainOnSubmit() {
        return fugitiveCheck == FugitiveCheck.PENDING && status == RepatriationStatus.DRAFT;
    }

    /**
     * The arrest behind a draft transfer ended (the notice was cancelled): only a DRAFT is closed;
     * anything further along is left to the workflow.
     */
    public boolean closesWhenTheArrestEnds() {
        return status == RepatriationStatus.DRAFT;
    }

    /**
     * A handover of a wanted person the fugitive-service confirmed is told to it as a custody
     * transfer (sent until settled).
     */
    public boolean deliversCustodyAtHandover() {
        return wantedPersonId.isPresent() && fugitiveCheck == FugitiveCheck.CONFIRMED;
    }

    /** A custody transfer is sent again on request only while its delivery is PENDING. */
    public Optional<FailedPreconditionException> refusesCustodyRetry() {
        boolean pending =
                custodyDelivery.map(d -> d.state() == CustodyDelivery.State.PENDING).orElse(false);
        return pending
                ? Optional.empty()
                : Optional.of(
                        new FailedPreconditionException(
                                "no custody transfer of this repatriation is waiting for delivery"));
    }

    public boolean escortsWaived() {
        return escortWaivedBySending && escortWaivedByReceiving;
    }

    public String etag() {
        return Etags.of(id, version);
    }

    /** When the journey started: the latest move to IN_TRANSIT in the history. */
    public Optional<Instant> transitStart() {
        return history.stream()
                .filter(t -> t.toStatus() == RepatriationStatus.IN_TRANSIT)
                .map(Transition::at)
                .reduce((a, b) -> b);
    }

    /** DRAFT -> REQUESTED, unless the wanted person's check is pending or refused. */
    public Step submit() {
        if (status != RepatriationStatus.DRAFT) {
            return cannot(RepatriationStatus.REQUESTED);
        }
        return switch (fugitiveCheck) {
            case PENDING ->
                    new Step.Refuse(
                            "the wanted person's check in the fugitive-service is still pending; try again later");
            case REFUSED ->
                    new Step.Refuse(
                            "the fugitive-service does not confirm the wanted person's transfer");
            default -> move(RepatriationStatus.REQUESTED, "");
        };
    }

    /**
     * One side's approval: the first records that side, the second clears the repatriation (both
     * approvals are announced). A side approves once.
     */
    public Step approve(Side side) {
        RepatriationStatus own =
                side == Side.SENDING
                        ? RepatriationStatus.APPROVED_BY_SENDING
                        : RepatriationStatus.APPROVED_BY_RECEIVING;
        RepatriationStatus other =
                side == Side.SENDING
                        ? RepatriationStatus.APPROVED_BY_RECEIVING
                        : RepatriationStatus.APPROVED_BY_SENDING;
        if (status == own) {
            return new Step.Refuse(
                    "the " + side.name().toLowerCase() + " side has already approved");
        }
        if (status == RepatriationStatus.REQUESTED) {
            return move(own, "");
        }
        if (status == other) {
            return new Step.Move(
                    status,
                    RepatriationStatus.CLEARED,
                    "",
                    List.of(own.event(), RepatriationStatus.CLEARED.event()));
        }
        return new Step.Refuse("a " + status + " repatriation cannot be approved");
    }

    public Step reject(String reason) {
        return move(RepatriationStatus.REJECTED, reason);
    }

    /** Before transit (the state machine says when); the reason is kept. */
    public Step cancel(String reason) {
        return move(RepatriationStatus.CANCELLED, reason);
    }

    /**
     * CLEARED -> SCHEDULED once nothing is missing (see {@link
     * RepatriationRules#missingToSchedule}).
     */
    public Step schedule(Instant now) {
        if (!status.canMoveTo(RepatriationStatus.SCHEDULED)) {
            return cannot(RepatriationStatus.SCHEDULED);
        }
        List<String> missing = RepatriationRules.missingToSchedule(this, now);
        if (!missing.isEmpty()) {
            return new Step.Refuse(
                    "the repatriation cannot be scheduled: " + String.join("; ", missing));
        }
        return move(RepatriationStatus.SCHEDULED, "");
    }

    public Step startTransit() {
        return move(RepatriationStatus.IN_TRANSIT, "");
    }

    /**
     * IN_TRANSIT -> HANDED_OVER (the handover's fields are checked by {@link
     * RepatriationRules#handover}).
     */
    public Step handOver() {
        return move(RepatriationStatus.HANDED_OVER, "");
    }

    /**
     * HANDED_OVER -> COMPLETED. A custody transfer still on its way to the fugitive-service holds
     * completion back; one refused there lets it complete, saying plainly in the reason that
     * custody was not transferred.
     */
    public Step complete() {
        if (!status.canMoveTo(RepatriationStatus.COMPLETED)) {
            return cannot(RepatriationStatus.COMPLETED);
        }
        if (custodyDelivery.isEmpty()) {
            return move(
                    RepatriationStatus.COMPLETED,
                    wantedPersonId.isPresent()
                            ? "custody was not transferred in the fugitive-service: no transfer was recorded at the handover"
                            : "");
        }
        CustodyDelivery delivery = custodyDelivery.get();
        return switch (delivery.state()) {
            case PENDING ->
                    new Step.Refuse(
                            "the custody transfer to the fugitive-service is still pending ("
                                    + delivery.attempts()
                                    + " attempts"
                                    + (delivery.lastError().isEmpty()
                                            ? ""
                                            : ", last: " + delivery.lastError())
                                    + "); completion waits for it");
            case DELIVERED -> move(RepatriationStatus.COMPLETED, "");
            case REFUSED ->
                    move(
                            RepatriationStatus.COMPLETED,
                            "custody was not transferred in the fugitive-service: "
                                    + delivery.lastError());
        };
    }

    /**
     * A new plan (and, for a victim return, a corrected count; 0 keeps it), while logistics are
     * open. A plan that differs withdraws the escort waivers and, once a side approved, both
     * approvals (back to REQUESTED): nobody's approval stands for a plan it did not see.
     */
    public Step replan(Logistics plan, int victimCount, String actorCountry) {
        if (!status.logisticsOpen()) {
            return new Step.Refuse("the logistics of a " + status + " repatriation are fixed");
        }
        if (victimCount != 0 && kind.movesASuspect()) {
            return new Step.Refuse("a " + kind + " has no victim group to count");
        }
        boolean changed =
                !logistics.samePlanAs(plan)
                        || (victimCount != 0 && victimCount != victimGroup.count());
        boolean waivers = changed && (escortWaivedBySending || escortWaivedByReceiving);
        Optional<Step.Move> withdrawal = Optional.empty();
        if (changed && status.approvalGiven()) {
            withdrawal =
                    Optional.of(
                            new Step.Move(
                                    status,
                                    RepatriationStatus.REQUESTED,
                                    "approvals withdrawn: the plan was changed by " + actorCountry,
                                    List.of("repatriation.approvals_withdrawn")));
        }
        return new Step.Replan(changed, waivers, withdrawal);
    }

    /** One side waives the two-escort requirement for this plan (effective once both did). */
    public Step waiveEscorts(Side side) {
        if (!kind.movesASuspect()) {
            return new Step.Refuse("escorts are required only for suspects");
        }
        if (!status.logisticsOpen()) {
            return new Step.Refuse("the logistics of a " + status + " repatriation are fixed");
        }
        return new Step.Waive(side);
    }

    private Step move(RepatriationStatus target, String reason) {
        if (!status.canMoveTo(target)) {
            return cannot(target);
        }
        return new Step.Move(status, target, reason, List.of(target.event()));
    }

    private Step cannot(RepatriationStatus target) {
        return new Step.Refuse("a " + status + " repatriation cannot become " + target);
    }

    /**
     * The repatriation as the tenant sees it. The sending and receiving countries see all of it;
     * everyone else who sees it at all (transit countries, coordinators) not where and when the
     * person was arrested, and transit countries not persons' names and support needs either.
     */
    public Repatriation asSeenBy(String tenant) {
        if (isParty(tenant)) {
            return this;
        }
        Repatriation seen = withArrest(Optional.empty());
        if (!transitCountries.contains(tenant)) {
            return seen;
        }
        return seen.withVictimGroup(victimGroup.withoutSupportNeeds())
                .withLogistics(logistics.withheld());
    }

    public Repatriation withTransitCountries(List<String> countries) {
        return copy(c -> c.transitCountries = countries);
    }

    public Repatriation withFugitiveCheck(FugitiveCheck check) {
        return copy(c -> c.fugitiveCheck = check);
    }

    public Repatriation withEscortWaivers(boolean bySending, boolean byReceiving) {
        return copy(
                c -> {
                    c.escortWaivedBySending = bySending;
                    c.escortWaivedByReceiving = byReceiving;
                });
    }

    public Repatriation withVictimGroup(VictimGroup group) {
        return copy(c -> c.victimGroup = group);
    }

    public Repatriation withLogistics(Logistics plan) {
        return copy(c -> c.logistics = plan);
    }

    public Repatriation withArrest(Optional<ArrestOrigin> origin) {
        return copy(c -> c.arrest = origin);
    }

    /** The one place the record is copied field by field; a {@code with…} method changes one. */
    private Repatriation copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /**
     * The fields of a repatriation being copied (the {@code with…} methods set the ones they
     * change).
     */
    private static final class Copy {
        private final Repatriation from;
        private List<String> transitCountries;
        private FugitiveCheck fugitiveCheck;
        private VictimGroup victimGroup;
        private Logistics logistics;
        private boolean escortWaivedBySending;
        private boolean escortWaivedByReceiving;
        private Optional<ArrestOrigin> arrest;

        private Copy(Repatriation from) {
            this.from = from;
            this.transitCountries = from.transitCountries;
            this.fugitiveCheck = from.fugitiveCheck;
            this.victimGroup = from.victimGroup;
            this.logistics = from.logistics;
            this.escortWaivedBySending = from.escortWaivedBySending;
            this.escortWaivedByReceiving = from.escortWaivedByReceiving;
            this.arrest = from.arrest;
        }

        private Repatriation build() {
            return new Repatriation(
                    from.id,
                    from.ownerCountry,
                    from.kind,
                    from.sendingCountry,
                    from.receivingCountry,
                    transitCountries,
                    from.wantedPersonId,
                    from.wantedPersonReference,
                    fugitiveCheck,
                    from.caseIds,
                    victimGroup,
                    logistics,
                    from.status,
                    escortWaivedBySending,
                    escortWaivedByReceiving,
                    from.handover,
                    from.statusReason,
                    from.history,
                    from.version,
                    from.createTime,
                    from.updateTime,
                    from.custodyDelivery,
                    from.rescueRequestId,
                    arrest);
        }
    }
}
