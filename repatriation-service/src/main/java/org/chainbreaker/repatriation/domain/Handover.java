package org.chainbreaker.repatriation.domain;

import java.time.Instant;

/**
 * The custody handover at the end of the journey. {@code time} may be null in a request (validation
 * refuses it).
 */
public record Handover(String place, Instant time, String handingOfficer, String receivingOfficer) {

    public Handover {
        place = place == null ? "" : place;
        handingOfficer = handingOfficer == null ? "" : handingOfficer;
        receivingOfficer = receivingOfficer == null ? "" : receivingOfficer;
    }
}
