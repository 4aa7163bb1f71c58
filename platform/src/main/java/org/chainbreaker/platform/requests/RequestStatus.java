package org.chainbreaker.platform.requests;

/**
 * Where a cooperation request stands. OPEN waits for the owner, QUESTIONED for the requester;
 * GRANTED, PARTIALLY_GRANTED, DECLINED and WITHDRAWN are final.
 */
public enum RequestStatus {
    OPEN,
    QUESTIONED,
    GRANTED,
    PARTIALLY_GRANTED,
    DECLINED,
    WITHDRAWN;

    public boolean isFinal() {
        return this != OPEN && this != QUESTIONED;
    }
}
