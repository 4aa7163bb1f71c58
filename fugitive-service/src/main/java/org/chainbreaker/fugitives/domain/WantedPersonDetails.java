package org.chainbreaker.fugitives.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.chainbreaker.fugitives.domain.names.Scripts;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * What the owner says about a wanted person: everything a client may write, checked field by field.
 */
public record WantedPersonDetails(
        PersonName primaryName,
        List<PersonName> aliases,
        Optional<Sex> sex,
        PartialDate dateOfBirth,
        List<String> nationalities,
        List<String> identifyingMarks,
        List<IdentityDocument> documents,
        List<String> charges,
        Warrant warrant,
        Set<RiskFlag> riskFlags,
        String photoReference) {

    public static final int MAX_NAME = 200;
    public static final int MAX_LIST = 20;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern SCRIPT = Pattern.compile("[A-Z][a-z]{3}");

    public WantedPersonDetails {
        aliases = List.copyOf(aliases);
        nationalities = List.copyOf(nationalities);
        identifyingMarks = List.copyOf(identifyingMarks);
        documents = List.copyOf(documents);
        charges = List.copyOf(charges);
        riskFlags = Set.copyOf(riskFlags);
    }

    /** Every name, primary first. */
    public List<PersonName> names() {
        List<PersonName> all = new ArrayList<>(aliases.size() + 1);
        all.add(primaryName);
        all.addAll(aliases);
        return all;
    }

    /**
     * Checks a wanted person as a client sent it. {@code prefix} is the proto path of the message
     * (e.g. "wanted_person"); null enum values stand for unset or unknown values. Every violation
     * is reported at once.
     */
    public static WantedPersonDetails of(
            String prefix,
            PersonName primaryName,
            List<PersonName> aliases,
            Sex sex,
            int birthYear,
            int birthMonth,
            int birthDay,
            int currentYear,
            List<String> nationalities,
            List<String> marks,
            List<IdentityDocument> documents,
            List<String> charges,
            Warrant warrant,
            List<RiskFlag> riskFlags,
            String photoReference) {
        FieldChecks checks = new FieldChecks();
        String p = prefix + ".";
        checks.require(primaryName != null, p + "primary_name", "is required");
        if (primaryName != null) {
            checkName(checks, p + "primary_name", primaryName);
        }
        checks.require(
                aliases.size() <= MAX_LIST,
                p + "aliases",
                "must have at most " + MAX_LIST + " names");
        for (int i = 0; i < aliases.size() && i < MAX_LIST; i++) {
            checkName(checks, p + "aliases[" + i + "]", aliases.get(i));
        }
        Optional<PartialDate> dob =
                PartialDate.check(
                        birthYear, birthMonth, birthDay, p + "date_of_birth", currentYear, checks);
        checks.require(
                nationalities.size() <= 5, p + "nationalities", "must have at most 5 countries");
        for (int i = 0; i < nationalities.size(); i++) {
            checks.require(
                    COUNTRY.matcher(nationalities.get(i)).matches(),
                    p + "nationalities[" + i + "]",
                    "must be an ISO 3166-1 alpha-2 code, e.g. KR");
        }
        checkTexts(checks, p + "identifying_marks", marks, 0, 200);
        checks.require(
                documents.size() <= MAX_LIST,
                p + "documents",
                "must have at most " + MAX_LIST + " documents");
        for (int i = 0; i < documents.size() && i < MAX_LIST; i++) {
            IdentityDocument d = documents.get(i);
            String f = p + "documents[" + i + "]";
            checks.require(
                    d.type() != null,
                    f + ".type",
                    "is required: one of " + Arrays.toString(DocumentType.values()));
            // A withheld number reads as empty; whether it may be kept is the record's rule.
            if (!d.numberWithheld()) {
                checks.text(d.number(), f + ".number", 1);
            }
            checks.require(
                    d.issuingCountry() == null
                            || d.issuingCountry().isEmpty()
                            || COUNTRY.matcher(d.issuingCountry()).matches(),
                    f + ".issuing_country",
                    "must be an ISO 3166-1 alpha-2 code, e.g. KR");
        }
        checks.require(!charges.isEmpty(), p + "charges", "at least one charge is required");
        checkTexts(checks, p + "charges", charges, 1, 200);
        checks.require(warrant != null, p + "warrant", "is required");
        if (warrant != null) {
            checks.text(warrant.reference(), p + "warrant.reference", 1)
                    .text(warrant.issuingAuthority(), p + "warrant.issuing_authority", 1);
        }
        checks.require(
                riskFlags.stream().allMatch(r -> r != null),
                p + "risk_flags",
                "must be among " + Arrays.toString(RiskFlag.values()));
        checks.optionalText(photoReference, p + "photo_reference");
        checks.throwIfAny();
        return new WantedPersonDetails(
                normalised(primaryName),
                aliases.stream().map(WantedPersonDetails::normalised).toList(),
                Optional.ofNullable(sex),
                dob.orElseThrow(),
                nationalities,
                marks.stream().map(String::strip).toList(),
                documents.stream()
                        .map(
                                d ->
                                        new IdentityDocument(
                                                d.type(),
                                                d.number().strip(),
                                                d.issuingCountry() == null
                                                        ? ""
                                                        : d.issuingCountry(),
                                                d.numberWithheld()))
                        .toList(),
                charges.stream().map(String::strip).toList(),
                new Warrant(warrant.reference().strip(), warrant.issuingAuthority().strip()),
                new LinkedHashSet<>(riskFlags),
                photoReference == null ? "" : photoReference);
    }

    private static void checkName(FieldChecks checks, String field, PersonName name) {
        checks.text(name.value(), field + ".value", 1);
        checks.require(
                name.script() == null
                        || name.script().isEmpty()
                        || SCRIPT.matcher(name.script()).matches(),
                field + ".script",
                "must be an ISO 15924 code such as Hang, Thai, Latn, Khmr, Mymr, Hani");
    }

    private static void checkTexts(
            FieldChecks checks, String field, List<String> values, int min, int max) {
        checks.require(
                values.size() <= MAX_LIST, field, "must have at most " + MAX_LIST + " entries");
        for (int i = 0; i < values.size() && i < MAX_LIST; i++) {
            checks.text(values.get(i), field + "[" + i + "]", Math.max(min, 1), max);
        }
    }

    /** The script is detected from the text when the client did not state it. */
    private static PersonName normalised(PersonName name) {
        String value = name.value().strip();
        String script =
                name.script() == null || name.script().isEmpty()
                        ? Scripts.detect(value)
                        : name.script();
        return new PersonName(value, script);
    }
}
