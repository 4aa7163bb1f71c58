package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FaultSuite.*;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/** What the clients of one fault test wrote and were told, per target service. */
final class FaultLedger {

    enum Target {
        CASES("case-service", "cases"),
        REPATRIATION("repatriation-service", "repatriation");

        final String service;

        /** The gateway's circuit breaker for the service. */
        final String breaker;

        Target(String service, String breaker) {
            this.service = service;
            this.breaker = breaker;
        }
    }

    final String runTag;

    /** Idempotency key -> id of the record the suite acknowledged. */
    final Map<String, String> acked = new ConcurrentHashMap<>();

    final Map<String, Target> targets = new ConcurrentHashMap<>();
    final Set<String> shares = ConcurrentHashMap.newKeySet();
    final Set<String> reads = ConcurrentHashMap.newKeySet();
    final Map<Target, ConcurrentSkipListSet<Long>> ackTimes = new ConcurrentHashMap<>();
    final Map<Target, AtomicLong> slowestAck = new ConcurrentHashMap<>();
    final Map<String, Long> faultAnswers = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    FaultLedger(String name) {
        this.runTag = name + "-" + Long.toString(System.nanoTime(), 36);
        for (Target t : Target.values()) {
            ackTimes.put(t, new ConcurrentSkipListSet<>());
            slowestAck.put(t, new AtomicLong());
        }
    }

    void acknowledged(Target target, String key, String id, long startedAt) {
        long now = System.nanoTime();
        acked.put(key, id);
        targets.put(key, target);
        // Distinct times even for two acknowledgements in the same nanosecond.
        long t = now;
        while (!ackTimes.get(target).add(t)) {
            t++;
        }
        slowestAck.get(target).accumulateAndGet(now - startedAt, Math::max);
    }

    long acks(Target target) {
        return ackTimes.get(target).size();
    }

    long lastAckBefore(Target target, long time) {
        Long t = ackTimes.get(target).lower(time);
        return t == null ? time : t;
    }

    Optional<Long> firstAckAfter(Target target, long time) {
        return Optional.ofNullable(ackTimes.get(target).higher(time));
    }

    long slowestAckNanos(Target target) {
        return slowestAck.get(target).get();
    }
}
