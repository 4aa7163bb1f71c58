package org.chainbreaker.cases;

import com.google.protobuf.ByteString;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import org.chainbreaker.common.v1.AuditCheckpoint;
import org.chainbreaker.common.v1.AuditSigningKey;
import org.chainbreaker.platform.keys.TokenSigner;

/**
 * Audit checkpoints signed and checked by hand, as a country that kept them would: with a key of
 * the token or with the public key the service publishes.
 */
final class CheckpointSignatures {

    private CheckpointSignatures() {}

    static org.chainbreaker.platform.audit.AuditCheckpoint unsigned(
            AuditCheckpoint c, Instant signTime, String keyLabel) {
        return new org.chainbreaker.platform.audit.AuditCheckpoint(
                c.getService(),
                c.getCountry(),
                c.getNumber(),
                c.getEntryNumber(),
                c.getEntryHash().toByteArray(),
                signTime,
                keyLabel,
                new byte[0]);
    }

    static AuditCheckpoint signedBy(
            TokenSigner key, AuditCheckpoint c, Instant signTime, String keyLabel) {
        byte[] signature = key.sign(unsigned(c, signTime, keyLabel).signedBytes());
        return c.toBuilder()
                .setSignTime(
                        com.google.protobuf.Timestamp.newBuilder()
                                .setSeconds(signTime.getEpochSecond())
                                .setNanos(signTime.getNano()))
                .setKeyLabel(keyLabel)
                .setSignature(ByteString.copyFrom(signature))
                .build();
    }

    static Instant signTime(AuditCheckpoint c) {
        return Instant.ofEpochSecond(c.getSignTime().getSeconds(), c.getSignTime().getNanos());
    }

    static boolean verifiesWith(AuditSigningKey published, AuditCheckpoint c) throws Exception {
        PublicKey key =
                KeyFactory.getInstance("EC")
                        .generatePublic(
                                new X509EncodedKeySpec(published.getPublicKey().toByteArray()));
        Signature verifier = Signature.getInstance(published.getAlgorithm());
        verifier.initVerify(key);
        verifier.update(unsigned(c, signTime(c), c.getKeyLabel()).signedBytes());
        return verifier.verify(c.getSignature().toByteArray());
    }
}
