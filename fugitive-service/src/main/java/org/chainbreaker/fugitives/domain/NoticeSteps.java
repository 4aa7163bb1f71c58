package org.chainbreaker.fugitives.domain;

import java.util.Optional;

/**
 * The changes the rules of a wanted person accept (see {@link WantedPerson}); each names the state
 * it moves from.
 */
public final class NoticeSteps {

    private NoticeSteps() {}

    /**
     * A step of the notice lifecycle: stored only if the notice is still {@code from}. {@code
     * closesArrestDraft}: the step cancels the notice of an arrested person, so the draft transfer
     * the arrest opened in the repatriation-service is closed too.
     */
    public record StatusChange(
            NoticeStatus from,
            NoticeStatus to,
            Optional<String> cancellationReason,
            boolean closesArrestDraft) {

        /**
         * A cancelled notice is hidden from every other country that saw it; they are told their
         * access ended.
         */
        public boolean endsAccess() {
            return to == NoticeStatus.CANCELLED;
        }

        /** The event that announces the step. */
        public String event() {
            return switch (to) {
                case DRAFT -> "wanted_person.returned_to_draft";
                case UNDER_REVIEW -> "wanted_person.submitted";
                case PUBLISHED -> "wanted_person.published";
                case CANCELLED -> "wanted_person.cancelled";
            };
        }
    }

    /** New descriptive fields: stored only if the notice is still {@code from}. */
    public record Edit(NoticeStatus from, WantedPersonDetails details) {}

    /**
     * A custody transfer to store, or a repeat of the one already stored (nothing to store or
     * announce).
     */
    public record TransferStep(CustodyTransfer transfer, boolean repeat) {}

    /**
     * A sighting to store: where the person was seen and which country, if any, it lets see the
     * record (only a sighting the owner reports in another country grants; see {@link
     * WantedPerson#sight}).
     */
    public record SightingStep(NewSighting sighting, Optional<String> grantedCountry) {}

    /**
     * The owner takes back the access a sighting gave; {@code repeat} if it was already withdrawn.
     */
    public record Withdrawal(Sighting sighting, String fromCountry, boolean repeat) {}
}
