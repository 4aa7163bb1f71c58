package org.chainbreaker.repatriation.domain;

import java.util.List;

/**
 * A person to be moved. {@code role} and the document's type and status may be null when a request
 * left them unspecified (validation refuses that).
 */
public record Person(
        Role role,
        String fullName,
        String nationality,
        List<String> languages,
        List<String> supportNeeds,
        TravelDocument travelDocument) {

    public enum Role {
        SUSPECT,
        VICTIM
    }

    public Person {
        fullName = fullName == null ? "" : fullName;
        nationality = nationality == null ? "" : nationality;
        languages = List.copyOf(languages);
        supportNeeds = List.copyOf(supportNeeds);
    }

    /**
     * The person as transit countries see them: what the logistics need, without name and support
     * needs.
     */
    public Person withheld() {
        return new Person(role, "", nationality, languages, List.of(), travelDocument);
    }
}
