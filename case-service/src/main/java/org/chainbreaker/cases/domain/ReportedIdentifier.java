package org.chainbreaker.cases.domain;

import org.chainbreaker.cases.domain.identifiers.IdentifierKind;

/** An identifier as reported, and its normalised form. */
public record ReportedIdentifier(IdentifierKind kind, String value, String normalizedValue) {}
