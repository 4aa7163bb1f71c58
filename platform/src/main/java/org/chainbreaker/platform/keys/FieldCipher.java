package org.chainbreaker.platform.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encrypting column codec of protected fields. A value is sealed with the owning country's data
 * key (Tink AES-256-GCM) with the record id and the field's name as associated data, so a
 * ciphertext copied to another row or another column does not open; it is stored as text, {@code
 * cb1:<data key version>:<base64>}. Empty values stay empty (an empty field reveals only that it is
 * empty). Opening never fails the read: a value whose key is gone or whose ciphertext was altered
 * reads as withheld, logged with the record and field (never the value).
 */
public final class FieldCipher {

    private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
    private static final String SEALED = "cb1:";
    private static final String INDEX = "bi1:";

    private final DataKeys dataKeys;
    private final CountryKeys keys;
    private final Set<String> unsealed;

    public FieldCipher(DataKeys dataKeys, CountryKeys keys) {
        this(dataKeys, keys, Set.of());
    }

    /**
     * @param unsealed countries whose new values are stored in clear: only for {@code bin/bench
     *     protected-fields}, which compares them with sealed countries in one service ({@link
     *     KeysConfiguration} refuses it outside the benchmark profile)
     */
    FieldCipher(DataKeys dataKeys, CountryKeys keys, Set<String> unsealed) {
        this.dataKeys = dataKeys;
        this.keys = keys;
        this.unsealed = Set.copyOf(unsealed);
    }

    public DataKeys dataKeys() {
        return dataKeys;
    }

    /**
     * Seals {@code value} of field {@code field} (table.column) of record {@code recordId} owned by
     * {@code country}.
     *
     * @throws org.chainbreaker.platform.errors.FailedPreconditionException when the country has no
     *     key
     */
    public String seal(String country, UUID recordId, String field, String value) {
        if (value == null || value.isEmpty() || unsealed.contains(country)) {
            return value;
        }
        DataKeys.DataKey key = dataKeys.forWriting(country);
        try {
            byte[] sealed =
                    key.aead()
                            .encrypt(
                                    value.getBytes(StandardCharsets.UTF_8),
                                    context(recordId, field));
            return SEALED + key.version() + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing " + field + " failed", e);
        }
    }

    /** Opens a stored value; see the class comment for what reads as withheld. */
    public Opened open(String country, UUID recordId, String field, String stored) {
        if (stored == null) {
            return Opened.NULL;
        }
        if (stored.isEmpty()) {
            return Opened.of(stored);
        }
        if (!stored.startsWith(SEALED)) {
            // Written before fields were sealed (platform V7): shown as stored until re-sealed.
            return Opened.of(stored);
        }
        int colon = stored.indexOf(':', SEALED.length());
        int version;
        byte[] sealed;
        try {
            version = Integer.parseInt(stored.substring(SEALED.length(), colon));
            sealed = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (RuntimeException e) {
            log.error(
                    "protected field {} of record {} (owner {}) is not a well-formed ciphertext: withheld",
                    field,
                    recordId,
                    country);
            return Opened.withheldValue();
        }
        Optional<DataKeys.DataKey> key = dataKeys.forReading(country, version);
        if (key.isEmpty()) {
            return Opened.withheldValue();
        }
        try {
            return Opened.of(
                    new String(
                            key.get().aead().decrypt(sealed, context(recordId, field)),
                            StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            log.error(
                    "protected field {} of record {} (owner {}) failed its integrity check (altered, or moved from"
                            + " another row or field): withheld",
                    field,
                    recordId,
                    country);
            return Opened.withheldValue();
        }
    }

    /**
     * The keyed blind index of a normalised identifier: HMAC-SHA256 under the deployment's
     * blind-index key in the token, the same for every country, so equal identifiers match across
     * countries without being stored.
     */
    public String blindIndex(String normalized) {
        return INDEX
                + HexFormat.of()
                        .formatHex(keys.blindIndex(normalized.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] context(UUID recordId, String field) {
        return ("chainbreaker/" + field + "/" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
