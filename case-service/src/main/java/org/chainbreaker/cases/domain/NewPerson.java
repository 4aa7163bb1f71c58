package org.chainbreaker.cases.domain;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/** A person as the owner asks to link it to a case, checked field by field. */
public record NewPerson(
        PersonRole role,
        String fullName,
        String nationality,
        OptionalInt birthYear,
        String description,
        Optional<String> contact) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public static NewPerson of(
            PersonRole role,
            String fullName,
            String nationality,
            int birthYear,
            String description,
            String contact,
            int currentYear) {
        String country =
                nationality == null ? "" : nationality.strip().toUpperCase(java.util.Locale.ROOT);
        new FieldChecks()
                .require(role != null, "person.role", "is required: SUSPECT or VICTIM")
                .text(fullName, "person.full_name", 1)
                .require(
                        country.isEmpty() || COUNTRY.matcher(country).matches(),
                        "person.nationality",
                        "must be an ISO 3166-1 alpha-2 code, e.g. TH")
                .require(
                        birthYear == 0 || (birthYear >= 1900 && birthYear <= currentYear),
                        "person.birth_year",
                        "must be between 1900 and " + currentYear + ", or 0 when unknown")
                .optionalText(description, "person.description")
                .optionalText(contact, "person.contact")
                .throwIfAny();
        return new NewPerson(
                role,
                fullName.strip(),
                country,
                birthYear == 0 ? OptionalInt.empty() : OptionalInt.of(birthYear),
                description == null ? "" : description,
                contact == null || contact.isBlank()
                        ? Optional.empty()
                        : Optional.of(contact.strip()));
    }
}
