package org.chainbreaker.cases.domain;

import java.time.Instant;

/** A grant of a case to one partner country, under a handling code. */
public record Share(String country, HandlingCode handlingCode, String sharedBy, Instant shareTime) {
}
