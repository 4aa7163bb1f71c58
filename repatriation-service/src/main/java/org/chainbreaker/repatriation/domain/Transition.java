package org.chainbreaker.repatriation.domain;

import java.time.Instant;

/** One step of the workflow: who moved the repatriation, when, from what to what and why. */
public record Transition(
        String fromStatus,
        RepatriationStatus toStatus,
        String actorCountry,
        String actorUser,
        Instant at,
        String reason) {}
