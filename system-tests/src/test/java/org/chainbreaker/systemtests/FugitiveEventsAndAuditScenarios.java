package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FugitiveServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.investigator;

import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The fugitive-service scenarios of the event stream and the audit trail. */
final class FugitiveEventsAndAuditScenarios {

    private FugitiveEventsAndAuditScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "WatchEvents",
                on -> {
                    Operation op = running(on, OWNER, PARTICIPANT);
                    EveryRpcOverBothFacesTest.watchEvents(
                            on,
                            S,
                            investigator(OWNER),
                            investigator(PARTICIPANT),
                            investigator(STRANGER),
                            () -> create(on, OWNER, uniqueName(), documentNumber()).getId(),
                            id -> {
                                step(on, investigator(OWNER), "SubmitWantedPerson", id);
                                step(on, investigator(OWNER), "PublishWantedPerson", id);
                                publishTo(on, id, op.getId());
                            },
                            id ->
                                    on.ok(
                                            coordinator(),
                                            S,
                                            "RemoveParticipant",
                                            ChangeParticipantRequest.newBuilder()
                                                    .setId(op.getId())
                                                    .setCountry(PARTICIPANT)
                                                    .build(),
                                            Operation.parser()),
                            () -> create(on, PARTICIPANT, uniqueName(), documentNumber()).getId(),
                            () -> create(on, STRANGER, uniqueName(), documentNumber()).getId());
                });

        scenarios.add(
                S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
        AuditCheckpointScenarios.register(scenarios, S, "fugitive-service");
    }
}
