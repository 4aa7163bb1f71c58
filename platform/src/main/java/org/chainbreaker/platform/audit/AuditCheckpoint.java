package org.chainbreaker.platform.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A signed statement "in service S, the audit chain's hash at country C's entry number k was H":
 * what a country keeps to notice later that the chain was rewritten.
 *
 * @param service the service whose chain it is ({@code spring.application.name})
 * @param country the country whose entries it covers
 * @param number 1, 2, 3, ... per country and service
 * @param ownerSeq the country's entry (numbered among the entries about its records) it was taken
 *     at
 * @param entryHash the chain hash of that entry (SHA-256 over every entry before it, of every
 *     country)
 * @param signTime when it was signed (microseconds, as stored)
 * @param keyLabel the token label of the signing key
 * @param signature ECDSA P-256 (SHA-256, DER) over {@link #signedBytes()}
 */
public record AuditCheckpoint(
        String service,
        String country,
        long number,
        long ownerSeq,
        byte[] entryHash,
        Instant signTime,
        String keyLabel,
        byte[] signature) {

    public static final String FORMAT = "chainbreaker-audit-checkpoint-v1";

    /** The exact bytes signed: one field a line, the hash in hex, the time as ISO-8601 UTC. */
    public byte[] signedBytes() {
        return String.join(
                        "\n",
                        FORMAT,
                        service,
                        country,
                        Long.toString(number),
                        Long.toString(ownerSeq),
                        HexFormat.of().formatHex(entryHash),
                        signTime.toString(),
                        keyLabel)
                .getBytes(StandardCharsets.UTF_8);
    }

    public AuditCheckpoint withSignature(byte[] signed) {
        return new AuditCheckpoint(
                service, country, number, ownerSeq, entryHash, signTime, keyLabel, signed);
    }
}
