package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.investigator;

import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of the event stream and the audit trail. */
final class CaseEventsAndAuditScenarios {

    private CaseEventsAndAuditScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "WatchEvents",
                on ->
                        EveryRpcOverBothFacesTest.watchEvents(
                                on,
                                S,
                                investigator(OWNER),
                                investigator(PARTNER),
                                investigator(STRANGER),
                                () -> open(on, OWNER, "Watched case").getId(),
                                id -> share(on, id, PARTNER, HandlingCode.H1),
                                id ->
                                        on.ok(
                                                investigator(OWNER),
                                                S,
                                                "RevokeShare",
                                                RevokeShareRequest.newBuilder()
                                                        .setId(id)
                                                        .setCountry(PARTNER)
                                                        .build(),
                                                Case.parser()),
                                () -> open(on, PARTNER, "Partner's own case").getId(),
                                () -> open(on, STRANGER, "Stranger's own case").getId()));

        scenarios.add(
                S, "VerifyAuditTrail", on -> EveryRpcOverBothFacesTest.verifyAuditTrail(on, S));
        AuditCheckpointScenarios.register(scenarios, S, "case-service");
    }
}
