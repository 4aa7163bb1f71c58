package org.chainbreaker.platform.records;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chainbreaker.platform.errors.EtagMismatchException;

/**
 * Etags as an HMAC of a record's identity and version under the deployment's secret (the one that
 * seals event cursors, which every replica of a service shares): a client cannot count or guess
 * versions, and cannot compute the etag of a version it has not read from the id and a version
 * number.
 *
 * <p>The domain records make their etags here without being handed a key, so the key is
 * process-wide: the platform's configuration installs it at start ({@link #install}), from the
 * secret that is required outside the development profile. Until then (unit tests of domain rules,
 * which run without a context) the development key stands in.
 */
public final class Etags {

    private static final String DEVELOPMENT_SECRET = "chainbreaker-local-development-only";
    private static volatile SecretKeySpec key = keyFrom(DEVELOPMENT_SECRET);

    private Etags() {}

    /** Keys every etag of this process with {@code secret} (the deployment's cursor secret). */
    public static void install(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the etag secret must have at least 16 characters");
        }
        key = keyFrom(secret);
    }

    /**
     * Refuses a change made on a stale read: {@code etag}, if the client sent one, must be the etag
     * of the record's current version.
     */
    public static void requireCurrent(String etag, UUID id, long version) {
        if (etag != null
                && !etag.isEmpty()
                && !MessageDigest.isEqual(
                        etag.getBytes(StandardCharsets.UTF_8),
                        of(id, version).getBytes(StandardCharsets.UTF_8))) {
            throw new EtagMismatchException();
        }
    }

    public static String of(UUID id, long version) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag =
                    mac.doFinal(("etag:" + id + ":" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key of its own, derived from the secret, so that etags and cursors never share key
     * material.
     */
    private static SecretKeySpec keyFrom(String secret) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(
                    derive.doFinal("chainbreaker etag key v1".getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
