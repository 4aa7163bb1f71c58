package org.chainbreaker.fugitives.domain;

/** Whether a wanted person is still at large. */
public enum Custody {
    AT_LARGE,
    ARRESTED,
    /** Handed over to another country at the end of a repatriation. */
    TRANSFERRED
}
