package org.chainbreaker.fugitives.domain;

/** A name as written in one script (ISO 15924 code, e.g. Hang, Thai, Latn, Khmr, Mymr, Hani). */
public record PersonName(String value, String script) {}
