package org.chainbreaker.repatriation.domain;

/** An officer escorting the persons, of the sending or the receiving country. */
public record Escort(String name, String country) {

    public Escort {
        name = name == null ? "" : name;
        country = country == null ? "" : country;
    }
}
