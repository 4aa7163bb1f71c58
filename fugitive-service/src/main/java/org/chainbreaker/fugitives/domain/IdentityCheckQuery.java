package org.chainbreaker.fugitives.domain;

import java.util.Optional;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A hit/no-hit identity check as the caller asks it: a name or a document number (or both), a date
 * of birth (zero parts unknown) and the purpose the owners are told.
 */
public record IdentityCheckQuery(
        String name, PartialDate dateOfBirth, String documentNumber, String purpose) {

    /**
     * A check as it runs: the name stripped if one was given, the date checked, the document number
     * normalised ("" for none), the purpose stripped.
     */
    public record Checked(
            Optional<String> name, PartialDate dateOfBirth, String document, String purpose) {}

    /** Checks the fields: a purpose of three characters at least, and a name or a document. */
    public Checked check(int currentYear) {
        boolean hasName = name != null && !name.isBlank();
        boolean hasDocument = documentNumber != null && !documentNumber.isBlank();
        FieldChecks checks =
                new FieldChecks()
                        .text(purpose, "purpose", 3)
                        .require(
                                hasName || hasDocument,
                                "name",
                                "a name or a document number is required")
                        .optionalText(name, "name", WantedPersonDetails.MAX_NAME)
                        .optionalText(documentNumber, "document_number", 50);
        if (hasName) {
            NameSearchQuery.readable(checks, name);
        }
        Optional<PartialDate> dob = NameSearchQuery.checkedDate(dateOfBirth, currentYear, checks);
        checks.throwIfAny();
        return new Checked(
                hasName ? Optional.of(name.strip()) : Optional.empty(),
                dob.orElseThrow(),
                hasDocument ? IdentityDocument.normalize(documentNumber) : "",
                purpose.strip());
    }
}
