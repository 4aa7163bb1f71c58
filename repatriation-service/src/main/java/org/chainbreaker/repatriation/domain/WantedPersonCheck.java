package org.chainbreaker.repatriation.domain;

/**
 * Whether the fugitive-service's answer about a linked wanted person lets a transfer from {@code
 * sending} to {@code receiving} go ahead. Asked at creation and again before scheduling, transit
 * and handover: the person must be ARRESTED by the sending country (which holds them) and wanted by
 * the receiving country (the notice's owner). A transfer to a third country (an extradition with
 * the owner's consent) is not supported and is refused plainly.
 */
public sealed interface WantedPersonCheck {

    /** The transfer may go ahead; {@code reference} is the notice's reference. */
    record Holds(String reference) implements WantedPersonCheck {}

    /** The fugitive-service answered, and the transfer may not go ahead, for this reason. */
    record Fails(String reason) implements WantedPersonCheck {}

    /** No wanted person the caller's country may see has this id. */
    record NotVisible() implements WantedPersonCheck {}

    /** The fugitive-service could not answer now. */
    record Unknown(String reason) implements WantedPersonCheck {}

    static WantedPersonCheck of(FugitiveLookup lookup, String sending, String receiving) {
        return switch (lookup) {
            case FugitiveLookup.Unavailable u -> new Unknown(u.reason());
            case FugitiveLookup.NotVisible ignored -> new NotVisible();
            case FugitiveLookup.Found found when !found.arrested() ->
                    new Fails(
                            "the wanted person is not recorded as arrested in the fugitive-service");
            case FugitiveLookup.Found found when !found.arrestingCountry().equals(sending) ->
                    new Fails(
                            "the wanted person was arrested by another country than the sending country "
                                    + sending
                                    + ": a transfer leaves from the country that holds the person");
            case FugitiveLookup.Found found when !found.ownerCountry().equals(receiving) ->
                    new Fails(
                            "the receiving country "
                                    + receiving
                                    + " does not own the wanted person's notice: a transfer goes"
                                    + " to the country that wants the person (transfers to a third country are not supported)");
            case FugitiveLookup.Found found -> new Holds(found.reference());
        };
    }
}
