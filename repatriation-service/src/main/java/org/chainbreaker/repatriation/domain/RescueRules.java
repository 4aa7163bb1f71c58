package org.chainbreaker.repatriation.domain;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.PermissionDeniedException;

/**
 * What makes a rescue request, its acknowledgement and its outcome acceptable, field by field, and
 * who may act.
 */
public final class RescueRules {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> RAISERS = Set.of("liaison", "admin");

    private RescueRules() {}

    /** A new request from {@code requesting}. */
    public static void check(
            String requesting,
            RescueRequest.Raise raise,
            Predicate<String> knownTenant,
            FieldChecks checks) {
        String host = raise.hostCountry();
        RescueRequest.Location location = raise.location();
        int estimatedPeople = raise.estimatedPeople();
        List<String> nationalities = raise.nationalities();
        String source = raise.source();
        String p = "rescue_request.";
        checks.require(knownTenant.test(host), p + "host_country", "must be a tenant code")
                // A coordinator (INTERPOL, ASEANAPOL) is a tenant without territory: nobody is
                // rescued "in" it, and a
                // victim return from it would name it as the sending country.
                .require(
                        !knownTenant.test(host) || COUNTRY.matcher(host).matches(),
                        p + "host_country",
                        "must be a member country, not a coordinator")
                .require(
                        !host.equals(requesting),
                        p + "host_country",
                        "must be another country than yours")
                .require(
                        location.country().equals(host),
                        p + "location.country",
                        "must be the host country")
                .text(location.province(), p + "location.province", 1)
                .optionalText(location.description(), p + "location.description")
                .require(
                        location.latitude().map(l -> l >= -90 && l <= 90).orElse(true),
                        p + "location.coordinates.latitude",
                        "must be -90 to 90")
                .require(
                        location.longitude().map(l -> l >= -180 && l <= 180).orElse(true),
                        p + "location.coordinates.longitude",
                        "must be -180 to 180")
                .require(
                        estimatedPeople >= 1 && estimatedPeople <= 100000,
                        p + "estimated_people",
                        "must be 1 to 100000")
                .require(
                        !nationalities.isEmpty() && nationalities.size() <= 30,
                        p + "nationalities",
                        "must list 1 to 30 nationalities")
                .text(source, p + "source", 1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Math.min(nationalities.size(), 30); i++) {
            String n = nationalities.get(i);
            checks.require(
                            COUNTRY.matcher(n).matches(),
                            p + "nationalities[" + i + "]",
                            "must be an ISO 3166-1 alpha-2 code")
                    .require(seen.add(n), p + "nationalities[" + i + "]", "is listed twice");
        }
    }

    /**
     * An outcome; {@code today} is the latest possible rescue date. No groups at all is a raid that
     * found no one (the request is resolved, no return is opened).
     */
    public static void outcome(RescueRequest.Outcome outcome, LocalDate today, FieldChecks checks) {
        checks.require(
                        outcome.rescueDate() != null && !outcome.rescueDate().isAfter(today),
                        "outcome.rescue_date",
                        "is required and must not be in the future")
                .require(
                        outcome.rescued().size() <= 50,
                        "outcome.rescued",
                        "must list at most 50 groups");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Math.min(outcome.rescued().size(), 50); i++) {
            RescueRequest.RescuedGroup g = outcome.rescued().get(i);
            String f = "outcome.rescued[" + i + "].";
            checks.require(
                            COUNTRY.matcher(g.nationality()).matches(),
                            f + "nationality",
                            "must be an ISO 3166-1 alpha-2 code")
                    .require(seen.add(g.nationality()), f + "nationality", "is listed twice")
                    .require(
                            g.count() >= 1 && g.count() <= 100000,
                            f + "count",
                            "must be 1 to 100000");
        }
    }

    /**
     * The outcome of this request: not dated before the day it was raised, on the earliest calendar
     * of the Earth (UTC-12), as the host records the day in its own time zone.
     */
    public static void outcomeOf(
            RescueRequest request, RescueRequest.Outcome outcome, FieldChecks checks) {
        LocalDate raised =
                request.createTime().atOffset(java.time.ZoneOffset.ofHours(-12)).toLocalDate();
        checks.require(
                outcome.rescueDate() == null || !outcome.rescueDate().isBefore(raised),
                "outcome.rescue_date",
                "must not be before the request was raised (" + raised + ")");
    }

    /**
     * Raising a request: liaison officers (permanent channels between countries run through them).
     */
    public static void mayRaise(Set<String> roles) {
        if (roles.stream().noneMatch(RAISERS::contains)) {
            throw new PermissionDeniedException("raising a rescue request needs the liaison role");
        }
    }

    /** Acknowledging and recording the outcome: a liaison officer of the host country. */
    public static void hostLiaison(RescueRequest seen, String tenant, Set<String> roles) {
        if (!seen.hostCountry().equals(tenant)) {
            throw new PermissionDeniedException("only the host country acts on a rescue request");
        }
        if (!roles.contains("liaison")) {
            throw new PermissionDeniedException(
                    "this step needs the liaison role of the host country");
        }
    }
}
