package org.chainbreaker.cases.domain;

import java.util.UUID;

/** A record that lives under a case (a lead, a technical analysis): its case and its own id. */
public record CaseRecordId(UUID caseId, UUID id) {}
