package org.chainbreaker.cases.domain;

/** How a person is linked to a case. */
public enum PersonRole {
    SUSPECT,
    VICTIM
}
