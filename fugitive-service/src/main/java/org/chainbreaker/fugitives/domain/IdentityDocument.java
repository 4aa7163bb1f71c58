package org.chainbreaker.fugitives.domain;

import java.util.Locale;

/** An identity or travel document; its number is compared without spaces, dashes or case. */
public record IdentityDocument(DocumentType type, String number, String issuingCountry) {

    public String normalizedNumber() {
        return normalize(number);
    }

    public static String normalize(String number) {
        return number == null ? "" : number.replaceAll("[\\s\\-./]", "").toUpperCase(Locale.ROOT);
    }
}
