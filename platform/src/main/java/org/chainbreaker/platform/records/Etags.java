package org.chainbreaker.platform.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.chainbreaker.platform.errors.EtagMismatchException;

/** Etags derived from a record's identity and version, so clients cannot count or guess versions. */
public final class Etags {

    private Etags() {
    }

    /**
     * Refuses a change made on a stale read: {@code etag}, if the client sent one, must be the etag of the record's
     * current version.
     */
    public static void requireCurrent(String etag, UUID id, long version) {
        if (etag != null && !etag.isEmpty() && !etag.equals(of(id, version))) {
            throw new EtagMismatchException();
        }
    }

    public static String of(UUID id, long version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + ":" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
