package org.chainbreaker.platform.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;

/**
 * Position after the last record of a page (keyset pagination: stable while records are added).
 * Encoded as an opaque token; it carries only what the caller already saw.
 */
public record PageCursor(Instant createTime, UUID id) {

    public String encode() {
        String raw = createTime.getEpochSecond() + "." + createTime.getNano() + "." + id;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            return new PageCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw InvalidArgumentException.of("page_token", "is not a token this service issued");
        }
    }
}
