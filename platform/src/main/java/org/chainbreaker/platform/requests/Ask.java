package org.chainbreaker.platform.requests;

/** What a cooperation request asks the owner of a record for. */
public enum Ask {
    /** To see the record (a share or visibility grant to the requesting country). */
    INFORMATION,
    /** Permission to use what the requester holds as evidence in judicial proceedings. */
    EVIDENCE_USE,
    /** Permission to pass the record on to one named third country. */
    PASS_ON,
    /** A provisional arrest of the wanted person (fugitive notices only). */
    PROVISIONAL_ARREST,
    /** A transfer of the person (fugitive notices only). */
    TRANSFER
}
