package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.STRANGER;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.Faces.Face;

/**
 * The coordinators (INTERPOL, ASEANAPOL) and every request RPC, before and after a request
 * escalates, over the face the scenario runs on: before, the request does not exist for them (Get,
 * Answer, Reply, Withdraw: NOT_FOUND as for an id that never existed; List: absent), as for an
 * unrelated country; after, they read and list it with its escalation time but may not act on it
 * (Answer, Reply, Withdraw: PERMISSION_DENIED, nothing changes), the unrelated country still finds
 * nothing, and the two countries go on with it (the owner asks back, the requester replies and
 * withdraws) while the coordinators keep seeing it. Run for requests about cases, notices, scam
 * centres and leads.
 */
final class RequestEscalationScenarios {

    static final List<String> COORDINATORS = List.of(liaison("INTERPOL"), liaison("ASEANAPOL"));

    /**
     * Deadline of the escalating request: time for the checks before it (a dozen calls), after
     * which the suite's timer (every second) escalates it.
     */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private RequestEscalationScenarios() {}

    /** One escalating request: the service it was sent to and the request as created. */
    record Escalating(Kind kind, CooperationRequest request) {}

    /**
     * The escalating requests by face, then by what they are about (Case, Notice, centre, lead).
     */
    private static Map<Face, Map<String, Escalating>> escalated;

    /**
     * The escalated requests of this face, created once for the run: on each face a request about a
     * case, a notice, a scam centre and a lead, each checked hidden from the coordinators as soon
     * as it is created, then one wait for all of them to escalate (the deadlines run side by side
     * instead of one after the other in each scenario).
     */
    static synchronized Map<String, Escalating> escalated(Face face) {
        if (escalated == null) {
            Map<Face, Map<String, Escalating>> all = new EnumMap<>(Face.class);
            for (Face f : Face.values()) {
                OnFace on = new OnFace(f, EveryRpcOverBothFacesTest.faces);
                Map<String, Escalating> ofFace = new LinkedHashMap<>();
                for (Kind k :
                        List.of(
                                CooperationRequestScenarios.CASES,
                                CooperationRequestScenarios.NOTICES)) {
                    CooperationRequestScenarios.Hit hit = k.hit().apply(on);
                    ofFace.put(
                            k.infix(),
                            before(on, k, CooperationRequestScenarios.ask(hit, Urgency.IMMEDIATE)));
                }
                ScamCentre centre =
                        CaseIntelligenceScenarios.record(on, OWNER, "Escalated compound");
                CaseIntelligenceScenarios.shareCentre(
                        on, centre.getId(), REQUESTER, HandlingCode.H2);
                ofFace.put(
                        "centre",
                        before(
                                on,
                                CooperationRequestScenarios.CASES,
                                immediate(
                                        CentreAndLeadRequestScenarios.about(
                                                CooperationSubjectKind.SUBJECT_SCAM_CENTRE,
                                                centre.getId()))));
                Lead lead =
                        CentreAndLeadRequestScenarios.leadOfACaseSharedWithTheRequester(
                                on, "Escalated lead");
                ofFace.put(
                        "lead",
                        before(
                                on,
                                CooperationRequestScenarios.CASES,
                                immediate(
                                        CentreAndLeadRequestScenarios.about(
                                                CooperationSubjectKind.SUBJECT_LEAD,
                                                lead.getId()))));
                all.put(f, ofFace);
            }
            OnFace on = new OnFace(Face.GRPC, EveryRpcOverBothFacesTest.faces);
            OnFace.eventually(
                    "the coordinators see every escalated request",
                    DEADLINE.multipliedBy(2),
                    () ->
                            all.values().stream()
                                    .flatMap(m -> m.values().stream())
                                    .allMatch(
                                            e ->
                                                    COORDINATORS.stream()
                                                            .allMatch(
                                                                    u ->
                                                                            on.call(
                                                                                            u,
                                                                                            e.kind()
                                                                                                    .service(),
                                                                                            e.kind()
                                                                                                    .rpc(
                                                                                                            "Get"),
                                                                                            CooperationRequestScenarios
                                                                                                    .get(
                                                                                                            e.request()
                                                                                                                    .getId()))
                                                                                    .ok())));
            escalated = all;
        }
        return escalated.get(face);
    }

    /** A request about a case (after an identifier hit) or a notice (after an identity check). */
    static void hitRecord(OnFace on, Kind k) {
        after(on, escalated(on.face).get(k.infix()));
    }

    /** A request about a scam centre TH holds under H2, and one about a lead of a case TH holds. */
    static void centreAndLead(OnFace on) {
        after(on, escalated(on.face).get("centre"));
        after(on, escalated(on.face).get("lead"));
    }

    private static CreateCooperationRequestRequest immediate(CreateCooperationRequestRequest ask) {
        var b = ask.toBuilder();
        b.getRequestBuilder().setUrgency(Urgency.IMMEDIATE);
        return b.build();
    }

    /** Created with a deadline ahead; before it passes, the request does not exist for others. */
    private static Escalating before(OnFace on, Kind k, CreateCooperationRequestRequest ask) {
        var b = ask.toBuilder();
        b.getRequestBuilder().setDeadline(OnFace.timestamp(Instant.now().plus(DEADLINE)));
        CooperationRequest r =
                on.ok(
                        investigator(REQUESTER),
                        k.service(),
                        k.rpc("Create"),
                        b.build(),
                        CooperationRequest.parser());

        // Negative cases first: for the coordinators as for VN, the request does not exist yet.
        for (String nobody :
                List.of(COORDINATORS.get(0), COORDINATORS.get(1), investigator(STRANGER))) {
            hiddenOnEveryRpc(on, k, nobody, r.getId());
        }
        CooperationRequest stillOpen = read(on, k, investigator(REQUESTER), r.getId());
        assertThat(stillOpen.hasEscalateTime())
                .as(
                        "the checks before escalation ran before it (they took longer than the"
                                + " deadline of %s)",
                        DEADLINE)
                .isFalse();
        return new Escalating(k, r);
    }

    /**
     * Escalated: the coordinators read and list it but may not act on it; it is still the two
     * countries' request.
     */
    private static void after(OnFace on, Escalating e) {
        Kind k = e.kind();
        CooperationRequest r = e.request();
        for (String coordinator : COORDINATORS) {
            CooperationRequest seen = read(on, k, coordinator, r.getId());
            assertThat(seen.hasEscalateTime()).as(coordinator).isTrue();
            assertThat(seen.getStatus()).isEqualTo(CooperationRequestStatus.OPEN);
            assertThat(seen.getSubjectKind()).isEqualTo(r.getSubjectKind());
            assertThat(CooperationRequestScenarios.listed(on, k, coordinator))
                    .as(coordinator + " lists the escalated request")
                    .contains(r.getId());
            deniedOnEveryChange(on, k, coordinator, r.getId());
        }
        hiddenOnEveryRpc(on, k, investigator(STRANGER), r.getId());
        assertThat(read(on, k, investigator(REQUESTER), r.getId()).getStatus())
                .as("the coordinators' refused steps changed nothing")
                .isEqualTo(CooperationRequestStatus.OPEN);

        // Escalated, still the two countries' request: asked back, replied to, withdrawn.
        on.ok(
                investigator(OWNER),
                k.service(),
                k.rpc("Answer"),
                question(r.getId()),
                CooperationRequest.parser());
        for (String coordinator : COORDINATORS) {
            on.refused(
                    Status.Code.PERMISSION_DENIED,
                    coordinator,
                    k.service(),
                    k.rpc("Reply"),
                    reply(r.getId()));
        }
        on.ok(
                investigator(REQUESTER),
                k.service(),
                k.rpc("Reply"),
                reply(r.getId()),
                CooperationRequest.parser());
        on.ok(
                investigator(REQUESTER),
                k.service(),
                k.rpc("Withdraw"),
                withdraw(r.getId()),
                CooperationRequest.parser());
        for (String coordinator : COORDINATORS) {
            assertThat(read(on, k, coordinator, r.getId()).getStatus())
                    .as(coordinator + " follows the escalated request to its end")
                    .isEqualTo(CooperationRequestStatus.WITHDRAWN);
        }
        hiddenOnEveryRpc(on, k, investigator(STRANGER), r.getId());
    }

    private static CooperationRequest read(OnFace on, Kind k, String user, String id) {
        return on.ok(
                user,
                k.service(),
                k.rpc("Get"),
                CooperationRequestScenarios.get(id),
                CooperationRequest.parser());
    }

    /** Get, Answer, Reply, Withdraw as for an id that never existed; not listed. */
    private static void hiddenOnEveryRpc(OnFace on, Kind k, String user, String id) {
        on.hidden(user, k.service(), k.rpc("Get"), CooperationRequestScenarios::get, id);
        on.hidden(
                user,
                k.service(),
                k.rpc("Answer"),
                x -> CooperationRequestScenarios.grant(x, HandlingCode.H2, Duration.ofDays(30)),
                id);
        on.hidden(user, k.service(), k.rpc("Reply"), RequestEscalationScenarios::reply, id);
        on.hidden(user, k.service(), k.rpc("Withdraw"), RequestEscalationScenarios::withdraw, id);
        assertThat(CooperationRequestScenarios.listed(on, k, user))
                .as(user + " lists no request it may not see")
                .doesNotContain(id);
    }

    /** The coordinator sees the request but neither answers, replies nor withdraws it. */
    private static void deniedOnEveryChange(OnFace on, Kind k, String user, String id) {
        on.deniedTo(
                List.of(user),
                k.service(),
                k.rpc("Answer"),
                CooperationRequestScenarios.grant(id, HandlingCode.H2, Duration.ofDays(30)));
        on.deniedTo(List.of(user), k.service(), k.rpc("Reply"), reply(id));
        on.deniedTo(List.of(user), k.service(), k.rpc("Withdraw"), withdraw(id));
    }

    static AnswerCooperationRequestRequest question(String id) {
        return AnswerCooperationRequestRequest.newBuilder()
                .setId(id)
                .setAnswer(
                        CooperationAnswer.newBuilder()
                                .setKind(AnswerKind.QUESTION)
                                .setText("Which victims, and since when?"))
                .build();
    }

    static ReplyCooperationRequestRequest reply(String id) {
        return ReplyCooperationRequestRequest.newBuilder()
                .setId(id)
                .setText("14 victims since March")
                .build();
    }

    static WithdrawCooperationRequestRequest withdraw(String id) {
        return WithdrawCooperationRequestRequest.newBuilder().setId(id).build();
    }
}
