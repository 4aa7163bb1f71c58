package org.chainbreaker.fugitives.domain;

/**
 * How sure the reporting country is of a sighting; only CONFIRMED ones move the last known
 * location.
 */
public enum Confidence {
    UNCONFIRMED,
    PROBABLE,
    CONFIRMED
}
