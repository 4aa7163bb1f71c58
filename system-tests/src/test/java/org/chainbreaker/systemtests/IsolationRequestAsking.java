package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IsolationSteps.Step;

/**
 * Cooperation requests in the isolation property, about cases, scam centres and leads (the
 * case-service's request RPCs, {@code subject_kind}); this part: asking, and every country's view
 * of a request. The model ({@link IsolationModel}) says who may ask (per kind), the rate limit (5 a
 * day per requester and record), each request's status, and who sees it: its two countries, and the
 * coordinators once it escalated (some requests are IMMEDIATE with a deadline a few seconds ahead,
 * so they escalate within the run unless answered first). After each step every country reads the
 * request touched (NOT_FOUND with the text of an id that never existed for those who may not see
 * it); a listing shows no request of the model the caller may not see; a request's events reach
 * only those who may see it. Answering and withdrawing: {@link IsolationRequestAnswering}.
 */
abstract class IsolationRequestAsking extends IsolationCentreWrites {

    IsolationRequestAsking(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    static final int PER_TARGET_PER_DAY = 5;

    /** For the figures: requests stored by kind, with a short deadline, read by a coordinator. */
    static final Map<String, java.util.concurrent.atomic.AtomicLong> requestFigures =
            new java.util.concurrent.ConcurrentHashMap<>();

    static final java.util.Set<String> readByCoordinator =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    static void count(String what) {
        requestFigures
                .computeIfAbsent(what, k -> new java.util.concurrent.atomic.AtomicLong())
                .incrementAndGet();
    }

    final List<RequestM> requests = new ArrayList<>();

    /** The owner's reference of each case asked about (read once, by the owner). */
    private final Map<CaseM, String> references = new HashMap<>();

    /** Requests stored per requester and record (the rate limit counts them). */
    private final Map<String, Integer> asked = new HashMap<>();

    String referenceOf(CaseM c) {
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

    /** What a request is about: the record of the model and the reference the request names. */
    record Subject(
            CooperationSubjectKind kind, String owner, String id, String reference, Object target) {

        static Subject of(CaseM c, String reference) {
            return new Subject(CooperationSubjectKind.SUBJECT_CASE, c.owner, c.id, reference, c);
        }

        static Subject of(CentreM centre) {
            return new Subject(
                    CooperationSubjectKind.SUBJECT_SCAM_CENTRE,
                    centre.owner,
                    centre.id,
                    centre.id,
                    centre);
        }

        static Subject of(LeadM lead) {
            return new Subject(
                    CooperationSubjectKind.SUBJECT_LEAD, lead.c.owner, lead.id, lead.id, lead);
        }

        /** The model's rule for this kind (IsolationModel.mayAskAbout). */
        boolean mayAsk(String by) {
            return switch (target) {
                case CaseM c -> mayAskAbout(c, by);
                case CentreM centre -> mayAskAbout(centre, by);
                case LeadM lead -> mayAskAbout(lead, by);
                default -> throw new IllegalStateException(String.valueOf(target));
            };
        }

        /** A reference of this kind that names no record (an invented case reference or id). */
        String neverExisted() {
            return kind == CooperationSubjectKind.SUBJECT_CASE
                    ? owner + "-1999-999999"
                    : UUID.randomUUID().toString();
        }
    }

    /** A scam centre or a lead of this sequence; without any, a case request instead. */
    void askAboutCentreOrLead(Step s, String actor, Face face) {
        List<LeadM> leads =
                cases.stream().filter(c -> !c.tainted).flatMap(c -> c.leads.stream()).toList();
        // A centre when there is no lead yet (one is recorded first if there is none either).
        boolean aboutCentre = leads.isEmpty() || (s.c() % 2 == 0 && !centres.isEmpty());
        if (aboutCentre && centres.isEmpty()) {
            createCentre(actor, face);
            return;
        }
        Subject subject;
        List<String> mayAsk = new ArrayList<>();
        if (aboutCentre) {
            CentreM centre = centres.get(s.a() % centres.size());
            subject = Subject.of(centre);
            mayAsk.addAll(centre.shares.keySet());
        } else {
            LeadM lead = leads.get(s.a() % leads.size());
            subject = Subject.of(lead);
            for (String t : TENANTS) {
                if (mayAskAbout(lead, t)) {
                    mayAsk.add(t);
                }
            }
        }
        // Mostly a country that may ask does; sometimes any country.
        mayAsk.sort(null);
        String by = s.c() % 3 != 0 && !mayAsk.isEmpty() ? mayAsk.get(s.b() % mayAsk.size()) : actor;
        ask(by, face, subject, s.b());
    }

    /**
     * The request {@code by} sends. One in five is IMMEDIATE with a deadline seconds ahead (it
     * escalates within the run unless answered first); the others routine, urgent or immediate with
     * the urgency's deadline (hours or days ahead: no escalation within a run).
     */
    private static CreateCooperationRequestRequest asking(
            Subject subject, String reference, int choice, Instant deadline) {
        CooperationRequest.Builder r =
                CooperationRequest.newBuilder()
                        .setOwnerCountry(subject.owner())
                        .setSubjectKind(subject.kind())
                        .setReference(reference)
                        .setPurpose("generated by the isolation property")
                        .setLegalBasis("isolation property agreement")
                        .setUrgency(
                                deadline != null
                                        ? Urgency.IMMEDIATE
                                        : Urgency.forNumber(1 + choice % 3))
                        .addAsks(CooperationAsk.INFORMATION);
        if (deadline != null) {
            r.setDeadline(timestamp(deadline));
        }
        return CreateCooperationRequestRequest.newBuilder().setRequest(r).build();
    }

    void ask(String by, Face face, Subject subject, int choice) {
        Instant deadline = choice % 5 == 0 ? Instant.now().plusSeconds(3 + choice % 4) : null;
        var request = asking(subject, subject.reference(), choice, deadline);
        Outcome out =
                call(face, investigator(by), Faces.CASES, "CreateCaseCooperationRequest", request);
        trace(
                "CreateCaseCooperationRequest by "
                        + by
                        + " about "
                        + subject.kind()
                        + " "
                        + subject.id()
                        + " ("
                        + subject.reference()
                        + ") of "
                        + subject.owner()
                        + (deadline == null ? "" : " deadline " + deadline)
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (by.equals(subject.owner())) {
            expectCode(out, Status.Code.INVALID_ARGUMENT, "a request of " + by + " to itself");
            return;
        }
        if (!subject.mayAsk(by)) {
            // Neither hit nor granted: the record does not exist for this request.
            expectNotFoundText(
                    out,
                    by,
                    Faces.CASES,
                    "CreateCaseCooperationRequest",
                    asking(subject, subject.neverExisted(), choice, deadline),
                    subject.reference());
            return;
        }
        String key = by + "/" + subject.id();
        int before = asked.getOrDefault(key, 0);
        if (before >= PER_TARGET_PER_DAY) {
            expectCode(
                    out,
                    Status.Code.RESOURCE_EXHAUSTED,
                    by + "'s request number " + (before + 1) + " about one record in a day");
            return;
        }
        expectOk(out, "CreateCaseCooperationRequest by " + by + ", who may ask");
        CooperationRequest created = out.as(CooperationRequest.parser());
        expect(
                created.getRequesterCountry().equals(by)
                        && created.getOwnerCountry().equals(subject.owner())
                        && created.getSubjectKind() == subject.kind()
                        && created.getStatus() == CooperationRequestStatus.OPEN,
                "a request by " + by + " to " + subject.owner() + " reads " + created);
        asked.put(key, before + 1);
        Instant due =
                created.hasDeadline()
                        ? Instant.ofEpochSecond(
                                created.getDeadline().getSeconds(),
                                created.getDeadline().getNanos())
                        : Instant.now().plus(Duration.ofHours(2));
        RequestM r =
                new RequestM(
                        created.getId(),
                        by,
                        subject.owner(),
                        subject.kind(),
                        subject.target() instanceof CaseM c ? c : null,
                        subject.target() instanceof CentreM centre ? centre : null,
                        subject.target() instanceof LeadM lead ? lead : null,
                        subject.reference(),
                        due);
        requests.add(r);
        allRequests.put(r.id, r);
        count("asked about " + r.kind);
        if (deadline != null) {
            count("asked with a deadline seconds ahead");
        }
        checkEveryone(t -> checkRequest(r, t, faceFor(t)));
    }

    /**
     * A refusal for a caller who may not see the request: NOT_FOUND as for an id that never
     * existed. Where the model allows either (a coordinator around the escalation), the answer
     * settles it: a NOT_FOUND counts as not escalated, anything else as escalated (and the caller
     * then checks it as from one who sees the request). True if the caller may not see it.
     */
    boolean hiddenFrom(
            RequestM r,
            String by,
            Outcome out,
            Instant from,
            Instant to,
            String rpc,
            Message never) {
        Seen seen = r.visibleTo(by, from, to);
        // Only a coordinator's view tells whether the request escalated.
        boolean coordinator = !r.party(by) && REQUEST_COORDINATORS.contains(by);
        if (seen == Seen.NO || (seen == Seen.EITHER && out.code() == Status.Code.NOT_FOUND)) {
            expectNotFoundText(out, by, Faces.CASES, rpc, never, r.id);
            if (coordinator) {
                r.observed(false, from);
            }
            return true;
        }
        if (coordinator) {
            r.observed(true, from);
            readByCoordinator.add(r.id);
        }
        return false;
    }

    /**
     * Those who may see the request read it as the model has it (escalated or not, as far as the
     * model decides); anyone else finds nothing.
     */
    void checkRequest(RequestM r, String viewer, Face face) {
        channel(GETS);
        viewChecks.incrementAndGet();
        var request = GetCooperationRequestRequest.newBuilder().setId(r.id).build();
        Instant from = Instant.now();
        Outcome out =
                call(face, investigator(viewer), Faces.CASES, "GetCaseCooperationRequest", request);
        Instant to = Instant.now();
        if (hiddenFrom(
                r,
                viewer,
                out,
                from,
                to,
                "GetCaseCooperationRequest",
                GetCooperationRequestRequest.newBuilder()
                        .setId(UUID.randomUUID().toString())
                        .build())) {
            return;
        }
        expectOk(out, viewer + " reads request " + r.id + ", which it may see");
        CooperationRequest seen = out.as(CooperationRequest.parser());
        Seen escalation = r.escalation(from, to);
        expect(
                seen.getRequesterCountry().equals(r.requester)
                        && seen.getOwnerCountry().equals(r.owner)
                        && seen.getReference().equals(r.reference)
                        && seen.getSubjectKind() == r.kind
                        && seen.getStatus() == r.status
                        && (escalation == Seen.EITHER
                                || seen.hasEscalateTime() == (escalation == Seen.YES)),
                viewer
                        + " reads request "
                        + r.id
                        + " as "
                        + seen.getRequesterCountry()
                        + " -> "
                        + seen.getOwnerCountry()
                        + " "
                        + seen.getSubjectKind()
                        + " "
                        + seen.getStatus()
                        + (seen.hasEscalateTime() ? " escalated" : "")
                        + ", model "
                        + r.requester
                        + " -> "
                        + r.owner
                        + " "
                        + r.kind
                        + " "
                        + r.status
                        + " escalation "
                        + escalation
                        + " (deadline "
                        + r.deadline
                        + ")");
        r.observed(seen.hasEscalateTime(), from);
    }

    /** The caller's first pages of requests hold no request of the model it may not see. */
    void listRequests(String viewer, Face face) {
        channel(LISTS);
        String token = "";
        for (int page = 0; page < 3; page++) {
            Instant from = Instant.now();
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
            Instant to = Instant.now();
            expectOk(out, viewer + " lists its requests");
            ListCooperationRequestsResponse listed =
                    out.as(ListCooperationRequestsResponse.parser());
            for (CooperationRequest seen : listed.getRequestsList()) {
                RequestM r = allRequests.get(seen.getId());
                expect(
                        r == null || r.visibleTo(viewer, from, to) != Seen.NO,
                        viewer
                                + " lists request "
                                + seen.getId()
                                + " of "
                                + seen.getRequesterCountry()
                                + " to "
                                + seen.getOwnerCountry()
                                + ", which it may not see");
                if (r != null && !r.party(viewer)) {
                    r.observed(true, from);
                }
            }
            token = listed.getNextPageToken();
            if (token.isEmpty()) {
                return;
            }
        }
    }

    /** A request's events reach only those who may see it when the stream is read. */
    @Override
    boolean requestEventFor(String tenant, String id, String what) {
        RequestM r = allRequests.get(id);
        if (r == null) {
            return false;
        }
        Instant now = Instant.now();
        expect(
                r.visibleTo(tenant, now, now) != Seen.NO,
                what + ", a request between " + r.requester + " and " + r.owner);
        return true;
    }
}
