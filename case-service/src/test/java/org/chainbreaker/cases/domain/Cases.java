package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Records in memory for the pure rule tests. */
final class Cases {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    private Cases() {}

    static Case ownedBy(String owner, Share... shares) {
        return new Case(
                UUID.randomUUID(),
                owner + "-2026-000001",
                owner,
                "t",
                CaseCategory.ONLINE_SCAM,
                CaseStatus.OPEN,
                "summary",
                NOW,
                NOW,
                4,
                List.of(shares));
    }

    static Share share(String country, HandlingCode code) {
        return new Share(country, code, "kr-investigator", NOW);
    }

    static Share share(String country, HandlingCode code, Optional<Instant> until) {
        return new Share(
                country,
                code,
                "kr-investigator",
                NOW,
                false,
                until,
                "KR",
                Optional.empty(),
                Optional.empty());
    }

    static Lead lead(LeadStatus status, String assignee, HandlingCode code) {
        return new Lead(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KR",
                LeadKind.OTHER,
                "v",
                Optional.empty(),
                "",
                status,
                Optional.ofNullable(assignee),
                Optional.ofNullable(code),
                NOW,
                NOW,
                2,
                List.of());
    }

    static TechnicalAnalysis analysis(String assignee, HandlingCode code, List<String> withheld) {
        return new TechnicalAnalysis(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "KR",
                "kr-investigator",
                new AnalysisDetails(
                        AnalysisKind.values()[0], "t", "tool", "", List.of(), List.of()),
                Optional.ofNullable(assignee),
                Optional.ofNullable(code),
                NOW,
                NOW,
                5,
                withheld);
    }
}
