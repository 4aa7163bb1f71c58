package org.chainbreaker.repatriation.domain;

/** What kind of move a repatriation is. */
public enum Kind {
    SUSPECT_TRANSFER,
    EXTRADITION,
    DEPORTATION,
    VICTIM_RETURN;

    /**
     * A suspect in custody travels (and needs escorts); otherwise a group of victims returns home.
     */
    public boolean movesASuspect() {
        return this != VICTIM_RETURN;
    }
}
