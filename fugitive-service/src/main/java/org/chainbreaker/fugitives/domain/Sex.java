package org.chainbreaker.fugitives.domain;

/** Sex as recorded on the warrant; unknown when not stated. */
public enum Sex {
    MALE,
    FEMALE,
    OTHER
}
