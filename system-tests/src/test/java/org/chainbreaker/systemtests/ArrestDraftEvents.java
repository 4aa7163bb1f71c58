package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.RECEIVING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.S;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.SENDING;
import static org.chainbreaker.systemtests.RepatriationServiceScenarios.STRANGER;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.Repatriation;

/**
 * Who is told of an arrest's draft transfer: the arresting country (SENDING, the draft's owner) and
 * the notice's owner (RECEIVING) receive its opening and, once the owner cancels the notice and the
 * arrest relay closes the draft, its cancellation; a third country (STRANGER) receives no event
 * about the draft on the repatriation-service's stream, and none about the person or the arrest on
 * the fugitive-service's.
 */
final class ArrestDraftEvents {

    private ArrestDraftEvents() {}

    /** Where each stream the check reads stands now (before the arrest). */
    static Map<String, String> cursors(OnFace on) {
        Map<String, String> at = new LinkedHashMap<>();
        for (String tenant : List.of(SENDING, RECEIVING, STRANGER)) {
            at.put(S + "/" + tenant, TenantStreams.cursor(on, S, tenant));
        }
        at.put(
                Faces.FUGITIVES + "/" + STRANGER,
                TenantStreams.cursor(on, Faces.FUGITIVES, STRANGER));
        return at;
    }

    /**
     * The owner cancels the notice of the arrested person; the relay closes the draft; then every
     * stream is read from {@code before}.
     */
    static void toldOnlyTheTwoCountries(
            OnFace on, WantedPerson wanted, Repatriation draft, Map<String, String> before) {
        on.ok(
                investigator(RECEIVING),
                Faces.FUGITIVES,
                "CancelWantedPerson",
                CancelWantedPersonRequest.newBuilder()
                        .setId(wanted.getId())
                        .setReason("warrant withdrawn by the court")
                        .build(),
                WantedPerson.parser());
        OnFace.eventually(
                "the arrest relay cancels the draft of the cancelled notice",
                Duration.ofSeconds(60),
                () ->
                        RepatriationServiceScenarios.get(on, investigator(SENDING), draft.getId())
                                        .getStatus()
                                == Repatriation.Status.CANCELLED);
        for (String party : List.of(SENDING, RECEIVING)) {
            List<String> told =
                    TenantStreams.since(on, S, party, before.get(S + "/" + party)).stream()
                            .filter(e -> e.getRecordId().equals(draft.getId()))
                            .map(Event::getType)
                            .toList();
            assertThat(told)
                    .as(party + " is told of the draft it is party to, over " + on.face)
                    .contains("repatriation.opened_from_arrest", "repatriation.cancelled");
        }
        List<Event> stranger = TenantStreams.since(on, S, STRANGER, before.get(S + "/" + STRANGER));
        assertThat(stranger)
                .as(STRANGER + "'s repatriation stream over " + on.face)
                .noneMatch(e -> e.getRecordId().equals(draft.getId()));
        List<Event> strangerFugitives =
                TenantStreams.since(
                        on,
                        Faces.FUGITIVES,
                        STRANGER,
                        before.get(Faces.FUGITIVES + "/" + STRANGER));
        assertThat(strangerFugitives)
                .as(STRANGER + "'s fugitive stream over " + on.face)
                .noneMatch(e -> e.getRecordId().equals(wanted.getId()));
    }
}
