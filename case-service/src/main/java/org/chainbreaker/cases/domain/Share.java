package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A grant of a case to one partner country, under a handling code; {@code victimContacts} discloses
 * the contact details of the case's victims to the partner (effective under H0 and H1 only, see
 * {@link VictimProtection}). A grant may expire ({@code expireTime}); it was made by the owner or,
 * passed on, by a partner ({@code grantedBy}); a grant made for an operation names it and ends with
 * it; a grant made for a group share names the group ({@code group}).
 */
public record Share(
        String country,
        HandlingCode handlingCode,
        String sharedBy,
        Instant shareTime,
        boolean victimContacts,
        Optional<Instant> expireTime,
        String grantedBy,
        Optional<ShareOperation> operation,
        Optional<UUID> group) {

    /**
     * The operation a grant was made for (every participant gets one, ending with the operation).
     */
    public record ShareOperation(UUID id, String name) {}

    public Share(String country, HandlingCode handlingCode, String sharedBy, Instant shareTime) {
        this(country, handlingCode, sharedBy, shareTime, false);
    }

    public Share(
            String country,
            HandlingCode handlingCode,
            String sharedBy,
            Instant shareTime,
            boolean victimContacts) {
        this(
                country,
                handlingCode,
                sharedBy,
                shareTime,
                victimContacts,
                Optional.empty(),
                "",
                Optional.empty(),
                Optional.empty());
    }

    /** The audit note of a grant: to whom, under which code, with what, until when. */
    public String note() {
        return "to "
                + country
                + " under "
                + handlingCode
                + (victimContacts ? " with victims' contacts" : "")
                + expireTime.map(t -> " until " + t).orElse("");
    }

    /** Whether the grant still gives access at this instant. */
    public boolean liveAt(Instant instant) {
        return expireTime.map(instant::isBefore).orElse(true);
    }
}
