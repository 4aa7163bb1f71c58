package org.chainbreaker.cases.domain.identifiers;

/**
 * Financial and technical identifiers that scams and laundering use, and that cases are matched on.
 */
public enum IdentifierKind {
    PHONE_NUMBER("phone"),
    BANK_ACCOUNT("account"),
    CRYPTO_WALLET("wallet"),
    WEBSITE("domain"),
    APP("app");

    private final String prefix;

    IdentifierKind(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The prefix of this kind's normalised values, e.g. {@code phone} in {@code
     * phone:+66812345678}.
     */
    public String prefix() {
        return prefix;
    }
}
