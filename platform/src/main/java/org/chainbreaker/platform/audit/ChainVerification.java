package org.chainbreaker.platform.audit;

import java.util.OptionalLong;

/**
 * The result of recomputing the whole kept audit chain, told as the caller may know it: how many of
 * the entries it may read (its own actions, entries about its records) were checked, whether the
 * chain is intact, and the first broken entry if the caller may read that one. The size of the
 * other countries' trail is not the caller's business.
 */
public record ChainVerification(long checked, boolean intact, OptionalLong firstBroken) {

    /** For the audit entry of the verification itself. */
    public String summary() {
        return intact
                ? "intact"
                : firstBroken.isPresent() ? "broken at " + firstBroken.getAsLong() : "broken";
    }
}
