package org.chainbreaker.fugitives.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * What became of one record of a bulk load: recorded (id and reference) or refused (the reason).
 */
public record IngestOutcome(
        int index,
        Optional<UUID> id,
        Optional<String> reference,
        Optional<RuntimeException> error) {

    public static IngestOutcome recorded(int index, UUID id, String reference) {
        return new IngestOutcome(index, Optional.of(id), Optional.of(reference), Optional.empty());
    }

    public static IngestOutcome refused(int index, RuntimeException error) {
        return new IngestOutcome(index, Optional.empty(), Optional.empty(), Optional.of(error));
    }
}
