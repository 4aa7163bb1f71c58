package org.chainbreaker.platform.keys;

/**
 * A protected field as read: its value, or withheld (empty value) when the owning country's key no
 * longer opens it (crypto-shredded) or the stored ciphertext failed its integrity check.
 */
public record Opened(String value, boolean withheld) {

    static final Opened NULL = new Opened(null, false);

    public static Opened of(String value) {
        return new Opened(value, false);
    }

    static Opened withheldValue() {
        return new Opened("", true);
    }
}
