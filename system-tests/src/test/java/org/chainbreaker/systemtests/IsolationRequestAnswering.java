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
import java.util.UUID;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IsolationSteps.Step;

/**
 * Cooperation requests answered: the owner grants (a case: a share at its code, replacing a group
 * grant; a centre: a share at its code; a lead: the lead handed to the requester at its code, as
 * AssignLead does), declines or asks back, the requester withdraws; each step followed by every
 * country's view of the request and of the record a grant changed. Also the dispatch of the
 * generated request steps.
 */
abstract class IsolationRequestAnswering extends IsolationRequestAsking {

    IsolationRequestAnswering(int sequence, List<Step> steps) {
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
                if (c.tainted) {
                    return;
                }
                ask(by, face, Subject.of(c, referenceOf(c)), s.b());
            }
            case ASK_SUBJECT_REQUEST -> askAboutCentreOrLead(s, actor, face);
            case ANSWER_CASE_REQUEST, WITHDRAW_CASE_REQUEST -> {
                if (requests.isEmpty()) {
                    CaseM c = cases.get(s.a() % cases.size());
                    if (!c.tainted) {
                        ask(actor, face, Subject.of(c, referenceOf(c)), 1);
                    }
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
        Instant from = Instant.now();
        Outcome out =
                call(face, investigator(by), Faces.CASES, "AnswerCaseCooperationRequest", request);
        Instant to = Instant.now();
        trace(
                "AnswerCaseCooperationRequest "
                        + r.id
                        + " ("
                        + r.kind
                        + ", "
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
        if (hiddenFrom(
                r,
                by,
                out,
                from,
                to,
                "AnswerCaseCooperationRequest",
                request.toBuilder().setId(UUID.randomUUID().toString()).build())) {
            return;
        }
        if (!by.equals(r.owner)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    by + ", not the owner, answers a request it sees");
            return;
        }
        if (r.status != CooperationRequestStatus.OPEN) {
            expectCode(
                    out,
                    Status.Code.FAILED_PRECONDITION,
                    "an answer to a " + r.status + " request");
            return;
        }
        LeadM lead = r.lead;
        if (kind == AnswerKind.GRANT
                && lead != null
                && (lead.status == Lead.Status.CONFIRMED || lead.status == Lead.Status.DISMISSED)) {
            // A closed lead is not handed over; the request stays unanswered.
            expectCode(
                    out, Status.Code.FAILED_PRECONDITION, "a grant of a " + lead.status + " lead");
            return;
        }
        expectOk(out, "the owner answers an OPEN request");
        r.leftOpenFrom = from;
        r.leftOpenBy = to;
        r.status =
                switch (kind) {
                    case GRANT -> CooperationRequestStatus.GRANTED;
                    case DECLINE -> CooperationRequestStatus.DECLINED;
                    default -> CooperationRequestStatus.QUESTIONED;
                };
        if (kind == AnswerKind.GRANT) {
            granted(r, code);
        }
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }

    /** What a grant changes, per kind, and every country's view of it. */
    private void granted(RequestM r, HandlingCode code) {
        if (r.c != null) {
            // A share by the owner: it replaces a group grant and discloses no victims' contacts.
            r.c.shares.put(r.requester, code);
            r.c.contactsDisclosed.remove(r.requester);
            grantSources.computeIfAbsent(r.c, k -> new HashMap<>()).remove(r.requester);
            checkEveryone(t -> checkCase(r.c, t, faceFor(t)));
        } else if (r.centre != null) {
            r.centre.shares.put(r.requester, code);
            checkEveryone(t -> checkCentre(r.centre, t, faceFor(t)));
        } else {
            // The owner's AssignLead: a new assignee starts at ASSIGNED, the same one keeps the
            // status; the former assignee loses the lead.
            LeadM l = r.lead;
            String previous = l.assigned;
            if (!r.requester.equals(l.assigned)) {
                l.status = Lead.Status.ASSIGNED;
            }
            l.assigned = r.requester;
            l.code = code;
            checkEveryone(
                    t -> {
                        checkLead(l, t, faceFor(t));
                        checkCase(l.c, t, faceFor(t));
                    });
            if (previous != null && !previous.equals(l.assigned)) {
                drain(Faces.CASES, previous, faceFor(previous));
            }
        }
    }

    void withdraw(String by, Face face, RequestM r) {
        var request = WithdrawCooperationRequestRequest.newBuilder().setId(r.id).build();
        Instant from = Instant.now();
        Outcome out =
                call(
                        face,
                        investigator(by),
                        Faces.CASES,
                        "WithdrawCaseCooperationRequest",
                        request);
        Instant to = Instant.now();
        trace(
                "WithdrawCaseCooperationRequest "
                        + r.id
                        + " ("
                        + r.kind
                        + ", "
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
        if (hiddenFrom(
                r,
                by,
                out,
                from,
                to,
                "WithdrawCaseCooperationRequest",
                request.toBuilder().setId(UUID.randomUUID().toString()).build())) {
            return;
        }
        if (!by.equals(r.requester)) {
            expectCode(
                    out,
                    Status.Code.PERMISSION_DENIED,
                    by + ", not the requester, withdraws a request it sees");
            return;
        }
        if (r.status != CooperationRequestStatus.OPEN
                && r.status != CooperationRequestStatus.QUESTIONED) {
            expectCode(
                    out, Status.Code.FAILED_PRECONDITION, "withdrawing a " + r.status + " request");
            return;
        }
        expectOk(out, "the requester withdraws its " + r.status + " request");
        if (r.status == CooperationRequestStatus.OPEN) {
            r.leftOpenFrom = from;
            r.leftOpenBy = to;
        }
        r.status = CooperationRequestStatus.WITHDRAWN;
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }
}
