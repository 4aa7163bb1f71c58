package org.chainbreaker.platform.records;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.platform.errors.AlreadyExistsException;

/**
 * A client's idempotency key ({@code request_id}; on REST the gateway's {@code Idempotency-Key}
 * header) with a digest of the request it came with. A create stores the digest beside the key; a
 * later request with the same key gets the first result only if its digest is the same, and is
 * refused otherwise ({@link #replay}), so a key reused for a different request can never silently
 * answer with the first record.
 *
 * <p>The digest is SHA-256 of the canonical form ({@link CanonicalForm}) of the request as the
 * domain checked and normalised it (for example a {@code NewCase}, or the parts a create takes):
 * what the server fills in or ignores (output-only fields, the key itself) is not in it, and
 * whitespace or order the server normalises does not count, so an honest retry matches, from either
 * face. Record components named {@code requestId} are left out.
 *
 * <p>Rows stored before digests were kept have none: a request with their key is answered as
 * before.
 */
public final class RequestKey {

    /** The machine-readable reason of the refusal (ErrorInfo), for clients that branch on it. */
    public static final String REUSED = "REQUEST_ID_REUSED";

    private final String id;
    private final byte[] digest;

    private RequestKey(String id, byte[] digest) {
        this.id = id;
        this.digest = digest;
    }

    /**
     * The key of a request, if the client gave one ({@code requestId} empty or null: none); checked
     * elsewhere.
     */
    public static Optional<RequestKey> of(String requestId, Object... request) {
        return RequestIds.of(requestId).map(k -> new RequestKey(k, digestOf(request)));
    }

    public static Optional<RequestKey> of(Optional<String> requestId, Object... request) {
        return requestId.map(k -> new RequestKey(k, digestOf(request)));
    }

    /**
     * A key the server makes itself (e.g. one record per source record): a repeat answers the first
     * record whatever it carries, as keys did before digests; nothing a client sends gets here.
     */
    public static RequestKey internal(String id) {
        return new RequestKey(id, null);
    }

    public String id() {
        return id;
    }

    /** The digest to store beside the key; null for an {@link #internal} key. */
    public byte[] digest() {
        return digest == null ? null : digest.clone();
    }

    /**
     * What a store found under a key: the record (its id, or ids) and the digest stored with it
     * (null: none).
     */
    public record Stored<T>(T record, byte[] digest) {}

    /**
     * The record the key already names, if any. Refused (ALREADY_EXISTS, naming {@code request_id})
     * if that record was made by a different request; use it both before inserting and after an
     * insert lost a race to a concurrent request with the same key, so that every path compares.
     */
    public <T> Optional<T> replay(Optional<Stored<T>> stored) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        requireSameRequest(stored.get().digest());
        return Optional.of(stored.get().record());
    }

    /**
     * Makes a record at most once per request key, inside the caller's transaction: the record the
     * key already names (if made by the same request), else what {@code make} makes. {@code make}
     * answers empty when its insert met a concurrent request with the same key; that request's
     * record is then the answer, compared likewise.
     *
     * @param find the stored record under a request id, with the digest of the request that made it
     */
    public static <T> T once(
            Optional<RequestKey> key,
            Function<String, Optional<Stored<T>>> find,
            Supplier<Optional<T>> make) {
        Optional<T> earlier = key.flatMap(k -> k.replay(find.apply(k.id())));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<T> made = make.get();
        if (made.isPresent()) {
            return made.get();
        }
        RequestKey k = key.orElseThrow();
        return k.replay(find.apply(k.id())).orElseThrow();
    }

    /**
     * Refuses if {@code storedDigest} (of the request that first used the key) differs from this
     * request's.
     */
    public void requireSameRequest(byte[] storedDigest) {
        if (storedDigest != null
                && digest != null
                && !MessageDigest.isEqual(storedDigest, digest)) {
            throw refusal();
        }
    }

    /**
     * The refusal of this key for a different request (the key is shown: its form admits no
     * markup).
     */
    public AlreadyExistsException refusal() {
        return new AlreadyExistsException(
                "request_id",
                REUSED,
                "request_id \""
                        + id
                        + "\" (on REST the Idempotency-Key"
                        + " header) was already used by your country for a different request; a retry must repeat the first"
                        + " request exactly, and a new request needs a new request_id");
    }

    @Override
    public String toString() {
        return "RequestKey[" + id + "]";
    }

    static byte[] digestOf(Object... request) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalForm.of(java.util.Arrays.asList(request)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
