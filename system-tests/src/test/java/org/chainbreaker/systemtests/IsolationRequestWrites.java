package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IsolationSteps.Step;

/**
 * Cooperation requests about cases in the isolation property (issue 16): countries ask the owner of
 * a case, the owner grants (a share at its code, replacing a group grant), declines or asks back,
 * the requester withdraws. The model says who may ask (a country holding a live grant of the case:
 * this model makes no identifier checks), the rate limit (5 a day per requester and case), each
 * request's status, and who sees it: the two countries only (no request escalates within a run: the
 * earliest deadline is two hours away, so the coordinator sees none it is not a party to). After
 * each step every country reads the request touched (NOT_FOUND with the text of an id that never
 * existed for the others), and the case a grant shared; a listing shows no request of the model the
 * caller may not see; a request's events reach only its two countries.
 */
abstract class IsolationRequestWrites extends IsolationGroupWrites {

    /** A request of this run: who asked whom about which case, and where it stands. */
    static final class RequestM {
        final String id;
        final String requester;
        final String owner;
        final CaseM c;
        final String reference;
        volatile CooperationRequestStatus status = CooperationRequestStatus.OPEN;

        RequestM(String id, String requester, CaseM c, String reference) {
            this.id = id;
            this.requester = requester;
            this.owner = c.owner;
            this.c = c;
            this.reference = reference;
        }

        boolean visibleTo(String tenant) {
            return requester.equals(tenant) || owner.equals(tenant);
        }
    }

    /**
     * Every request the property made, in any sequence (streams may carry earlier ones' events).
     */
    static final Map<String, RequestM> allRequests = new ConcurrentHashMap<>();

    static final int PER_TARGET_PER_DAY = 5;

    final List<RequestM> requests = new ArrayList<>();

    /** The owner's reference of each case asked about (read once, by the owner). */
    private final Map<CaseM, String> references = new HashMap<>();

    /** Requests stored per requester and case (the rate limit counts them). */
    private final Map<String, Integer> asked = new HashMap<>();

    IsolationRequestWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void performRequestStep(Step s, String actor, Face face) {
        if (cases.isEmpty()) {
            createCase(actor, face, s.a(), s.b());
            return;
        }
        switch (s.kind()) {
            case ASK_CASE_REQUEST -> {
                CaseM c = cases.get(s.a() % cases.size());
                // Mostly a country that holds the case asks (it may); sometimes any country.
                String by = actor;
                if (s.c() % 3 != 0) {
                    List<String> holders = new ArrayList<>(c.shares.keySet());
                    holders.sort(null);
                    if (!holders.isEmpty()) {
                        by = holders.get(s.b() % holders.size());
                    }
                }
                ask(by, face, c, Urgency.forNumber(1 + s.b() % 3));
            }
            case ANSWER_CASE_REQUEST, WITHDRAW_CASE_REQUEST -> {
                if (requests.isEmpty()) {
                    ask(actor, face, cases.get(s.a() % cases.size()), Urgency.ROUTINE);
                    return;
                }
                RequestM r = requests.get(s.a() % requests.size());
                if (s.kind() == IsolationSteps.Kind.ANSWER_CASE_REQUEST) {
                    answer(s.c() % 4 == 0 ? actor : r.owner, face, r, s.b());
                } else {
                    withdraw(s.c() % 4 == 0 ? actor : r.requester, face, r);
                }
            }
            case GET_CASE_REQUEST -> {
                if (!requests.isEmpty() && s.b() % 2 == 0) {
                    RequestM r = requests.get(s.a() % requests.size());
                    checkRequest(r, actor, face);
                } else {
                    listRequests(actor, face);
                }
            }
            default -> throw new IllegalStateException("not a request step: " + s);
        }
    }

    private String referenceOf(CaseM c) {
        return references.computeIfAbsent(
                c,
                k -> {
                    Outcome out =
                            call(
                                    Face.GRPC,
                                    investigator(k.owner),
                                    Faces.CASES,
                                    "GetCase",
                                    GetCaseRequest.newBuilder().setId(k.id).build());
                    expectOk(out, "the owner " + k.owner + " reads its case " + k.id);
                    return out.as(Case.parser()).getReference();
                });
    }

    private static CreateCooperationRequestRequest asking(
            String owner, String reference, Urgency urgency) {
        return CreateCooperationRequestRequest.newBuilder()
                .setRequest(
                        CooperationRequest.newBuilder()
                                .setOwnerCountry(owner)
                                .setReference(reference)
                                .setPurpose("generated by the isolation property")
                                .setLegalBasis("isolation property agreement")
                                .setUrgency(urgency)
                                .addAsks(CooperationAsk.INFORMATION))
                .build();
    }

    void ask(String by, Face face, CaseM c, Urgency urgency) {
        if (c.tainted) {
            return;
        }
        String reference = referenceOf(c);
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.CASES,
                        "CreateCaseCooperationRequest",
                        asking(c.owner, reference, urgency));
        trace(
                "CreateCaseCooperationRequest by "
                        + by
                        + " about "
                        + c.id
                        + " ("
                        + reference
                        + ") of "
                        + c.owner
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (by.equals(c.owner)) {
            expectCode(out, Status.Code.INVALID_ARGUMENT, "a request of " + by + " to itself");
            return;
        }
        if (!c.shares.containsKey(by)) {
            // Neither hit nor granted: the case does not exist for this request.
            expectNotFoundText(
                    out,
                    by,
                    Faces.CASES,
                    "CreateCaseCooperationRequest",
                    asking(c.owner, c.owner + "-1999-999999", urgency),
                    reference);
            return;
        }
        String key = by + "/" + c.id;
        int before = asked.getOrDefault(key, 0);
        if (before >= PER_TARGET_PER_DAY) {
            expectCode(
                    out,
                    Status.Code.RESOURCE_EXHAUSTED,
                    by + "'s request number " + (before + 1) + " about one case in a day");
            return;
        }
        expectOk(out, "CreateCaseCooperationRequest by " + by + ", holding the case");
        CooperationRequest created = out.as(CooperationRequest.parser());
        expect(
                created.getRequesterCountry().equals(by)
                        && created.getOwnerCountry().equals(c.owner)
                        && created.getSubjectKind() == CooperationSubjectKind.SUBJECT_CASE
                        && created.getStatus() == CooperationRequestStatus.OPEN,
                "a request by " + by + " to " + c.owner + " reads " + created);
        asked.put(key, before + 1);
        RequestM r = new RequestM(created.getId(), by, c, reference);
        requests.add(r);
        allRequests.put(r.id, r);
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }

    void answer(String by, Face face, RequestM r, int choice) {
        AnswerKind kind =
                switch (choice % 4) {
                    case 0, 1 -> AnswerKind.GRANT;
                    case 2 -> AnswerKind.DECLINE;
                    default -> AnswerKind.QUESTION;
                };
        HandlingCode code = HandlingCode.forNumber(1 + (choice / 4) % 4);
        CooperationAnswer.Builder a = CooperationAnswer.newBuilder().setKind(kind);
        if (kind == AnswerKind.GRANT) {
            Instant until = Instant.now().plus(Duration.ofDays(30));
            a.setHandlingCode(code).setGrantUntil(timestamp(until));
        } else {
            a.setText(kind == AnswerKind.DECLINE ? "no legal basis" : "which victims?");
        }
        var request = AnswerCooperationRequestRequest.newBuilder().setId(r.id).setAnswer(a).build();
        Outcome out =
                call(face, investigator(by), Faces.CASES, "AnswerCaseCooperationRequest", request);
        trace(
                "AnswerCaseCooperationRequest "
                        + r.id
                        + " ("
                        + r.requester
                        + " -> "
                        + r.owner
                        + ", "
                        + r.status
                        + ") "
                        + kind
                        + (kind == AnswerKind.GRANT ? " " + code : "")
                        + " by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!r.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.CASES,
                    "AnswerCaseCooperationRequest",
                    request.toBuilder().setId(UUID.randomUUID().toString()).build(),
                    r.id);
            return;
        }
        if (!by.equals(r.owner)) {
            expectCode(out, Status.Code.PERMISSION_DENIED, "the requester answers its request");
            return;
        }
        if (r.status != CooperationRequestStatus.OPEN) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "an answer to a " + r.status + " request");
            return;
        }
        expectOk(out, "the owner answers an OPEN request");
        r.status =
                switch (kind) {
                    case GRANT -> CooperationRequestStatus.GRANTED;
                    case DECLINE -> CooperationRequestStatus.DECLINED;
                    default -> CooperationRequestStatus.QUESTIONED;
                };
        if (kind == AnswerKind.GRANT) {
            // A share by the owner: it replaces a group grant and discloses no victims' contacts.
            r.c.shares.put(r.requester, code);
            r.c.contactsDisclosed.remove(r.requester);
            grantSources.computeIfAbsent(r.c, k -> new HashMap<>()).remove(r.requester);
            checkEveryone(t -> checkCase(r.c, t, faceFor(t)));
        }
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }

    void withdraw(String by, Face face, RequestM r) {
        var request = WithdrawCooperationRequestRequest.newBuilder().setId(r.id).build();
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.CASES,
                        "WithdrawCaseCooperationRequest",
                        request);
        trace(
                "WithdrawCaseCooperationRequest "
                        + r.id
                        + " ("
                        + r.requester
                        + " -> "
                        + r.owner
                        + ", "
                        + r.status
                        + ") by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!r.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.CASES,
                    "WithdrawCaseCooperationRequest",
                    request.toBuilder().setId(UUID.randomUUID().toString()).build(),
                    r.id);
            return;
        }
        if (!by.equals(r.requester)) {
            expectCode(out, Status.Code.PERMISSION_DENIED, "the owner withdraws a request");
            return;
        }
        if (r.status != CooperationRequestStatus.OPEN
                && r.status != CooperationRequestStatus.QUESTIONED) {
            expectCode(
                    out, Status.Code.FAILED_PRECONDITION, "withdrawing a " + r.status + " request");
            return;
        }
        expectOk(out, "the requester withdraws its " + r.status + " request");
        r.status = CooperationRequestStatus.WITHDRAWN;
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }

    /** The two countries read the request as the model has it; anyone else finds nothing. */
    void checkRequest(RequestM r, String viewer, Face face) {
        channel(GETS);
        viewChecks.incrementAndGet();
        var request = GetCooperationRequestRequest.newBuilder().setId(r.id).build();
        Outcome out =
                call(face, investigator(viewer), Faces.CASES, "GetCaseCooperationRequest", request);
        if (!r.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "GetCaseCooperationRequest",
                    GetCooperationRequestRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .build(),
                    r.id);
            return;
        }
        expectOk(out, viewer + " reads its request " + r.id);
        CooperationRequest seen = out.as(CooperationRequest.parser());
        expect(
                seen.getRequesterCountry().equals(r.requester)
                        && seen.getOwnerCountry().equals(r.owner)
                        && seen.getReference().equals(r.reference)
                        && seen.getSubjectKind() == CooperationSubjectKind.SUBJECT_CASE
                        && seen.getStatus() == r.status
                        && !seen.hasEscalateTime(),
                viewer
                        + " reads request "
                        + r.id
                        + " as "
                        + seen.getRequesterCountry()
                        + " -> "
                        + seen.getOwnerCountry()
                        + " "
                        + seen.getStatus()
                        + ", model "
                        + r.requester
                        + " -> "
                        + r.owner
                        + " "
                        + r.status);
    }

    /** The caller's first pages of requests hold no request of the model it may not see. */
    void listRequests(String viewer, Face face) {
        channel(LISTS);
        String token = "";
        for (int page = 0; page < 3; page++) {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.CASES,
                            "ListCaseCooperationRequests",
                            ListCooperationRequestsRequest.newBuilder()
                                    .setPageSize(100)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, viewer + " lists its requests");
            ListCooperationRequestsResponse listed =
                    out.as(ListCooperationRequestsResponse.parser());
            for (CooperationRequest seen : listed.getRequestsList()) {
                RequestM r = allRequests.get(seen.getId());
                expect(
                        r == null || r.visibleTo(viewer),
                        viewer
                                + " lists request "
                                + seen.getId()
                                + " of "
                                + seen.getRequesterCountry()
                                + " to "
                                + seen.getOwnerCountry()
                                + ", which it may not see");
            }
            token = listed.getNextPageToken();
            if (token.isEmpty()) {
                return;
            }
        }
    }

    /** A request's events reach its two countries only (nothing escalates within a run). */
    @Override
    boolean requestEventFor(String tenant, String id, String what) {
        RequestM r = allRequests.get(id);
        if (r == null) {
            return false;
        }
        expect(
                r.visibleTo(tenant),
                what + ", a request between " + r.requester + " and " + r.owner);
        return true;
    }
}
