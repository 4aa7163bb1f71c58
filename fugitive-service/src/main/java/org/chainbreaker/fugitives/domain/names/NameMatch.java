package org.chainbreaker.fugitives.domain.names;

import java.util.List;

/** How well two identities match, 0 to 1, and why, in words an officer can check. */
public record NameMatch(double score, List<String> reasons) {

    public NameMatch {
        reasons = List.copyOf(reasons);
    }
}
