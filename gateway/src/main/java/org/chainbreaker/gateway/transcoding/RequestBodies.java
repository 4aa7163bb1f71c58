package org.chainbreaker.gateway.transcoding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * A request body as the text JSON requires: read up to the size limit, decoded from {@code
 * Content-Encoding: gzip} when the client compressed it, and strictly UTF-8. The limit holds for
 * the decoded body too: inflating stops at the limit (a gzip bomb costs at most the limit in
 * memory, then 413). Any other content coding is refused with 415 and {@code Accept-Encoding: gzip}
 * (RFC 9110 §15.5.16) rather than read as if it were plain JSON.
 */
final class RequestBodies {

    /** The one content coding the gateway decodes. */
    static final String GZIP = "gzip";

    /**
     * A body the gateway will not read; {@code acceptEncoding} is set for a refused content coding.
     */
    static final class Refused extends RuntimeException {
        private final transient Problem problem;
        private final String acceptEncoding;

        Refused(Problem problem, String acceptEncoding) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
            this.acceptEncoding = acceptEncoding;
        }

        Problem problem() {
            return problem;
        }

        String acceptEncoding() {
            return acceptEncoding;
        }
    }

    private RequestBodies() {}

    /**
     * The body as text ("" when there is none), or an error: {@link Refused}, or
     * DataBufferLimitException.
     */
    static Mono<String> read(ServerHttpRequest request, int maxBytes) {
        boolean gzip;
        try {
            gzip = gzipped(request.getHeaders());
        } catch (Refused refused) {
            return Mono.error(refused);
        }
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(
                        buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return strictUtf8(gzip ? gunzip(bytes, maxBytes) : bytes);
                        })
                .defaultIfEmpty("");
    }

    /** Whether the body is gzip-coded; refuses any coding other than gzip (and identity). */
    static boolean gzipped(HttpHeaders headers) {
        List<String> codings = new ArrayList<>();
        for (String value : headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : value.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    codings.add(name);
                }
            }
        }
        if (codings.isEmpty()) {
            return false;
        }
        if (codings.size() == 1
                && (codings.getFirst().equals(GZIP) || codings.getFirst().equals("x-gzip"))) {
            return true;
        }
        throw new Refused(
                Problems.unsupportedMediaType()
                        .withDetail(
                                "the request body's Content-Encoding "
                                        + String.join(", ", codings)
                                        + " is not supported: send it uncompressed or with gzip"),
                GZIP);
    }

    /** Inflates at most {@code maxBytes}; one byte more and the body is too large. */
    private static byte[] gunzip(byte[] compressed, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            byte[] out = new byte[Math.min(maxBytes + 1, Math.max(8192, compressed.length * 4))];
            int length = 0;
            while (true) {
                if (length == out.length) {
                    if (out.length > maxBytes) {
                        throw new DataBufferLimitException(
                                "the decoded body exceeds " + maxBytes + " bytes");
                    }
                    out = java.util.Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
                }
                int read = in.read(out, length, out.length - length);
                if (read < 0) {
                    return java.util.Arrays.copyOf(out, length);
                }
                length += read;
            }
        } catch (IOException e) {
            throw malformed("the request body is not valid gzip");
        }
    }

    /**
     * JSON is UTF-8: a body that is not is refused rather than silently repaired with replacement
     * characters.
     */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("the body is not valid UTF-8");
        }
    }

    private static Refused malformed(String what) {
        String description =
                what.startsWith("the body ") ? "is not valid UTF-8" : "is not valid gzip";
        return new Refused(
                Problems.invalidArgument(what, List.of(new Problem.FieldError("", description))),
                null);
    }
}
