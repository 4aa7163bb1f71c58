package org.chainbreaker.cases.app;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.ShareRequest;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.requests.app.CooperationTimers;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cooperation requests about cases, scam centres and leads: the platform's desk over this service's
 * one table, with each kind's own grant. A grant shares the case or scam centre with the requester
 * (and for PASS_ON with the third country) at the owner's handling code and until the owner's time,
 * through the same rules as a direct share ({@link CaseRegistry#grantOnRequest}, {@link
 * ScamCentreRegistry#grantOnRequest}); a lead is handed over to the requester as AssignLead does
 * ({@link LeadRegistry#grantOnRequest}).
 */
@Configuration(proxyBeanMethods = false)
class CaseCooperation extends CooperationTimers {

    /** Cases and scam centres: to see it, to use it as evidence, to pass it on. */
    static final Set<Ask> SHARED_ASKS = Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PASS_ON);

    /** Leads: to be handed the lead (INFORMATION), to use it as evidence. */
    static final Set<Ask> LEAD_ASKS = Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE);

    @Bean
    CooperationDesk caseCooperationDesk(
            CooperationDesk.Machinery machinery,
            CaseRegistry cases,
            ScamCentreRegistry centres,
            LeadRegistry leads,
            @Value("${chainbreaker.requests.per-target-per-day:5}") int perTargetPerDay) {
        return new CooperationDesk(
                machinery,
                perTargetPerDay,
                Map.of(
                        "case",
                        new CooperationDesk.SubjectRules(
                                SHARED_ASKS, grantingShares(cases::grantOnRequest)),
                        "scam_centre",
                        new CooperationDesk.SubjectRules(
                                SHARED_ASKS, grantingShares(centres::grantOnRequest)),
                        "lead",
                        new CooperationDesk.SubjectRules(
                                LEAD_ASKS,
                                (owner, leadId, request, answer) -> {
                                    // A lead is handed over (assigned) to the requester: the lead
                                    // has one assignee, so it is not passed on to a third country.
                                    if (answer.granted().contains(Ask.INFORMATION)) {
                                        leads.grantOnRequest(
                                                owner,
                                                leadId,
                                                request.requester(),
                                                HandlingCode.valueOf(
                                                        answer.handlingCode().orElseThrow()),
                                                "granting cooperation request " + request.id());
                                    }
                                })));
    }

    /**
     * A share-making grant of a case or scam centre (the same rules as ShareCase/ShareScamCentre).
     */
    @FunctionalInterface
    interface Share {
        void share(Caller owner, UUID id, ShareRequest request, String why);
    }

    /**
     * A grant shares the record with the countries {@link
     * org.chainbreaker.platform.requests.CooperationRequest#sharedWithBy} names, at the owner's
     * handling code and until the owner's time.
     */
    static CooperationDesk.Granting grantingShares(Share share) {
        return (owner, id, request, answer) -> {
            HandlingCode code = HandlingCode.valueOf(answer.handlingCode().orElseThrow());
            Optional<Instant> until = answer.grantUntil();
            String why = "granting cooperation request " + request.id();
            for (String country : request.sharedWithBy(answer)) {
                share.share(owner, id, ShareRequest.of(country, code, until), why);
            }
        };
    }

    @Override
    protected String overdueCountFunction() {
        return "cases_requests_overdue";
    }
}
