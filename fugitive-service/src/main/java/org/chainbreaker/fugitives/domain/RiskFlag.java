package org.chainbreaker.fugitives.domain;

/** A risk arresting officers must know about. */
public enum RiskFlag {
    ARMED,
    VIOLENT,
    ESCAPE_RISK
}
