package org.chainbreaker.fugitives.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.NoticeSteps.Edit;
import org.chainbreaker.fugitives.domain.NoticeSteps.SightingStep;
import org.chainbreaker.fugitives.domain.NoticeSteps.StatusChange;
import org.chainbreaker.fugitives.domain.NoticeSteps.TransferStep;
import org.chainbreaker.fugitives.domain.NoticeSteps.Withdrawal;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.records.Etags;

/**
 * A wanted person as seen by one viewer. The owner sees the operations it was published to; others
 * do not (the list is empty for them), and the last known location is the newest confirmed sighting
 * the viewer may see.
 *
 * <p>Its rules decide every change (notice lifecycle, edits, arrest, custody transfer, sightings)
 * from the state as read under the record's lock, and answer a {@link Decision}: the change to
 * store, conditionally on the state it moves from, or the refusal. They change nothing themselves.
 */
public record WantedPerson(
        UUID id,
        String reference,
        String ownerCountry,
        WantedPersonDetails details,
        NoticeStatus status,
        Custody custody,
        Optional<Arrest> arrest,
        Optional<CustodyTransfer> custodyTransfer,
        Optional<Sighting> lastKnownLocation,
        List<UUID> operationIds,
        Optional<String> cancellationReason,
        Instant createTime,
        Instant updateTime,
        long version) {

    public WantedPerson {
        operationIds = List.copyOf(operationIds);
    }

    public boolean ownedBy(String tenant) {
        return ownerCountry.equals(tenant);
    }

    public String etag() {
        return Etags.of(id, version);
    }

    public WantedPerson withLastKnownLocation(Optional<Sighting> sighting) {
        return new WantedPerson(
                id,
                reference,
                ownerCountry,
                details,
                status,
                custody,
                arrest,
                custodyTransfer,
                sighting,
                operationIds,
                cancellationReason,
                createTime,
                updateTime,
                version);
    }

    /**
     * A step of the notice lifecycle, only those {@link NoticeStatus#next()} allows; a cancellation
     * needs a reason.
     */
    public Decision<StatusChange> moveTo(NoticeStatus target, Optional<String> reason) {
        if (!status.canMoveTo(target)) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "a " + status + " notice cannot become " + target));
        }
        return Decision.accept(
                new StatusChange(
                        status,
                        target,
                        target == NoticeStatus.CANCELLED
                                ? reason.map(String::strip)
                                : Optional.empty(),
                        target == NoticeStatus.CANCELLED && custody == Custody.ARRESTED));
    }

    public Decision<StatusChange> submit() {
        return moveTo(NoticeStatus.UNDER_REVIEW, Optional.empty());
    }

    public Decision<StatusChange> publish() {
        return moveTo(NoticeStatus.PUBLISHED, Optional.empty());
    }

    public Decision<StatusChange> cancel(String reason) {
        return moveTo(NoticeStatus.CANCELLED, Optional.of(reason));
    }

    /**
     * New descriptive fields; a withdrawn (CANCELLED) notice is history and stays as it was. A
     * document whose number is withheld (the owning country's key no longer opens it) cannot be
     * kept as it is: the edit would store it without its number, and identity checks would stop
     * finding the person by it. The owner re-enters the number or removes the document.
     */
    public Decision<Edit> edit(WantedPersonDetails changed) {
        if (status == NoticeStatus.CANCELLED) {
            return Decision.refuse(
                    new FailedPreconditionException("a CANCELLED notice cannot be changed"));
        }
        List<IdentityDocument> documents = changed.documents();
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).numberWithheld()) {
                return Decision.refuse(
                        new FailedPreconditionException(
                                "documents["
                                        + i
                                        + "].number is withheld (the owning country's key no longer"
                                        + " opens it) and cannot be kept or changed without"
                                        + " re-entering it: send the number again, or remove the"
                                        + " document"));
            }
        }
        return Decision.accept(new Edit(status, changed));
    }

    /** Publication to an operation the owner takes part in; not of a withdrawn notice. */
    public Decision<Operation> publishTo(Operation operation) {
        if (status == NoticeStatus.CANCELLED) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "a CANCELLED notice cannot be published to an operation"));
        }
        if (!operation.hasParticipant(ownerCountry)) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "the owning country must take part in the operation"));
        }
        return Decision.accept(operation);
    }

    /**
     * An arrest: of a person at large, on a PUBLISHED notice (a withdrawn warrant is no ground for
     * one).
     */
    public Decision<Arrest> arrest(Arrest requested) {
        if (status != NoticeStatus.PUBLISHED || custody != Custody.AT_LARGE) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "an arrest is recorded only for a PUBLISHED notice of a person at large; this notice is "
                                    + status
                                    + " and the person "
                                    + custody));
        }
        return Decision.accept(requested);
    }

    /**
     * A custody transfer: once, from the arresting country, not before the arrest. A repeat under
     * the recorded repatriation reference is answered without change; another reference is refused.
     */
    public Decision<TransferStep> transferCustody(CustodyTransfer requested) {
        if (custody == Custody.TRANSFERRED) {
            boolean same =
                    custodyTransfer
                            .map(
                                    t ->
                                            t.repatriationReference()
                                                    .equals(requested.repatriationReference()))
                            .orElse(false);
            return same
                    ? Decision.accept(new TransferStep(custodyTransfer.orElseThrow(), true))
                    : Decision.refuse(
                            new FailedPreconditionException(
                                    "custody of this person was already transferred under another repatriation"));
        }
        if (custody != Custody.ARRESTED || arrest.isEmpty()) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "custody is transferred only for an ARRESTED person"));
        }
        try {
            requested.checkAgainst(arrest.get());
        } catch (InvalidArgumentException wrong) {
            return Decision.refuse(wrong);
        }
        return Decision.accept(new TransferStep(requested, false));
    }

    /**
     * A sighting reported by {@code reporter}. Another country places the person in its own
     * territory only: a sighting in a third country would open the owner's record to that country
     * on the reporter's word, an onward grant the reporter has no right to make (it tells the owner
     * instead, who may report the sighting itself). Only the owner's sighting in another country
     * lets that country see the record, and the owner may withdraw that. A person in custody
     * (ARRESTED or TRANSFERRED) is where the arrest put them: a sighting elsewhere is a mistake or
     * an escape for the countries holding them to handle, so it is refused rather than moving the
     * last known location or opening the record.
     */
    public Decision<SightingStep> sight(NewSighting sighting, String reporter) {
        boolean byOwner = ownedBy(reporter);
        if (!byOwner && !sighting.country().equals(reporter)) {
            return Decision.refuse(
                    InvalidArgumentException.of(
                            "sighting.country",
                            "must be the reporting country, "
                                    + reporter
                                    + ": a sighting in another country is reported by the"
                                    + " owning country"));
        }
        if (status != NoticeStatus.PUBLISHED) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "sightings are reported only for PUBLISHED notices"));
        }
        if (custody != Custody.AT_LARGE) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "the person is "
                                    + custody
                                    + ": a sighting neither moves the last known location of a person in custody nor opens the record"));
        }
        Optional<String> granted =
                byOwner && !sighting.country().equals(ownerCountry)
                        ? Optional.of(sighting.country())
                        : Optional.empty();
        return Decision.accept(new SightingStep(sighting, granted));
    }

    /**
     * The owner takes back the access one of its sightings gave the country where the person was
     * seen.
     */
    public Decision<Withdrawal> withdrawAccess(Sighting sighting, String caller) {
        if (!ownedBy(caller)) {
            return Decision.refuse(
                    new PermissionDeniedException(
                            "only the owning country may withdraw the access a sighting gave"));
        }
        if (status == NoticeStatus.CANCELLED) {
            // Nobody but the owner sees it; who could see it at cancellation is kept for the
            // cancellation's audience.
            return Decision.refuse(
                    new FailedPreconditionException(
                            "a CANCELLED notice is seen by its owner only: no access to withdraw"));
        }
        if (sighting.accessWithdrawTime().isPresent()) {
            return Decision.accept(new Withdrawal(sighting, sighting.country(), true));
        }
        if (sighting.grantedCountry().isEmpty()) {
            return Decision.refuse(
                    new FailedPreconditionException(
                            "this sighting gives no country access to the record"));
        }
        return Decision.accept(new Withdrawal(sighting, sighting.grantedCountry().get(), false));
    }
}
