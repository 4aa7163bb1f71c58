package org.chainbreaker.repatriation.domain;

/** What the fugitive-service answered about a wanted person, asked with the caller's token. */
public sealed interface FugitiveLookup {

    /** The caller's country sees the wanted person; {@code arrested} is its custody there. */
    record Found(String reference, String ownerCountry, boolean arrested) implements FugitiveLookup {
    }

    /** No wanted person the caller's country may see has this id. */
    record NotVisible() implements FugitiveLookup {
    }

    /** The fugitive-service could not answer now (down, too slow, circuit open, token no longer accepted). */
    record Unavailable(String reason) implements FugitiveLookup {
    }
}
