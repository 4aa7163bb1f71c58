package org.chainbreaker.cases.domain;

import java.time.Instant;

/**
 * A grant of a case to one partner country, under a handling code; {@code victimContacts} discloses the contact
 * details of the case's victims to the partner (effective under H0 and H1 only, see {@link VictimProtection}).
 */
public record Share(String country, HandlingCode handlingCode, String sharedBy, Instant shareTime,
                    boolean victimContacts) {

    public Share(String country, HandlingCode handlingCode, String sharedBy, Instant shareTime) {
        this(country, handlingCode, sharedBy, shareTime, false);
    }
}
