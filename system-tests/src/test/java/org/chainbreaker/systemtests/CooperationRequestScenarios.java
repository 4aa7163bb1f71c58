package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * Cooperation requests over both faces, for cases (after an identifier hit) and notices (after an
 * identity check hit): TH asks KR; KR answers; VN (unrelated) finds nothing; INTERPOL sees a
 * request only once it escalated. What the scenarios share is here; asking and reading ({@link
 * CooperationRequestAskScenarios}) and answering ({@link CooperationRequestAnswerScenarios}) are
 * registered by their families, in that order.
 */
final class CooperationRequestScenarios {

    static final String OWNER = "KR";
    static final String REQUESTER = "TH";
    static final String STRANGER = "VN";
    static final String COORDINATOR = liaison("INTERPOL");

    private CooperationRequestScenarios() {}

    /**
     * One service's requests: its name, the RPC infix ("Case", "Notice"), how a hit is made, how
     * the record is read.
     */
    record Kind(String service, String infix, Function<OnFace, Hit> hit, ReadRecord read) {
        String rpc(String verb) {
            return switch (verb) {
                case "List" -> "List" + infix + "CooperationRequests";
                default -> verb + infix + "CooperationRequest";
            };
        }
    }

    /**
     * The requester's hit: the owner's reference it names, and the record's id (for the owner's
     * reads only).
     */
    record Hit(String reference, String recordId) {}

    interface ReadRecord {
        Faces.Outcome read(OnFace on, String user, String recordId);
    }

    static final Kind CASES =
            new Kind(
                    Faces.CASES,
                    "Case",
                    CooperationRequestScenarios::caseHit,
                    (on, user, id) ->
                            on.call(
                                    user,
                                    Faces.CASES,
                                    "GetCase",
                                    GetCaseRequest.newBuilder().setId(id).build()));
    static final Kind NOTICES =
            new Kind(
                    Faces.FUGITIVES,
                    "Notice",
                    CooperationRequestScenarios::noticeHit,
                    (on, user, id) ->
                            on.call(
                                    user,
                                    Faces.FUGITIVES,
                                    "GetWantedPerson",
                                    GetWantedPersonRequest.newBuilder().setId(id).build()));

    static Hit caseHit(OnFace on) {
        String phone = CaseServiceScenarios.thaiPhone();
        Case c = CaseServiceScenarios.open(on, OWNER, "Call centre fraud " + RUN);
        on.ok(
                investigator(OWNER),
                Faces.CASES,
                "CreateLead",
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(phone))
                        .build(),
                Lead.parser());
        MatchIdentifierResponse match =
                on.ok(
                        investigator(REQUESTER),
                        Faces.CASES,
                        "MatchIdentifier",
                        MatchIdentifierRequest.newBuilder()
                                .setIdentifier(CaseServiceScenarios.phone(phone))
                                .setPurpose("victim report " + RUN)
                                .build(),
                        MatchIdentifierResponse.parser());
        assertThat(match.getHitsList())
                .anySatisfy(h -> assertThat(h.getReference()).isEqualTo(c.getReference()));
        return new Hit(c.getReference(), c.getId());
    }

    static Hit noticeHit(OnFace on) {
        String document = "CR" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        WantedPerson w =
                FugitiveServiceScenarios.published(
                        on, "Park Joon-" + RUN.toLowerCase().replaceAll("\\d", "a"), document);
        var check =
                on.ok(
                        investigator(REQUESTER),
                        Faces.FUGITIVES,
                        "CheckIdentity",
                        CheckIdentityRequest.newBuilder()
                                .setDocumentNumber(document)
                                .setPurpose("arrival check BKK " + RUN)
                                .build(),
                        org.chainbreaker.fugitives.v1.CheckIdentityResponse.parser());
        assertThat(check.getHitsList())
                .anySatisfy(h -> assertThat(h.getReference()).isEqualTo(w.getReference()));
        return new Hit(w.getReference(), w.getId());
    }

    static CreateCooperationRequestRequest ask(Hit hit, Urgency urgency) {
        return CreateCooperationRequestRequest.newBuilder()
                .setRequest(
                        CooperationRequest.newBuilder()
                                .setOwnerCountry(OWNER)
                                .setReference(hit.reference())
                                .setPurpose("hit during intake " + RUN)
                                .setLegalBasis("ASEAN MLAT 2004")
                                .setUrgency(urgency)
                                .addAsks(CooperationAsk.INFORMATION))
                .build();
    }

    static CooperationRequest asked(OnFace on, Kind k, Hit hit, Urgency urgency) {
        return on.ok(
                investigator(REQUESTER),
                k.service(),
                k.rpc("Create"),
                ask(hit, urgency),
                CooperationRequest.parser());
    }

    static GetCooperationRequestRequest get(String id) {
        return GetCooperationRequestRequest.newBuilder().setId(id).build();
    }

    static AnswerCooperationRequestRequest grant(String id, HandlingCode code, Duration lasting) {
        return AnswerCooperationRequestRequest.newBuilder()
                .setId(id)
                .setAnswer(
                        CooperationAnswer.newBuilder()
                                .setKind(AnswerKind.GRANT)
                                .setHandlingCode(code)
                                .setGrantUntil(OnFace.timestamp(Instant.now().plus(lasting))))
                .build();
    }

    static List<String> listed(OnFace on, Kind k, String user) {
        return on
                .ok(
                        user,
                        k.service(),
                        k.rpc("List"),
                        ListCooperationRequestsRequest.newBuilder().setPageSize(200).build(),
                        ListCooperationRequestsResponse.parser())
                .getRequestsList()
                .stream()
                .map(CooperationRequest::getId)
                .toList();
    }

    static void register(Scenarios scenarios) {
        for (Kind k : List.of(CASES, NOTICES)) {
            CooperationRequestAskScenarios.register(scenarios, k);
            CooperationRequestAnswerScenarios.register(scenarios, k);
        }
    }
}
