package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The generator of the isolation property: the kinds of operation, their mix, and the seeded
 * sequences.
 */
final class IsolationSteps {

    private IsolationSteps() {}

    enum Kind {
        CREATE_CASE,
        SHARE_CASE,
        REVOKE_SHARE,
        GET_CASE,
        LIST_CASES,
        CREATE_WANTED_PERSON,
        SUBMIT,
        PUBLISH,
        CANCEL,
        PUBLISH_TO_OPERATION,
        REPORT_SIGHTING,
        GET_WANTED_PERSON,
        LIST_WANTED_PERSONS,
        LIST_SIGHTINGS,
        SEARCH,
        CHECK_IDENTITY,
        CREATE_OPERATION,
        ADD_PARTICIPANT,
        REMOVE_PARTICIPANT,
        GET_OPERATION,
        LIST_OPERATIONS,
        CREATE_LEAD,
        ASSIGN_LEAD,
        SET_LEAD_STATUS,
        GET_LEAD,
        LIST_LEADS,
        ADD_PERSON,
        LIST_PERSONS,
        CREATE_REPATRIATION,
        SUBMIT_REPATRIATION,
        CANCEL_REPATRIATION,
        GET_REPATRIATION,
        LIST_REPATRIATIONS,
        WATCH_EVENTS,
        // Country groups (IsolationGroupWrites).
        CREATE_GROUP,
        SHARE_CASE_WITH_GROUP,
        CHANGE_GROUP_MEMBER,
        GET_GROUP,
        // Cooperation requests about cases (IsolationRequestAsking, IsolationRequestAnswering).
        ASK_CASE_REQUEST,
        ANSWER_CASE_REQUEST,
        WITHDRAW_CASE_REQUEST,
        GET_CASE_REQUEST,
        // Scam centres (IsolationCentreWrites) and requests about them and leads
        // (IsolationRequestAsking).
        CREATE_CENTRE,
        SHARE_CENTRE,
        GET_CENTRE,
        ASK_SUBJECT_REQUEST,
        // Arrests and the draft transfers they open (IsolationArrestWrites).
        RECORD_ARREST
    }

    /**
     * One generated operation: what, by which country, through which face, and choices whose
     * meaning depends on the kind (which record of this sequence, which country, page size, ...).
     * Choices are resolved modulo what exists when the step runs, so any subsequence is still
     * meaningful.
     */
    record Step(Kind kind, int actor, boolean rest, int a, int b, int c) {
        @Override
        public String toString() {
            return kind
                    + "("
                    + TENANTS.get(actor)
                    + (rest ? ",REST" : ",gRPC")
                    + ","
                    + a
                    + ","
                    + b
                    + ","
                    + c
                    + ")";
        }
    }

    /** The operation mix: how often each kind is drawn, relative to the others. */
    static final Map<Kind, Integer> WEIGHTS = weights();

    static Map<Kind, Integer> weights() {
        Map<Kind, Integer> w = new LinkedHashMap<>();
        w.put(Kind.CREATE_CASE, 8);
        w.put(Kind.SHARE_CASE, 8);
        w.put(Kind.REVOKE_SHARE, 5);
        w.put(Kind.GET_CASE, 6);
        w.put(Kind.LIST_CASES, 3);
        w.put(Kind.CREATE_WANTED_PERSON, 7);
        w.put(Kind.SUBMIT, 5);
        w.put(Kind.PUBLISH, 5);
        w.put(Kind.CANCEL, 2);
        w.put(Kind.PUBLISH_TO_OPERATION, 5);
        w.put(Kind.REPORT_SIGHTING, 5);
        w.put(Kind.GET_WANTED_PERSON, 6);
        w.put(Kind.LIST_WANTED_PERSONS, 3);
        w.put(Kind.LIST_SIGHTINGS, 2);
        w.put(Kind.SEARCH, 4);
        w.put(Kind.CHECK_IDENTITY, 4);
        w.put(Kind.CREATE_OPERATION, 3);
        w.put(Kind.ADD_PARTICIPANT, 3);
        w.put(Kind.REMOVE_PARTICIPANT, 2);
        w.put(Kind.GET_OPERATION, 2);
        w.put(Kind.LIST_OPERATIONS, 2);
        w.put(Kind.CREATE_LEAD, 5);
        w.put(Kind.ASSIGN_LEAD, 5);
        w.put(Kind.SET_LEAD_STATUS, 4);
        w.put(Kind.GET_LEAD, 3);
        w.put(Kind.LIST_LEADS, 2);
        w.put(Kind.ADD_PERSON, 4);
        w.put(Kind.LIST_PERSONS, 4);
        w.put(Kind.CREATE_REPATRIATION, 5);
        w.put(Kind.SUBMIT_REPATRIATION, 2);
        w.put(Kind.CANCEL_REPATRIATION, 2);
        w.put(Kind.GET_REPATRIATION, 2);
        w.put(Kind.LIST_REPATRIATIONS, 2);
        w.put(Kind.WATCH_EVENTS, 2);
        w.put(Kind.CREATE_GROUP, 2);
        w.put(Kind.SHARE_CASE_WITH_GROUP, 4);
        w.put(Kind.CHANGE_GROUP_MEMBER, 4);
        w.put(Kind.GET_GROUP, 1);
        w.put(Kind.ASK_CASE_REQUEST, 4);
        w.put(Kind.ANSWER_CASE_REQUEST, 3);
        w.put(Kind.WITHDRAW_CASE_REQUEST, 1);
        w.put(Kind.GET_CASE_REQUEST, 2);
        w.put(Kind.CREATE_CENTRE, 2);
        w.put(Kind.SHARE_CENTRE, 3);
        w.put(Kind.GET_CENTRE, 1);
        w.put(Kind.ASK_SUBJECT_REQUEST, 4);
        w.put(Kind.RECORD_ARREST, 3);
        if (w.size() != Kind.values().length) {
            throw new IllegalStateException("a kind without a weight");
        }
        return java.util.Collections.unmodifiableMap(w);
    }

    static final int TOTAL_WEIGHT = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();

    static Kind kind(RandomGenerator random) {
        int draw = random.nextInt(TOTAL_WEIGHT);
        for (Map.Entry<Kind, Integer> e : WEIGHTS.entrySet()) {
            draw -= e.getValue();
            if (draw < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static Step step(RandomGenerator random) {
        return new Step(
                kind(random),
                random.nextInt(TENANTS.size()),
                random.nextBoolean(),
                random.nextInt(1000),
                random.nextInt(1000),
                random.nextInt(1000));
    }

    /**
     * The sequences of this run, all of full length, generated before any runs: sequence {@code i}
     * depends only on the seed and {@code i}.
     */
    static List<List<Step>> sequences(long seed, int count, int length) {
        SplittableRandom root = new SplittableRandom(seed);
        List<List<Step>> sequences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RandomGenerator random = root.split();
            List<Step> steps = new ArrayList<>(length);
            for (int j = 0; j < length; j++) {
                steps.add(step(random));
            }
            sequences.add(List.copyOf(steps));
        }
        return sequences;
    }
}
