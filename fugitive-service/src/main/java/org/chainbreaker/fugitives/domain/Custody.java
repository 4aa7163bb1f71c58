package org.chainbreaker.fugitives.domain;

/** Whether a wanted person is still at large. */
public enum Custody {
    AT_LARGE,
    ARRESTED
}
