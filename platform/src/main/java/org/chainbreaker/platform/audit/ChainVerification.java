package org.chainbreaker.platform.audit;

import java.util.OptionalLong;

/** The result of recomputing the audit chain: how many entries were checked, and the first broken one if any. */
public record ChainVerification(long checked, OptionalLong firstBroken) {

    public boolean intact() {
        return firstBroken.isEmpty();
    }
}
