package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What a caller asks when it grants a case or scam centre to a country: the country, the handling
 * code, whether the victims' contacts are disclosed (the owner only), and an expiry if any.
 */
public record ShareRequest(
        String country,
        HandlingCode handlingCode,
        boolean victimContacts,
        Optional<Instant> expireTime) {

    public static ShareRequest of(
            String country, HandlingCode handlingCode, Optional<Instant> expireTime) {
        return new ShareRequest(country, handlingCode, false, expireTime);
    }
}
