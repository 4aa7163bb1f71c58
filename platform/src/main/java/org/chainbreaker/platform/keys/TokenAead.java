package org.chainbreaker.platform.keys;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a key that never leaves the PKCS#11 token: Tink's keyset encryption ({@code
 * TinkProtoKeysetFormat.serializeEncryptedKeyset}) wraps data keys with it. Output: 12-byte nonce,
 * ciphertext, tag.
 */
public final class TokenAead implements Aead {

    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Provider provider;
    private final SecretKey key;

    TokenAead(Provider provider, SecretKey key) {
        this.provider = provider;
        this.key = key;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE, sealed.length);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
            throws GeneralSecurityException {
        if (ciphertext.length < NONCE + 16) {
            throw new GeneralSecurityException("wrapped key too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, NONCE));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext, NONCE, ciphertext.length - NONCE);
    }
}
