package org.chainbreaker.fugitives.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.chainbreaker.fugitives.domain.NameSearchQuery;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.events.CursorCodec;

/**
 * Page tokens of name searches. A token is the platform's sealed cursor (AES-GCM: opaque, and
 * refused if altered) of one 64-bit value: the offset of the next page in the low 16 bits, and in
 * the high 48 bits a fingerprint of the request it continues (the caller's country and every field
 * but page_size, as AIP-158 asks). A token presented by another country or with another query is
 * refused. It carries no record and no count, and a page is always recomputed under the caller's
 * own visibility, so even a valid token shows nothing new.
 */
final class SearchTokens {

    private static final int MAX_OFFSET = 0xFFFF;
    private final CursorCodec codec;

    SearchTokens(CursorCodec codec) {
        this.codec = codec;
    }

    /** What identifies a search for its tokens: every field as asked but the page size. */
    static String request(String tenant, NameSearchQuery search) {
        PartialDate dob = search.dateOfBirth();
        return String.join(
                "\u0000",
                tenant,
                search.name().strip(),
                Integer.toString(dob.year()),
                Integer.toString(dob.month()),
                Integer.toString(dob.day()),
                Double.toString(search.minScore()));
    }

    String token(int offset, String request) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset out of range: " + offset);
        }
        return codec.encode(fingerprint(request) << 16 | offset);
    }

    /**
     * The offset a token of this request names; INVALID_ARGUMENT on page_token for anything else.
     */
    int offset(String token, String request) {
        long value = codec.decode(token, "page_token");
        if (value >>> 16 != fingerprint(request)) {
            throw InvalidArgumentException.of(
                    "page_token",
                    "belongs to another search; send the same request as for the first page");
        }
        return (int) (value & MAX_OFFSET);
    }

    /** The first 48 bits of the request's SHA-256. */
    private static long fingerprint(String request) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(request.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong() >>> 16;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
