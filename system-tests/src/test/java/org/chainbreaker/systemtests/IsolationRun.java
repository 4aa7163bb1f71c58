package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.systemtests.Faces.Face;

/**
 * The runner of one generated sequence: performs each step, runs the checks it calls for, reports a
 * failure replayably.
 */
final class IsolationRun extends IsolationArrestWrites {

    IsolationRun(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void execute() {
        for (Step step : steps) {
            index++;
            operations.incrementAndGet();
            byKind.computeIfAbsent(step.kind().name(), k -> new AtomicLong()).incrementAndGet();
            try {
                long t0 = System.nanoTime();
                perform(step);
                long t1 = System.nanoTime();
                timeTaken(step.kind().name(), t1 - t0);
                if (index % FULL_LISTING_EVERY == 0) {
                    fullListing(
                            TENANTS.get((index / FULL_LISTING_EVERY + step.a()) % TENANTS.size()),
                            index % 2 == 0 ? Face.REST : Face.GRPC);
                    timeTaken("(full listing)", System.nanoTime() - t1);
                }
                long t2 = System.nanoTime();
                if (index % DRAIN_EVERY == 0) {
                    drainEveryone(
                            STREAM_SERVICES.get((index / DRAIN_EVERY) % STREAM_SERVICES.size()));
                    timeTaken("(stream reads of every country)", System.nanoTime() - t2);
                }
            } catch (Violation v) {
                violations.incrementAndGet();
                channelViolations
                        .computeIfAbsent(v.channel, k -> new AtomicLong())
                        .incrementAndGet();
                if (firstViolations.size() < 20) {
                    firstViolations.add(v.getMessage());
                }
                fail(failure("isolation violated", step, v), v);
            } catch (RuntimeException e) {
                // Not a violation of the model, but the same coordinates replay it.
                fail(failure("step failed with " + e, step, e), e);
            }
        }
    }

    /** Adds {@code nanos} to the time taken by {@code what}, for the figures. */
    static void timeTaken(String what, long nanos) {
        nanosByKind.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(nanos);
    }

    /** The seed, sequence and step of a failure, the operations leading to it and what they did. */
    String failure(String what, Step step, RuntimeException cause) {
        StringBuilder out = new StringBuilder();
        out.append(what)
                .append(" at sequence ")
                .append(sequence + 1)
                .append('/')
                .append(SEQUENCES)
                .append(", step ")
                .append(index)
                .append('/')
                .append(steps.size())
                .append(' ')
                .append(step)
                .append(": ")
                .append(cause.getMessage())
                .append("\nseed ")
                .append(SEED)
                .append(": replay with -Dchainbreaker.isolation.seed=")
                .append(SEED)
                .append(SEQUENCES != 10 ? " -Dchainbreaker.isolation.sequences=" + SEQUENCES : "")
                .append(STEPS != 1000 ? " -Dchainbreaker.isolation.steps=" + STEPS : "");
        int from = Math.max(1, index - HISTORY + 1);
        out.append("\nthe last ").append(index - from + 1).append(" operations of the sequence:");
        for (int i = from; i <= index; i++) {
            out.append("\n  ").append(i).append(": ").append(steps.get(i - 1));
        }
        List<String> done =
                trace.stream()
                        .filter(
                                line ->
                                        Integer.parseInt(line.substring(0, line.indexOf(':')))
                                                >= from)
                        .toList();
        out.append("\nwhat they did:\n  ")
                .append(
                        String.join(
                                "\n  ",
                                done.subList(Math.max(0, done.size() - 4 * HISTORY), done.size())));
        // The whole history, in this sequence, of the records the violation names.
        java.util.regex.Matcher ids =
                UUID_PATTERN.matcher(cause.getMessage() == null ? "" : cause.getMessage());
        Set<String> named = new LinkedHashSet<>();
        while (ids.find()) {
            named.add(ids.group());
        }
        // And of the records those steps named (the groups a case was shared with, say), whose own
        // steps (a member removed) do not name the case.
        Set<String> related = new LinkedHashSet<>(named);
        for (String id : named) {
            trace.stream()
                    .filter(line -> line.contains(id))
                    .forEach(
                            line -> {
                                java.util.regex.Matcher more = UUID_PATTERN.matcher(line);
                                while (more.find()) {
                                    related.add(more.group());
                                }
                            });
        }
        for (String id : related) {
            out.append("\nevery step of this sequence that named ").append(id).append(':');
            trace.stream()
                    .filter(line -> line.contains(id))
                    .limit(60)
                    .forEach(line -> out.append("\n  ").append(line));
        }
        return out.toString();
    }

    void perform(Step s) {
        String actor = TENANTS.get(s.actor());
        Face face = s.rest() ? Face.REST : Face.GRPC;
        switch (s.kind()) {
            case CREATE_CASE -> createCase(actor, face, s.a(), s.b());
            case CREATE_GROUP, SHARE_CASE_WITH_GROUP, CHANGE_GROUP_MEMBER, GET_GROUP ->
                    performGroupStep(s, actor, face);
            case ASK_CASE_REQUEST,
                    ANSWER_CASE_REQUEST,
                    WITHDRAW_CASE_REQUEST,
                    GET_CASE_REQUEST,
                    ASK_SUBJECT_REQUEST ->
                    performRequestStep(s, actor, face);
            case CREATE_CENTRE, SHARE_CENTRE, GET_CENTRE -> performCentreStep(s, actor, face);
            case RECORD_ARREST -> performArrestStep(s, actor, face);
            case SHARE_CASE, REVOKE_SHARE -> {
                if (cases.isEmpty()) {
                    createCase(actor, face, s.a(), s.b());
                    return;
                }
                CaseM c = cases.get(s.a() % cases.size());
                // Mostly the owner acts; sometimes someone else tries.
                String by = s.c() % 4 == 0 ? actor : c.owner;
                String country = TENANTS.get(s.b() % TENANTS.size());
                if (s.kind() == Kind.SHARE_CASE) {
                    shareCase(
                            by,
                            face,
                            c,
                            country,
                            HandlingCode.forNumber(1 + s.c() % 4),
                            s.a() % 3 == 0);
                } else {
                    revokeShare(by, face, c, country);
                }
            }
            case GET_CASE -> {
                if (cases.isEmpty() || s.a() % 10 == 0) {
                    expectNotFound(
                            face,
                            actor,
                            Faces.CASES,
                            "GetCase",
                            GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                            null,
                            null);
                    return;
                }
                checkCase(cases.get(s.a() % cases.size()), actor, face);
            }
            case LIST_CASES -> listCasesFirstPage(actor, face, 1 + s.a() % 60);
            case CREATE_WANTED_PERSON -> createWanted(actor, face, s.a(), s.b());
            case SUBMIT, PUBLISH, CANCEL -> {
                if (wanted.isEmpty()) {
                    createWanted(actor, face, s.a(), s.b());
                    return;
                }
                WantedM w = wanted.get(s.a() % wanted.size());
                String by = s.c() % 5 == 0 ? actor : w.owner;
                transition(by, face, w, s.kind());
            }
            case PUBLISH_TO_OPERATION -> {
                if (wanted.isEmpty() || ops.isEmpty()) {
                    if (ops.isEmpty()) {
                        createOperation(COORDINATOR, face, s.a(), s.b());
                    } else {
                        createWanted(actor, face, s.a(), s.b());
                    }
                    return;
                }
                WantedM w = wanted.get(s.a() % wanted.size());
                OpM o = ops.get(s.b() % ops.size());
                String by = s.c() % 5 == 0 ? actor : w.owner;
                publishToOperation(by, face, w, o);
            }
            case REPORT_SIGHTING -> {
                if (wanted.isEmpty()) {
                    createWanted(actor, face, s.a(), s.b());
                    return;
                }
                WantedM w = wanted.get(s.a() % wanted.size());
                // Half the time in the reporter's own country (the only place another country may
                // report).
                reportSighting(
                        actor,
                        face,
                        w,
                        s.c() % 2 == 0 ? actor : TENANTS.get(s.b() % TENANTS.size()));
            }
            case GET_WANTED_PERSON -> {
                if (wanted.isEmpty() || s.a() % 10 == 0) {
                    expectNotFound(
                            face,
                            actor,
                            Faces.FUGITIVES,
                            "GetWantedPerson",
                            GetWantedPersonRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .build(),
                            null,
                            null);
                    return;
                }
                checkWanted(wanted.get(s.a() % wanted.size()), actor, face);
            }
            case LIST_WANTED_PERSONS -> listWantedFirstPage(actor, face, 1 + s.a() % 60);
            case LIST_SIGHTINGS -> {
                if (!wanted.isEmpty()) {
                    checkSightings(wanted.get(s.a() % wanted.size()), actor, face);
                }
            }
            case SEARCH -> {
                if (!wanted.isEmpty()) {
                    search(actor, face, wanted.get(s.a() % wanted.size()));
                }
            }
            case CHECK_IDENTITY -> {
                if (!wanted.isEmpty()) {
                    checkIdentity(actor, face, wanted.get(s.a() % wanted.size()), s.b() % 3 == 0);
                }
            }
            case CREATE_OPERATION ->
                    createOperation(s.c() % 6 == 0 ? actor : COORDINATOR, face, s.a(), s.b());
            case ADD_PARTICIPANT, REMOVE_PARTICIPANT -> {
                if (ops.isEmpty()) {
                    createOperation(COORDINATOR, face, s.a(), s.b());
                    return;
                }
                OpM o = ops.get(s.a() % ops.size());
                String by = s.c() % 5 == 0 ? actor : o.coordinator;
                changeParticipant(
                        by,
                        face,
                        o,
                        TENANTS.get(s.b() % TENANTS.size()),
                        s.kind() == Kind.ADD_PARTICIPANT);
            }
            case GET_OPERATION -> {
                if (ops.isEmpty() || s.a() % 10 == 0) {
                    expectNotFound(
                            face,
                            actor,
                            Faces.FUGITIVES,
                            "GetOperation",
                            GetOperationRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .build(),
                            null,
                            null);
                    return;
                }
                checkOperation(ops.get(s.a() % ops.size()), actor, face);
            }
            case LIST_OPERATIONS -> listOperations(actor, face);
            case CREATE_LEAD -> {
                if (cases.isEmpty()) {
                    createCase(actor, face, s.a(), s.b());
                    return;
                }
                CaseM c = cases.get(s.a() % cases.size());
                createLead(s.c() % 5 == 0 ? actor : c.owner, face, c, s.b());
            }
            case ASSIGN_LEAD, SET_LEAD_STATUS -> {
                if (leads.isEmpty()) {
                    if (!cases.isEmpty()) {
                        CaseM c = cases.get(s.a() % cases.size());
                        createLead(c.owner, face, c, s.b());
                    }
                    return;
                }
                LeadM l = leads.get(s.a() % leads.size());
                if (s.kind() == Kind.ASSIGN_LEAD) {
                    String by = s.c() % 5 == 0 ? actor : l.c.owner;
                    assignLead(
                            by,
                            face,
                            l,
                            TENANTS.get(s.b() % TENANTS.size()),
                            HandlingCode.forNumber(1 + s.c() % 4));
                } else {
                    // The owner or the assignee mostly; sometimes whoever.
                    String by =
                            s.c() % 4 == 0
                                    ? actor
                                    : (s.c() % 4 == 1 || l.assigned == null
                                            ? l.c.owner
                                            : l.assigned);
                    Lead.Status target =
                            List.of(
                                            Lead.Status.IN_PROGRESS,
                                            Lead.Status.CONFIRMED,
                                            Lead.Status.DISMISSED)
                                    .get(s.b() % 3);
                    setLeadStatus(by, face, l, target);
                }
            }
            case GET_LEAD -> {
                if (leads.isEmpty() || s.a() % 10 == 0) {
                    expectNotFound(
                            face,
                            actor,
                            Faces.CASES,
                            "GetLead",
                            GetLeadRequest.newBuilder()
                                    .setCaseId(UUID.randomUUID().toString())
                                    .setId(UUID.randomUUID().toString())
                                    .build(),
                            null,
                            null);
                    return;
                }
                checkLead(leads.get(s.a() % leads.size()), actor, face);
            }
            case LIST_LEADS -> {
                if (!cases.isEmpty()) {
                    checkLeads(cases.get(s.a() % cases.size()), actor, face);
                }
            }
            case ADD_PERSON -> {
                if (cases.isEmpty()) {
                    createCase(actor, face, s.a(), s.b());
                    return;
                }
                CaseM c = cases.get(s.a() % cases.size());
                addPerson(s.c() % 5 == 0 ? actor : c.owner, face, c, s.b(), s.c());
            }
            case LIST_PERSONS -> {
                if (!cases.isEmpty()) {
                    checkPersons(cases.get(s.a() % cases.size()), actor, face, s.b() % 3 == 0);
                }
            }
            case CREATE_REPATRIATION -> createRepatriation(actor, face, s.a(), s.b(), s.c());
            case SUBMIT_REPATRIATION, CANCEL_REPATRIATION -> {
                if (reps.isEmpty()) {
                    createRepatriation(actor, face, s.a(), s.b(), s.c());
                    return;
                }
                RepM r = reps.get(s.a() % reps.size());
                moveRepatriation(
                        s.c() % 4 == 0 ? actor : r.owner,
                        face,
                        r,
                        s.kind() == Kind.SUBMIT_REPATRIATION);
            }
            case GET_REPATRIATION -> {
                if (reps.isEmpty() || s.a() % 10 == 0) {
                    expectNotFound(
                            face,
                            actor,
                            Faces.REPATRIATION,
                            "GetRepatriation",
                            GetRepatriationRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .build(),
                            null,
                            null);
                    return;
                }
                checkRepatriation(reps.get(s.a() % reps.size()), actor, face);
            }
            case LIST_REPATRIATIONS -> listRepatriationsFirstPage(actor, face, 1 + s.a() % 60);
            case WATCH_EVENTS ->
                    drain(STREAM_SERVICES.get(s.a() % STREAM_SERVICES.size()), actor, face);
        }
    }
}
