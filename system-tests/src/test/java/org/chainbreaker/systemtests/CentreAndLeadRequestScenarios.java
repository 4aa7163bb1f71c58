package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import io.grpc.Status;
import java.time.Duration;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;

/**
 * Requests about scam centres and leads over both faces (the case-service's request RPCs with
 * subject_kind): TH, holding a KR centre under H2, asks and is granted H3; TH, holding the case,
 * asks for its lead and is handed it; VN, which never saw either, gets NOT_FOUND as for an id that
 * never existed; neither request is visible to VN or to the coordinator.
 */
final class CentreAndLeadRequestScenarios {

    static final String OWNER = "KR";
    static final String REQUESTER = "TH";
    static final String STRANGER = "VN";

    private CentreAndLeadRequestScenarios() {}

    static CreateCooperationRequestRequest about(CooperationSubjectKind kind, String reference) {
        return CreateCooperationRequestRequest.newBuilder()
                .setRequest(
                        CooperationRequest.newBuilder()
                                .setOwnerCountry(OWNER)
                                .setSubjectKind(kind)
                                .setReference(reference)
                                .setPurpose("victims held there " + RUN)
                                .setLegalBasis("ASEAN MLAT 2004")
                                .setUrgency(Urgency.URGENT)
                                .addAsks(CooperationAsk.INFORMATION))
                .build();
    }

    /** Asked, hidden from the others, granted: the record as the grant made it visible. */
    private static CooperationRequest askedAndGranted(
            OnFace on, CooperationSubjectKind kind, String reference, HandlingCode code) {
        Faces.Outcome unseen =
                on.refused(
                        Status.Code.NOT_FOUND,
                        investigator(STRANGER),
                        Faces.CASES,
                        "CreateCaseCooperationRequest",
                        about(kind, reference));
        Faces.Outcome never =
                on.refused(
                        Status.Code.NOT_FOUND,
                        investigator(STRANGER),
                        Faces.CASES,
                        "CreateCaseCooperationRequest",
                        about(kind, UUID.randomUUID().toString()));
        assertThat(OnFace.comparable(unseen.text())).isEqualTo(OnFace.comparable(never.text()));
        CooperationRequest r =
                on.ok(
                        investigator(REQUESTER),
                        Faces.CASES,
                        "CreateCaseCooperationRequest",
                        about(kind, reference),
                        CooperationRequest.parser());
        assertThat(r.getSubjectKind()).isEqualTo(kind);
        for (String other : new String[] {investigator(STRANGER), liaison("INTERPOL")}) {
            on.hidden(
                    other,
                    Faces.CASES,
                    "GetCaseCooperationRequest",
                    CooperationRequestScenarios::get,
                    r.getId());
        }
        return on.ok(
                investigator(OWNER),
                Faces.CASES,
                "AnswerCaseCooperationRequest",
                CooperationRequestScenarios.grant(r.getId(), code, Duration.ofDays(30)),
                CooperationRequest.parser());
    }

    /** A lead of a new case of KR's, the case shared with TH under H2. */
    static Lead leadOfACaseSharedWithTheRequester(OnFace on, String title) {
        Case c = CaseServiceScenarios.open(on, OWNER, title + " " + RUN);
        Lead lead =
                on.ok(
                        investigator(OWNER),
                        Faces.CASES,
                        "CreateLead",
                        CreateLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.PHONE_NUMBER)
                                                .setValue(CaseServiceScenarios.thaiPhone()))
                                .build(),
                        Lead.parser());
        CaseServiceScenarios.share(on, c.getId(), REQUESTER, HandlingCode.H2);
        return lead;
    }

    static void run(OnFace on) {
        ScamCentre centre = CaseIntelligenceScenarios.record(on, OWNER, "Requested compound");
        CaseIntelligenceScenarios.shareCentre(on, centre.getId(), REQUESTER, HandlingCode.H2);
        askedAndGranted(
                on, CooperationSubjectKind.SUBJECT_SCAM_CENTRE, centre.getId(), HandlingCode.H3);
        assertThat(
                        on.ok(
                                        investigator(REQUESTER),
                                        Faces.CASES,
                                        "GetScamCentre",
                                        GetScamCentreRequest.newBuilder()
                                                .setId(centre.getId())
                                                .build(),
                                        ScamCentre.parser())
                                .getHandlingCode())
                .isEqualTo(HandlingCode.H3);

        Lead lead = leadOfACaseSharedWithTheRequester(on, "Requested lead");
        askedAndGranted(on, CooperationSubjectKind.SUBJECT_LEAD, lead.getId(), HandlingCode.H1);
        Lead handed =
                on.ok(
                        investigator(REQUESTER),
                        Faces.CASES,
                        "GetLead",
                        GetLeadRequest.newBuilder()
                                .setCaseId(lead.getCaseId())
                                .setId(lead.getId())
                                .build(),
                        Lead.parser());
        assertThat(handed.getAssignedCountry()).isEqualTo(REQUESTER);
        assertThat(handed.getHandlingCode()).isEqualTo(HandlingCode.H1);
    }
}
