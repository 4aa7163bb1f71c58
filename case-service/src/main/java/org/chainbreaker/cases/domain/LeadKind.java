package org.chainbreaker.cases.domain;

import java.util.Optional;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;

/**
 * What a lead points at; five kinds are financial or technical identifiers that cross-matching
 * compares.
 */
public enum LeadKind {
    PERSON,
    PHONE_NUMBER,
    BANK_ACCOUNT,
    CRYPTO_WALLET,
    WEBSITE,
    APP,
    LOCATION,
    OTHER;

    /**
     * The identifier kind of this lead kind, if its value is an identifier to normalise and match.
     */
    public Optional<IdentifierKind> identifierKind() {
        return switch (this) {
            case PHONE_NUMBER -> Optional.of(IdentifierKind.PHONE_NUMBER);
            case BANK_ACCOUNT -> Optional.of(IdentifierKind.BANK_ACCOUNT);
            case CRYPTO_WALLET -> Optional.of(IdentifierKind.CRYPTO_WALLET);
            case WEBSITE -> Optional.of(IdentifierKind.WEBSITE);
            case APP -> Optional.of(IdentifierKind.APP);
            case PERSON, LOCATION, OTHER -> Optional.empty();
        };
    }
}
