package org.chainbreaker.repatriation.domain;

/** The two countries that must both agree to a repatriation. */
public enum Side {
    SENDING,
    RECEIVING
}
