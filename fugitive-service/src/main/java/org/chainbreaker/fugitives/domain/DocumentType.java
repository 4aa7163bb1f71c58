package org.chainbreaker.fugitives.domain;

/** Kinds of identity and travel documents. */
public enum DocumentType {
    PASSPORT,
    NATIONAL_ID,
    DRIVING_LICENCE,
    OTHER
}
