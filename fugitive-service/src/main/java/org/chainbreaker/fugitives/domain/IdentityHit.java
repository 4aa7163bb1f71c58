package org.chainbreaker.fugitives.domain;

/** All that a hit of an identity check reveals: ask this country about this notice reference. */
public record IdentityHit(String ownerCountry, String reference) {}
