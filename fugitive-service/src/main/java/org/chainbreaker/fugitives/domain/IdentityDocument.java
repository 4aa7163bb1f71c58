package org.chainbreaker.fugitives.domain;

import java.util.Locale;

/**
 * An identity or travel document; its number is compared without spaces, dashes or case. A number
 * the owning country's key no longer opens (crypto-shredding, or a ciphertext that failed its
 * integrity check) is withheld: it reads as empty and says so.
 */
public record IdentityDocument(
        DocumentType type, String number, String issuingCountry, boolean numberWithheld) {

    public IdentityDocument(DocumentType type, String number, String issuingCountry) {
        this(type, number, issuingCountry, false);
    }

    public String normalizedNumber() {
        return normalize(number);
    }

    public static String normalize(String number) {
        return number == null ? "" : number.replaceAll("[\\s\\-./]", "").toUpperCase(Locale.ROOT);
    }
}
