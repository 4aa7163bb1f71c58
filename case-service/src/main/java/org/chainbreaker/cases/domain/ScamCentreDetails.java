package org.chainbreaker.cases.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * What is recorded about a scam centre, checked field by field (field names are the request's proto
 * paths): where it is, who runs it, how many people are held there.
 */
public record ScamCentreDetails(
        String name,
        String country,
        String province,
        String city,
        Optional<Coordinates> coordinates,
        String operatingGroup,
        int peopleHeld,
        String description) {

    /** WGS84 coordinates. */
    public record Coordinates(double latitude, double longitude) {}

    /** The fields as a client sent them, unchecked ({@code coordinates} null when unset). */
    public record Draft(
            String name,
            String country,
            String province,
            String city,
            Coordinates coordinates,
            String operatingGroup,
            int peopleHeld,
            String description) {

        public ScamCentreDetails check(FieldChecks checks) {
            return ScamCentreDetails.check(
                    name,
                    country,
                    province,
                    city,
                    coordinates,
                    operatingGroup,
                    peopleHeld,
                    description,
                    checks);
        }

        /**
         * This draft's fields named by the mask over the current details ("location" names all of
         * it, and "location.city" or "location.coordinates.latitude" one part, as the REST face
         * derives a mask from a PATCH body's leaves).
         */
        public Draft over(ScamCentreDetails current, Set<String> mask) {
            boolean location = mask.contains("location");
            return new Draft(
                    mask.contains("name") ? name : current.name(),
                    location || mask.contains("location.country") ? country : current.country(),
                    location || mask.contains("location.province") ? province : current.province(),
                    location || mask.contains("location.city") ? city : current.city(),
                    location || mask.contains("location.coordinates")
                            ? coordinates
                            : coordinatesOver(current, mask),
                    mask.contains("operating_group") ? operatingGroup : current.operatingGroup(),
                    mask.contains("estimated_people_held") ? peopleHeld : current.peopleHeld(),
                    mask.contains("description") ? description : current.description());
        }

        private Coordinates coordinatesOver(ScamCentreDetails current, Set<String> mask) {
            boolean latitude = mask.contains("location.coordinates.latitude");
            boolean longitude = mask.contains("location.coordinates.longitude");
            Coordinates now = current.coordinates().orElse(null);
            if (!latitude && !longitude) {
                return now;
            }
            Coordinates sent = coordinates == null ? new Coordinates(0, 0) : coordinates;
            Coordinates base = now == null ? new Coordinates(0, 0) : now;
            return new Coordinates(
                    latitude ? sent.latitude() : base.latitude(),
                    longitude ? sent.longitude() : base.longitude());
        }
    }

    /** The paths an update mask may name. */
    public static final Set<String> PATHS =
            Set.of(
                    "name",
                    "location",
                    "operating_group",
                    "estimated_people_held",
                    "description",
                    "location.country",
                    "location.province",
                    "location.city",
                    "location.coordinates",
                    "location.coordinates.latitude",
                    "location.coordinates.longitude");

    private static final Map<String, String> JSON_NAMES =
            Map.of(
                    "operatingGroup",
                    "operating_group",
                    "estimatedPeopleHeld",
                    "estimated_people_held");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * Checks every field of a centre as a client sent it ({@code coordinates} null when unset) and
     * adds the violations to {@code checks}; answers the normalised details, to be used only once
     * {@code checks} passed.
     */
    public static ScamCentreDetails check(
            String name,
            String country,
            String province,
            String city,
            Coordinates coordinates,
            String operatingGroup,
            int peopleHeld,
            String description,
            FieldChecks checks) {
        String code = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        checks.text(name, "scam_centre.name", 1)
                .require(
                        COUNTRIES.contains(code),
                        "scam_centre.location.country",
                        "must be an ISO 3166-1 alpha-2 country code, e.g. MM")
                .optionalText(province, "scam_centre.location.province")
                .optionalText(city, "scam_centre.location.city")
                .optionalText(operatingGroup, "scam_centre.operating_group")
                .optionalText(description, "scam_centre.description");
        if (coordinates != null) {
            checks.require(
                            Double.isFinite(coordinates.latitude())
                                    && Math.abs(coordinates.latitude()) <= 90,
                            "scam_centre.location.coordinates.latitude",
                            "must be a number from -90 to 90")
                    .require(
                            Double.isFinite(coordinates.longitude())
                                    && Math.abs(coordinates.longitude()) <= 180,
                            "scam_centre.location.coordinates.longitude",
                            "must be a number from -180 to 180");
        }
        return new ScamCentreDetails(
                strip(name),
                code,
                strip(province),
                strip(city),
                Optional.ofNullable(coordinates),
                strip(operatingGroup),
                peopleHeld,
                description == null ? "" : description);
    }

    /** The paths of an update mask, canonical; every editable field when the mask is empty. */
    public static Set<String> mask(List<String> paths, FieldChecks checks) {
        return UpdateMasks.paths(paths, PATHS, JSON_NAMES, checks);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
