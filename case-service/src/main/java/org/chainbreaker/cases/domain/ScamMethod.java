package org.chainbreaker.cases.domain;

/** The story the scammers told. */
public enum ScamMethod {
    INVESTMENT,
    ROMANCE,
    IMPERSONATION_OF_OFFICIALS,
    JOB_OFFER,
    ONLINE_SHOPPING,
    LOAN,
    SEXTORTION,
    OTHER_METHOD
}
