package org.chainbreaker.repatriation.domain;

/** Where the check of the linked wanted person in the fugitive-service stands. */
public enum FugitiveCheck {
    /** No wanted person is linked. */
    NOT_APPLICABLE,
    /** The fugitive-service could not answer yet; checked again later. Blocks submission. */
    PENDING,
    /** The wanted person is recorded as arrested. */
    CONFIRMED,
    /** The fugitive-service answered later that the person is not arrested or not visible. */
    REFUSED
}
