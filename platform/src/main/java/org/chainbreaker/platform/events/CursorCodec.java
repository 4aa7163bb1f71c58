package org.chainbreaker.platform.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.chainbreaker.platform.errors.InvalidArgumentException;

/**
 * Turns delivery positions into opaque cursors and back. Positions are global across tenants;
 * encrypting them keeps a subscriber from learning how many events other countries produced between
 * two of its own. Every replica must share the same secret so that a stream resumes on any of them.
 * A cursor is sealed for the service that issued it (its name is the AEAD's associated data):
 * another service with the same secret refuses it, so a position in one service's stream cannot be
 * replayed against another's.
 */
public final class CursorCodec {

    private static final int NONCE = 12;
    private final SecretKeySpec key;
    private final byte[] associatedData;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the deployment's cursor secret, at least 16 characters
     * @param service the issuing service's name; cursors of another name are refused
     */
    public CursorCodec(String secret, String service) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a cursor codec belongs to a service");
        }
        this.associatedData = ("chainbreaker-cursor:" + service).getBytes(StandardCharsets.UTF_8);
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(
                    "the event cursor secret must have at least 16 characters");
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(secret.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, 0, 16, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(long position) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(ByteBuffer.allocate(8).putLong(position).array());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            ByteBuffer.allocate(NONCE + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The position of a cursor this service issued; anything else is refused, naming the field. */
    public long decode(String cursor, String field) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length <= NONCE) {
                throw new IllegalArgumentException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, NONCE));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(raw, NONCE, raw.length - NONCE);
            return ByteBuffer.wrap(plain).getLong();
        } catch (GeneralSecurityException
                | IllegalArgumentException
                | java.nio.BufferUnderflowException e) {
            throw InvalidArgumentException.of(field, "is not a cursor this service issued");
        }
    }
}
