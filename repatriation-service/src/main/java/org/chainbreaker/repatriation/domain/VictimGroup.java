package org.chainbreaker.repatriation.domain;

import java.util.List;

/** A group of victims as known when the return is requested. */
public record VictimGroup(
        int count, List<String> nationalities, List<String> languages, List<String> supportNeeds) {

    public static final VictimGroup NONE = new VictimGroup(0, List.of(), List.of(), List.of());

    public VictimGroup {
        nationalities = List.copyOf(nationalities);
        languages = List.copyOf(languages);
        supportNeeds = List.copyOf(supportNeeds);
    }

    /** The group without its support needs, for a country that only lets it pass through. */
    public VictimGroup withoutSupportNeeds() {
        return new VictimGroup(count, nationalities, languages, List.of());
    }

    public boolean isNone() {
        return count == 0
                && nationalities.isEmpty()
                && languages.isEmpty()
                && supportNeeds.isEmpty();
    }
}
