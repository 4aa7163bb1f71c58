package org.chainbreaker.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The blind-index HMAC alone, in the token, as {@link DocumentNumbersBenchmark}'s child process
 * (SoftHSM2 reads SOFTHSM2_CONF from the environment when the library loads): each value with a
 * fresh {@link Mac} initialised with the token's key, as the services do, and with one Mac reused,
 * which saves the init but still makes one token call per value (PKCS#11 has no batched HMAC; the
 * key never leaves the token either way). Arguments: library, PIN, iterations.
 */
final class TokenHmacProbe {

    private TokenHmacProbe() {}

    public static void main(String[] args) throws Exception {
        Provider provider =
                Security.getProvider("SunPKCS11")
                        .configure("--name=probe\nlibrary=" + args[0] + "\nslotListIndex=0");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, args[1].toCharArray());
        SecretKey key = (SecretKey) token.getKey("blind-index-1", null);
        int n = Integer.parseInt(args[2]);
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            values[i] = String.format("passport:KR%09d", i).getBytes(StandardCharsets.UTF_8);
        }
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            for (byte[] value : values) {
                Mac mac = Mac.getInstance("HmacSHA256", provider);
                mac.init(key);
                mac.doFinal(value);
            }
            long fresh = System.nanoTime() - t0;
            Mac reused = Mac.getInstance("HmacSHA256", provider);
            reused.init(key);
            t0 = System.nanoTime();
            for (byte[] value : values) {
                reused.doFinal(value);
            }
            long kept = System.nanoTime() - t0;
            Mac inJvm = Mac.getInstance("HmacSHA256");
            inJvm.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
            t0 = System.nanoTime();
            for (byte[] value : values) {
                inJvm.doFinal(value);
            }
            long jvm = System.nanoTime() - t0;
            System.out.printf(
                    "TOKEN HMAC pass %d: %d values; fresh Mac per value %.1f us, one Mac reused %.1f us,"
                            + " (reference: JDK HMAC in the JVM, key in memory, %.2f us)%n",
                    pass, n, fresh / 1e3 / n, kept / 1e3 / n, jvm / 1e3 / n);
        }
    }
}
