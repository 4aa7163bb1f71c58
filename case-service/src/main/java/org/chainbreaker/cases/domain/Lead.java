package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.records.Etags;

/** An investigative lead inside a case, possibly assigned to one partner country. */
public record Lead(
        UUID id,
        UUID caseId,
        String ownerCountry,
        LeadKind kind,
        String value,
        Optional<String> normalizedValue,
        String description,
        LeadStatus status,
        Optional<String> assignedCountry,
        Optional<HandlingCode> assignHandling,
        Instant createTime,
        Instant updateTime,
        long version,
        List<LeadFinding> findings,
        boolean valueWithheld) {

    public Lead {
        findings = List.copyOf(findings);
    }

    /** {@code valueWithheld}: the sealed value could not be opened (it reads as empty). */
    public Lead(
            UUID id,
            UUID caseId,
            String ownerCountry,
            LeadKind kind,
            String value,
            Optional<String> normalizedValue,
            String description,
            LeadStatus status,
            Optional<String> assignedCountry,
            Optional<HandlingCode> assignHandling,
            Instant createTime,
            Instant updateTime,
            long version,
            List<LeadFinding> findings) {
        this(
                id,
                caseId,
                ownerCountry,
                kind,
                value,
                normalizedValue,
                description,
                status,
                assignedCountry,
                assignHandling,
                createTime,
                updateTime,
                version,
                findings,
                false);
    }

    /**
     * Where a lead stands: its status, and the country it is assigned to under which handling code.
     */
    public record Assignment(
            LeadStatus status, Optional<String> country, Optional<HandlingCode> code) {}

    public Assignment assignment() {
        return new Assignment(status, assignedCountry, assignHandling);
    }

    /**
     * The owner assigns the lead, or takes it back from its assignee and gives it to another
     * country: at any time until the lead is closed. A new assignee starts at ASSIGNED; the same
     * assignee under another code keeps the status it reached.
     */
    public Step<Assignment> assign(String country, HandlingCode code) {
        if (status.closed()) {
            return Step.refuse(
                    "a "
                            + status
                            + " lead is closed; reopen it (IN_PROGRESS) before assigning it again");
        }
        LeadStatus next = assignedTo(country) ? status : LeadStatus.ASSIGNED;
        return Step.move(
                assignment(), new Assignment(next, Optional.of(country), Optional.of(code)));
    }

    /**
     * The assignee passes the lead on to another country (whether its code allows that is {@link
     * SharingPolicy}'s question): the lead keeps its status, so a passed-on lead never silently
     * starts over; not once closed.
     */
    public Step<Assignment> passOn(String country, HandlingCode code) {
        if (status.closed()) {
            return Step.refuse("a " + status + " lead is closed and cannot be passed on");
        }
        return Step.move(
                assignment(), new Assignment(status, Optional.of(country), Optional.of(code)));
    }

    /**
     * A change of status by the owner or the assignee, one step along {@link LeadStatus#next()}.
     */
    public Step<LeadStatus> moveTo(LeadStatus target) {
        if (!status.canMoveTo(target)) {
            return Step.refuse(
                    "a lead cannot move from "
                            + status
                            + " to "
                            + target
                            + "; allowed: "
                            + status.next());
        }
        return Step.move(status, target);
    }

    /**
     * The lead as a hand-over left it: the new assignment, one version on. The country that passed
     * it on is answered this (it may no longer be able to read the lead).
     */
    public Lead handedOver(Assignment to, Instant now) {
        return new Lead(
                id,
                caseId,
                ownerCountry,
                kind,
                value,
                normalizedValue,
                description,
                to.status(),
                to.country(),
                to.code(),
                createTime,
                now,
                version + 1,
                findings,
                valueWithheld);
    }

    /**
     * The caller holds the lead only as its assignee: an assignment it asks for passes the lead on
     * rather than reassigning it.
     */
    public boolean heldAsAssigneeBy(String tenant) {
        return !ownedBy(tenant) && assignedTo(tenant);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    /** A read of the lead by another country (its assignee) is audited for the owner. */
    public boolean auditsReadBy(String tenant) {
        return !ownedBy(tenant);
    }

    public boolean assignedTo(String tenant) {
        return assignedCountry.filter(tenant::equals).isPresent();
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public static String etagOf(UUID id, long version) {
        return Etags.of(id, version);
    }
}
