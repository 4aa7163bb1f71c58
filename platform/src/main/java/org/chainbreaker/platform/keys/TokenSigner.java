package org.chainbreaker.platform.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;

/**
 * An ECDSA P-256 signing key that never leaves the PKCS#11 token (the audit checkpoints' key,
 * {@code audit-signing-<n>}): the token signs, the service only holds a handle. Its public key
 * comes from the certificate stored beside it in the token and is published to every country.
 */
public final class TokenSigner {

    public static final String ALGORITHM = "SHA256withECDSA";

    private final Provider provider;
    private final String label;
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final Instant validFrom;

    TokenSigner(
            Provider provider,
            String label,
            PrivateKey key,
            PublicKey publicKey,
            Instant validFrom) {
        this.provider = provider;
        this.label = label;
        this.key = key;
        this.publicKey = publicKey;
        this.validFrom = validFrom;
    }

    public String label() {
        return label;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * When the key was made (its certificate's start, whole seconds): from then on the key before
     * it is retired.
     */
    public Instant validFrom() {
        return validFrom;
    }

    /** An ASN.1 DER ECDSA signature made in the token. */
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM, provider);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "the token could not sign with " + label + ": " + CountryKeys.rootMessage(e),
                    e);
        }
    }

    /** Checked in software against the public key: what any country can do with it. */
    public static boolean verifies(PublicKey publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
