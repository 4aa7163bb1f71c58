package org.chainbreaker.platform.events;

import java.time.Instant;

/** An event as delivered: its position is the resume cursor. */
public record StoredEvent(
        long position,
        Instant occurTime,
        String ownerCountry,
        String recordType,
        String recordId,
        String eventType) {}
