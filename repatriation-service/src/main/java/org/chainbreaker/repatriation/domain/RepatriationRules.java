package org.chainbreaker.repatriation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * The field rules of a repatriation and its plan, refusing impossible plans with one violation per
 * wrong field (named by its proto path, e.g. {@code legs[1].departure_airport}), and the conditions
 * for scheduling.
 */
public final class RepatriationRules {

    public static final int MAX_TRANSIT = 5;
    public static final int MAX_CASES = 20;
    public static final int MAX_PERSONS = 500;
    public static final int MAX_LEGS = 10;
    public static final int MAX_ESCORTS = 20;
    public static final int MAX_VICTIMS = 5000;

    /** Escorts a suspect needs unless both sides waived it. */
    public static final int SUSPECT_ESCORTS = 2;

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern IATA = Pattern.compile("[A-Z]{3}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern FLIGHT = Pattern.compile("[A-Z0-9]{1,8}( ?[A-Z0-9]{1,8})?");
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private RepatriationRules() {}

    /**
     * The rules of a new repatriation ({@code prefix} is the message's field path, e.g. {@code
     * repatriation.}). {@code knownTenant} tells whether a code is a tenant of this deployment.
     */
    public static void check(
            NewRepatriation r,
            String prefix,
            java.util.function.Predicate<String> knownTenant,
            FieldChecks checks) {
        checks.require(r.kind() != null, prefix + "kind", "is required");
        country(r.sendingCountry(), prefix + "sending_country", knownTenant, checks);
        country(r.receivingCountry(), prefix + "receiving_country", knownTenant, checks);
        checks.require(
                r.sendingCountry().isEmpty() || !r.sendingCountry().equals(r.receivingCountry()),
                prefix + "receiving_country",
                "must differ from sending_country");
        checks.require(
                r.transitCountries().size() <= MAX_TRANSIT,
                prefix + "transit_countries",
                "at most " + MAX_TRANSIT);
        Set<String> transit = new HashSet<>();
        for (int i = 0; i < r.transitCountries().size(); i++) {
            String code = r.transitCountries().get(i);
            String field = prefix + "transit_countries[" + i + "]";
            country(code, field, knownTenant, checks);
            checks.require(
                    !code.equals(r.sendingCountry()) && !code.equals(r.receivingCountry()),
                    field,
                    "must be neither the sending nor the receiving country");
            checks.require(transit.add(code), field, "is listed twice");
        }
        checks.require(
                r.caseIds().size() <= MAX_CASES, prefix + "case_ids", "at most " + MAX_CASES);
        for (int i = 0; i < r.caseIds().size(); i++) {
            checks.require(
                    CASE_ID.matcher(r.caseIds().get(i)).matches(),
                    prefix + "case_ids[" + i + "]",
                    "must be 1 to 100 letters, digits or ._:-");
        }
        if (r.kind() != null) {
            if (r.kind().movesASuspect()) {
                checks.require(
                        r.victimGroup().isNone(),
                        prefix + "victim_group",
                        "is only for victim returns");
            } else {
                checks.require(
                        r.wantedPersonId().isEmpty(),
                        prefix + "wanted_person_id",
                        "a victim return names no wanted person");
                victimGroup(r.victimGroup(), prefix + "victim_group.", checks);
            }
        }
        logistics(
                r.logistics(),
                prefix + "logistics.",
                r.kind(),
                r.sendingCountry(),
                r.receivingCountry(),
                checks);
    }

    private static void victimGroup(VictimGroup g, String prefix, FieldChecks checks) {
        checks.require(
                g.count() >= 1 && g.count() <= MAX_VICTIMS,
                prefix + "count",
                "must be 1 to " + MAX_VICTIMS);
        checks.require(g.nationalities().size() <= 20, prefix + "nationalities", "at most 20");
        for (int i = 0; i < g.nationalities().size(); i++) {
            checks.require(
                    COUNTRY.matcher(g.nationalities().get(i)).matches(),
                    prefix + "nationalities[" + i + "]",
                    "must be an ISO 3166-1 alpha-2 code");
        }
        checks.require(g.languages().size() <= 20, prefix + "languages", "at most 20");
        for (int i = 0; i < g.languages().size(); i++) {
            checks.require(
                    LANGUAGE.matcher(g.languages().get(i)).matches(),
                    prefix + "languages[" + i + "]",
                    "must be an ISO 639 code");
        }
        checks.require(g.supportNeeds().size() <= 20, prefix + "support_needs", "at most 20");
        for (int i = 0; i < g.supportNeeds().size(); i++) {
            checks.text(g.supportNeeds().get(i), prefix + "support_needs[" + i + "]", 1);
        }
    }

    /**
     * The rules of a plan ({@code prefix} e.g. {@code logistics.}); the kind may be null if itself
     * invalid.
     */
    public static void logistics(
            Logistics l,
            String prefix,
            Kind kind,
            String sending,
            String receiving,
            FieldChecks checks) {
        checks.require(
                l.persons().size() <= MAX_PERSONS, prefix + "persons", "at most " + MAX_PERSONS);
        if (kind != null && kind.movesASuspect()) {
            checks.require(
                    l.persons().size() <= 1,
                    prefix + "persons",
                    "a " + kind.name() + " moves one suspect");
        }
        for (int i = 0; i < l.persons().size(); i++) {
            person(l.persons().get(i), prefix + "persons[" + i + "].", kind, checks);
        }
        checks.require(l.legs().size() <= MAX_LEGS, prefix + "legs", "at most " + MAX_LEGS);
        Leg previous = null;
        for (int i = 0; i < l.legs().size(); i++) {
            Leg leg = l.legs().get(i);
            String p = prefix + "legs[" + i + "].";
            checks.text(leg.carrier(), p + "carrier", 1);
            checks.require(
                    FLIGHT.matcher(leg.flightNumber()).matches(),
                    p + "flight_number",
                    "must be 1 to 20 upper-case letters and digits (e.g. GA 821)");
            boolean departureAirport = IATA.matcher(leg.departureAirport()).matches();
            boolean arrivalAirport = IATA.matcher(leg.arrivalAirport()).matches();
            checks.require(
                    departureAirport,
                    p + "departure_airport",
                    "must be an IATA airport code (3 upper-case letters)");
            checks.require(
                    arrivalAirport,
                    p + "arrival_airport",
                    "must be an IATA airport code (3 upper-case letters)");
            checks.require(
                    !departureAirport || !leg.departureAirport().equals(leg.arrivalAirport()),
                    p + "arrival_airport",
                    "must differ from departure_airport");
            checks.require(leg.departureTime() != null, p + "departure_time", "is required");
            checks.require(leg.arrivalTime() != null, p + "arrival_time", "is required");
            if (leg.departureTime() != null && leg.arrivalTime() != null) {
                checks.require(
                        leg.arrivalTime().isAfter(leg.departureTime()),
                        p + "arrival_time",
                        "must be after departure_time");
            }
            if (previous != null) {
                String before = prefix + "legs[" + (i - 1) + "]";
                checks.require(
                        !departureAirport
                                || leg.departureAirport().equals(previous.arrivalAirport()),
                        p + "departure_airport",
                        "must be " + previous.arrivalAirport() + ", where " + before + " arrives");
                if (leg.departureTime() != null && previous.arrivalTime() != null) {
                    checks.require(
                            leg.departureTime().isAfter(previous.arrivalTime()),
                            p + "departure_time",
                            "must be after " + before + " arrives");
                }
            }
            previous = leg;
        }
        checks.require(
                l.escorts().size() <= MAX_ESCORTS, prefix + "escorts", "at most " + MAX_ESCORTS);
        for (int i = 0; i < l.escorts().size(); i++) {
            Escort e = l.escorts().get(i);
            String p = prefix + "escorts[" + i + "].";
            checks.text(e.name(), p + "name", 1);
            checks.require(
                    e.country().equals(sending) || e.country().equals(receiving),
                    p + "country",
                    "must be the sending or the receiving country");
        }
    }

    private static void person(Person person, String p, Kind kind, FieldChecks checks) {
        checks.require(person.role() != null, p + "role", "is required");
        if (kind != null && person.role() != null) {
            Person.Role expected = kind.movesASuspect() ? Person.Role.SUSPECT : Person.Role.VICTIM;
            checks.require(
                    person.role() == expected,
                    p + "role",
                    "must be " + expected + " for a " + kind.name());
        }
        checks.text(person.fullName(), p + "full_name", 1);
        checks.require(
                COUNTRY.matcher(person.nationality()).matches(),
                p + "nationality",
                "must be an ISO 3166-1 alpha-2 code");
        checks.require(person.languages().size() <= 10, p + "languages", "at most 10");
        for (int i = 0; i < person.languages().size(); i++) {
            checks.require(
                    LANGUAGE.matcher(person.languages().get(i)).matches(),
                    p + "languages[" + i + "]",
                    "must be an ISO 639 code");
        }
        checks.require(person.supportNeeds().size() <= 10, p + "support_needs", "at most 10");
        for (int i = 0; i < person.supportNeeds().size(); i++) {
            checks.text(person.supportNeeds().get(i), p + "support_needs[" + i + "]", 1);
        }
        TravelDocument d = person.travelDocument();
        String dp = p + "travel_document.";
        if (d == null) {
            checks.require(false, p + "travel_document", "is required");
            return;
        }
        checks.require(d.type() != null, dp + "type", "is required");
        checks.require(d.status() != null, dp + "status", "is required");
        checks.require(
                d.status() != TravelDocument.Status.ISSUED || !d.number().isEmpty(),
                dp + "number",
                "is required once the document is ISSUED");
        checks.optionalText(d.number(), dp + "number");
    }

    private static void country(
            String code,
            String field,
            java.util.function.Predicate<String> knownTenant,
            FieldChecks checks) {
        if (code.isEmpty()) {
            checks.require(false, field, "is required");
        } else {
            checks.require(
                    COUNTRY.matcher(code).matches() && knownTenant.test(code),
                    field,
                    "must be the code of a participating country");
        }
    }

    /**
     * What a CLEARED repatriation lacks before it can be scheduled at {@code now}, each piece named
     * (empty if nothing): persons, as many as a victim group counts, issued documents, legs
     * departing in the future, escorts.
     */
    public static List<String> missingToSchedule(Repatriation r, Instant now) {
        List<String> missing = new ArrayList<>();
        Logistics l = r.logistics();
        if (l.persons().isEmpty()) {
            missing.add("no persons are listed");
        }
        if (r.kind() == Kind.VICTIM_RETURN
                && !l.persons().isEmpty()
                && l.persons().size() != r.victimGroup().count()) {
            missing.add(
                    "the victim group counts "
                            + r.victimGroup().count()
                            + " but "
                            + l.persons().size()
                            + " persons are listed (correct logistics.victim_count or the persons)");
        }
        for (int i = 0; i < l.persons().size(); i++) {
            if (l.persons().get(i).travelDocument().status() != TravelDocument.Status.ISSUED) {
                missing.add("logistics.persons[" + i + "].travel_document is not ISSUED");
            }
        }
        if (l.legs().isEmpty()) {
            missing.add("the itinerary has no legs");
        } else if (!l.legs().getFirst().departureTime().isAfter(now)) {
            // Legs are contiguous in time, so the first one departing in the future means all do.
            missing.add(
                    "logistics.legs[0].departure_time ("
                            + l.legs().getFirst().departureTime()
                            + ") is not in the future: a journey is scheduled before it departs");
        }
        if (r.kind().movesASuspect()
                && !r.escortsWaived()
                && l.escorts().size() < SUSPECT_ESCORTS) {
            missing.add(
                    "a suspect needs at least "
                            + SUSPECT_ESCORTS
                            + " escorts unless both sides waive it");
        }
        if (r.fugitiveCheck() == FugitiveCheck.PENDING
                || r.fugitiveCheck() == FugitiveCheck.REFUSED) {
            missing.add("the wanted person's check is " + r.fugitiveCheck());
        }
        return missing;
    }

    /**
     * The rules of a custody handover: after the last leg arrives and after the journey started
     * (which bound it from below), not in the future (a minute's clock difference between countries
     * is accepted).
     */
    public static void handover(Handover h, Repatriation r, Instant now, FieldChecks checks) {
        checks.text(h.place(), "handover.place", 1);
        checks.text(h.handingOfficer(), "handover.handing_officer", 1);
        checks.text(h.receivingOfficer(), "handover.receiving_officer", 1);
        checks.require(h.time() != null, "handover.handover_time", "is required");
        if (h.time() != null) {
            checks.require(
                    !h.time().isAfter(now.plusSeconds(60)),
                    "handover.handover_time",
                    "must not be in the future");
            List<Leg> legs = r.logistics().legs();
            if (!legs.isEmpty() && legs.getLast().arrivalTime() != null) {
                checks.require(
                        h.time().isAfter(legs.getLast().arrivalTime()),
                        "handover.handover_time",
                        "must be after logistics.legs["
                                + (legs.size() - 1)
                                + "].arrival_time ("
                                + legs.getLast().arrivalTime()
                                + "), the last arrival");
            }
            r.transitStart()
                    .ifPresent(
                            started ->
                                    checks.require(
                                            h.time().isAfter(started),
                                            "handover.handover_time",
                                            "must be after the journey started (" + started + ")"));
        }
    }
}
