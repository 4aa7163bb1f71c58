package org.chainbreaker.cases.domain;

/** Handling code of a grant (after Europol's SIENA codes): what the receiving country may do with the record. */
public enum HandlingCode {
    /** For police purposes, no further restriction. */
    H0,
    /** Not to be used as evidence in judicial proceedings without the owner's permission. */
    H1,
    /** Not to be passed on without the owner's permission. */
    H2,
    /** Further restrictions stated by the owner. */
    H3
}
