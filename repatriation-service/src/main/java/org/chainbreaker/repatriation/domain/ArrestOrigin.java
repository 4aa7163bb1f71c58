package org.chainbreaker.repatriation.domain;

import java.time.Instant;

/**
 * The arrest a transfer was opened from, as the fugitive-service recorded it: where and when. The
 * arrest time, with the wanted person, names the arrest (one transfer per arrest).
 */
public record ArrestOrigin(String place, Instant arrestTime) {}
