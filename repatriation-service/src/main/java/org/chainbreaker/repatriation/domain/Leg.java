package org.chainbreaker.repatriation.domain;

import java.time.Instant;

/**
 * One leg of the journey, in UTC. Times may be null when a request left them unset (validation
 * refuses that).
 */
public record Leg(
        String carrier,
        String flightNumber,
        String departureAirport,
        String arrivalAirport,
        Instant departureTime,
        Instant arrivalTime) {

    public Leg {
        carrier = carrier == null ? "" : carrier;
        flightNumber = flightNumber == null ? "" : flightNumber;
        departureAirport = departureAirport == null ? "" : departureAirport;
        arrivalAirport = arrivalAirport == null ? "" : arrivalAirport;
    }
}
