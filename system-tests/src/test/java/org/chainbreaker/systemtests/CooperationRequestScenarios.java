package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.OnFace.NOTHING;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import io.grpc.Status;
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
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/**
 * Cooperation requests (issue 16) over both faces, for cases (after an identifier hit) and notices
 * (after an identity check hit): TH asks KR; KR answers; VN (unrelated) finds nothing; INTERPOL
 * sees a request only once it escalated.
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
            register(scenarios, k);
        }
    }

    private static void register(Scenarios scenarios, Kind k) {
        scenarios.add(
                k.service(),
                k.rpc("Create"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    CooperationRequest r = asked(on, k, hit, Urgency.URGENT);
                    assertThat(r.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
                    assertThat(r.getRequesterCountry()).isEqualTo(REQUESTER);
                    // VN never hit it: NOT_FOUND exactly as a reference that never existed.
                    Faces.Outcome unseen =
                            on.refused(
                                    Status.Code.NOT_FOUND,
                                    investigator(STRANGER),
                                    k.service(),
                                    k.rpc("Create"),
                                    ask(hit, Urgency.URGENT));
                    Faces.Outcome never =
                            on.refused(
                                    Status.Code.NOT_FOUND,
                                    investigator(STRANGER),
                                    k.service(),
                                    k.rpc("Create"),
                                    ask(new Hit(OWNER + "-1999-000001", ""), Urgency.URGENT));
                    assertThat(OnFace.comparable(unseen.text()))
                            .isEqualTo(OnFace.comparable(never.text()));
                    var bad = ask(hit, Urgency.URGENCY_UNSPECIFIED).toBuilder();
                    bad.getRequestBuilder().setPurpose("x".repeat(10_000));
                    on.invalid(
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Create"),
                            bad.build(),
                            () -> listed(on, k, investigator(REQUESTER)),
                            "request.purpose",
                            "request.urgency");
                    var toItself = ask(hit, Urgency.URGENT).toBuilder();
                    toItself.getRequestBuilder()
                            .setOwnerCountry(REQUESTER)
                            .setDeadline(OnFace.timestamp(Instant.now().minusSeconds(60)));
                    on.invalid(
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Create"),
                            toItself.build(),
                            () -> listed(on, k, investigator(REQUESTER)),
                            "request.owner_country",
                            "request.deadline");
                    if (k == CASES) {
                        CentreAndLeadRequestScenarios.run(on);
                    }
                });

        scenarios.add(
                k.service(),
                k.rpc("Get"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    var immediate = ask(hit, Urgency.IMMEDIATE).toBuilder();
                    immediate
                            .getRequestBuilder()
                            .setDeadline(OnFace.timestamp(Instant.now().plusSeconds(2)));
                    CooperationRequest r =
                            on.ok(
                                    investigator(REQUESTER),
                                    k.service(),
                                    k.rpc("Create"),
                                    immediate.build(),
                                    CooperationRequest.parser());
                    for (String user : List.of(investigator(REQUESTER), investigator(OWNER))) {
                        assertThat(
                                        on.ok(
                                                        user,
                                                        k.service(),
                                                        k.rpc("Get"),
                                                        get(r.getId()),
                                                        CooperationRequest.parser())
                                                .getReference())
                                .isEqualTo(hit.reference());
                    }
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    on.hidden(
                            COORDINATOR,
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    // Unanswered past its deadline: escalated (the suite's timer runs every
                    // second), the coordinator sees it.
                    OnFace.eventually(
                            "the coordinator sees the escalated request",
                            Duration.ofSeconds(20),
                            () ->
                                    on.call(COORDINATOR, k.service(), k.rpc("Get"), get(r.getId()))
                                            .ok());
                    assertThat(
                                    on.ok(
                                                    COORDINATOR,
                                                    k.service(),
                                                    k.rpc("Get"),
                                                    get(r.getId()),
                                                    CooperationRequest.parser())
                                            .hasEscalateTime())
                            .isTrue();
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios::get,
                            r.getId());
                    // Every request RPC for the coordinators, before and after escalation.
                    RequestEscalationScenarios.hitRecord(on, k);
                    if (k == CASES) {
                        RequestEscalationScenarios.centreAndLead(on);
                    }
                });

        scenarios.add(
                k.service(),
                k.rpc("List"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    assertThat(listed(on, k, investigator(REQUESTER))).contains(r.getId());
                    assertThat(listed(on, k, investigator(OWNER))).contains(r.getId());
                    assertThat(listed(on, k, investigator(STRANGER))).doesNotContain(r.getId());
                    assertThat(listed(on, k, COORDINATOR)).doesNotContain(r.getId());
                    on.invalid(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("List"),
                            ListCooperationRequestsRequest.newBuilder()
                                    .setPageToken("garbage")
                                    .build(),
                            NOTHING,
                            "page_token");
                });

        scenarios.add(
                k.service(),
                k.rpc("Answer"),
                on -> {
                    Hit hit = k.hit().apply(on);
                    CooperationRequest r = asked(on, k, hit, Urgency.URGENT);
                    assertThat(k.read().read(on, investigator(REQUESTER), hit.recordId()).code())
                            .isEqualTo(Status.Code.NOT_FOUND);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Answer"),
                            grant(r.getId(), HandlingCode.H2, Duration.ofDays(30)));
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Answer"),
                            id -> grant(id, HandlingCode.H2, Duration.ofDays(30)),
                            r.getId());
                    on.invalid(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            AnswerCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setAnswer(
                                            CooperationAnswer.newBuilder()
                                                    .setKind(AnswerKind.GRANT))
                                    .build(),
                            () ->
                                    on.ok(
                                                    investigator(OWNER),
                                                    k.service(),
                                                    k.rpc("Get"),
                                                    get(r.getId()),
                                                    CooperationRequest.parser())
                                            .getStatus(),
                            "answer.handling_code",
                            "answer.grant_until");
                    CooperationRequest granted =
                            on.ok(
                                    investigator(OWNER),
                                    k.service(),
                                    k.rpc("Answer"),
                                    grant(r.getId(), HandlingCode.H2, Duration.ofDays(30)),
                                    CooperationRequest.parser());
                    assertThat(granted.getStatus()).isEqualTo(CooperationRequestStatus.GRANTED);
                    assertThat(k.read().read(on, investigator(REQUESTER), hit.recordId()).ok())
                            .isTrue();
                    assertThat(k.read().read(on, investigator(STRANGER), hit.recordId()).code())
                            .isEqualTo(Status.Code.NOT_FOUND);
                    if (k == CASES) {
                        // Granted under H2: TH reads the case but may not pass it on.
                        on.refused(
                                Status.Code.PERMISSION_DENIED,
                                investigator(REQUESTER),
                                Faces.CASES,
                                "ShareCase",
                                ShareCaseRequest.newBuilder()
                                        .setId(hit.recordId())
                                        .setCountry(STRANGER)
                                        .setHandlingCode(HandlingCode.H2)
                                        .build());
                    }
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            grant(r.getId(), HandlingCode.H0, Duration.ofDays(1)));
                });

        scenarios.add(
                k.service(),
                k.rpc("Reply"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    on.ok(
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Answer"),
                            AnswerCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setAnswer(
                                            CooperationAnswer.newBuilder()
                                                    .setKind(AnswerKind.QUESTION)
                                                    .setText("Which victims, and since when?"))
                                    .build(),
                            CooperationRequest.parser());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Reply"),
                            ReplyCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .setText("not mine")
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Reply"),
                            id ->
                                    ReplyCooperationRequestRequest.newBuilder()
                                            .setId(id)
                                            .setText("probe")
                                            .build(),
                            r.getId());
                    CooperationRequest replied =
                            on.ok(
                                    investigator(REQUESTER),
                                    k.service(),
                                    k.rpc("Reply"),
                                    ReplyCooperationRequestRequest.newBuilder()
                                            .setId(r.getId())
                                            .setText("14 victims since March")
                                            .build(),
                                    CooperationRequest.parser());
                    assertThat(replied.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
                });

        scenarios.add(
                k.service(),
                k.rpc("Withdraw"),
                on -> {
                    CooperationRequest r = asked(on, k, k.hit().apply(on), Urgency.ROUTINE);
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(OWNER),
                            k.service(),
                            k.rpc("Withdraw"),
                            WithdrawCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .build());
                    on.hidden(
                            investigator(STRANGER),
                            k.service(),
                            k.rpc("Withdraw"),
                            id -> WithdrawCooperationRequestRequest.newBuilder().setId(id).build(),
                            r.getId());
                    assertThat(
                                    on.ok(
                                                    investigator(REQUESTER),
                                                    k.service(),
                                                    k.rpc("Withdraw"),
                                                    WithdrawCooperationRequestRequest.newBuilder()
                                                            .setId(r.getId())
                                                            .build(),
                                                    CooperationRequest.parser())
                                            .getStatus())
                            .isEqualTo(CooperationRequestStatus.WITHDRAWN);
                    on.refused(
                            Status.Code.FAILED_PRECONDITION,
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Withdraw"),
                            WithdrawCooperationRequestRequest.newBuilder()
                                    .setId(r.getId())
                                    .build());
                });
    }
}
