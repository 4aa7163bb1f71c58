package org.chainbreaker.platform.requests;

import java.time.Duration;
import java.time.Instant;

/**
 * How soon the owner of a record is to answer a cooperation request: the urgency sets the owner's
 * deadline.
 */
public enum Urgency {
    ROUTINE(Duration.ofDays(7)),
    URGENT(Duration.ofHours(48)),
    IMMEDIATE(Duration.ofHours(2));

    private final Duration answerWithin;

    Urgency(Duration answerWithin) {
        this.answerWithin = answerWithin;
    }

    public Duration answerWithin() {
        return answerWithin;
    }

    /** The owner's deadline for a request asked (or handed back to the owner) at this instant. */
    public Instant deadlineFrom(Instant asked) {
        return asked.plus(answerWithin);
    }
}
