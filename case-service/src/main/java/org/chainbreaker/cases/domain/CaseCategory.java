package org.chainbreaker.cases.domain;

/** The kind of crime a case is about. */
public enum CaseCategory {
    ONLINE_SCAM,
    INVESTMENT_FRAUD,
    ROMANCE_SCAM,
    VOICE_PHISHING,
    HUMAN_TRAFFICKING,
    MONEY_LAUNDERING,
    CYBERCRIME,
    DRUG_TRAFFICKING,
    OTHER
}
