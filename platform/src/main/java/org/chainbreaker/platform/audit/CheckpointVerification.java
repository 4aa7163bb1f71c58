package org.chainbreaker.platform.audit;

import java.util.OptionalLong;

/**
 * What a country's saved checkpoints say of the audit chain today.
 *
 * @param chainIntact the plain recomputation of the kept chain (which a consistent rewrite passes)
 * @param checked how many of the checkpoints given were compared with the chain
 * @param retired checkpoints whose entry retention has removed since (nothing left to compare)
 * @param firstFailing the number of the first checkpoint (in the order of their numbers) that no
 *     longer holds: its entry is gone before its time or has another hash
 */
public record CheckpointVerification(
        boolean chainIntact, int checked, int retired, OptionalLong firstFailing) {

    public boolean holds() {
        return chainIntact && firstFailing.isEmpty();
    }
}
