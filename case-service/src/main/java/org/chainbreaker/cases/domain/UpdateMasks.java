package org.chainbreaker.cases.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainbreaker.platform.errors.FieldChecks;

/** The paths of an update mask, canonical (the JSON mapping spells them in lowerCamelCase). */
public final class UpdateMasks {

    private UpdateMasks() {}

    /**
     * The named paths, every allowed one when the mask is empty; an unknown path is a violation of
     * update_mask.
     */
    public static Set<String> paths(
            List<String> paths,
            Set<String> allowed,
            Map<String, String> jsonNames,
            FieldChecks checks) {
        Set<String> mask = new LinkedHashSet<>();
        for (String path : paths) {
            String p = path.strip();
            String canonical = jsonNames.getOrDefault(p, p);
            checks.require(
                    allowed.contains(canonical),
                    "update_mask",
                    "unknown or read-only path '"
                            + p
                            + "': allowed are "
                            + String.join(", ", allowed.stream().sorted().toList()));
            mask.add(canonical);
        }
        return mask.isEmpty() ? allowed : mask;
    }
}
