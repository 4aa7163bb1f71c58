package org.chainbreaker.repatriation.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an arrest recorded in the fugitive-service means for the draft transfer it opens, decided on
 * the fugitive-service's answer as the caller's country sees it (see SyncArrestTransfer in the
 * contract).
 */
public sealed interface ArrestTransfer {

    /** Open, once per arrest, this DRAFT owned by the arresting (caller's) country. */
    record Open(NewRepatriation draft, String reference, ArrestOrigin arrest)
            implements ArrestTransfer {}

    /** Close the arrest's drafts still DRAFT, with this reason. */
    record Close(String reason) implements ArrestTransfer {}

    /** Answer the arrest's transfer as it is (the caller is not the country that opens it). */
    record Answer(String reasonIfNone) implements ArrestTransfer {}

    static ArrestTransfer decide(FugitiveLookup.Found found, UUID wantedPersonId, String caller) {
        if (found.cancelled()) {
            return new Close("the wanted person's notice was cancelled in the fugitive-service");
        }
        if (!found.arrested()) {
            return new Close(
                    "the wanted person is no longer held under the arrest in the fugitive-service");
        }
        // The country that wants the person holds them: there is no border to cross, and a
        // transfer from a country to itself does not exist.
        if (found.ownerCountry().equals(found.arrestingCountry())) {
            return new Answer(
                    "the wanted person was arrested by the country that wants them: no transfer"
                            + " between countries follows");
        }
        if (!found.arrestingCountry().equals(caller) || found.arrest().isEmpty()) {
            return new Answer(
                    "a transfer from an arrest is opened by the arresting country, and none is open"
                            + " yet");
        }
        return new Open(
                new NewRepatriation(
                        Kind.SUSPECT_TRANSFER,
                        caller,
                        found.ownerCountry(),
                        List.of(),
                        Optional.of(wantedPersonId),
                        List.of(),
                        VictimGroup.NONE,
                        Logistics.EMPTY),
                found.reference(),
                found.arrest().get());
    }
}
