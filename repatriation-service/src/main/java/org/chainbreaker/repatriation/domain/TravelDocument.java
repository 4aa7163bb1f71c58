package org.chainbreaker.repatriation.domain;

/** The document a person travels on, and where it stands. */
public record TravelDocument(Type type, Status status, String number) {

    public enum Type {
        PASSPORT,
        EMERGENCY_TRAVEL_DOCUMENT,
        LAISSEZ_PASSER
    }

    public enum Status {
        NEEDED,
        REQUESTED,
        ISSUED
    }

    public TravelDocument {
        number = number == null ? "" : number.strip();
    }
}
