package org.chainbreaker.fugitives.app;

import java.util.Set;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.requests.app.CooperationTimers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cooperation requests about notices: the platform's desk over this service's table. The grant of
 * INFORMATION is the granted request itself (migration V12: the visibility rule reads it, until
 * grant_until and while the notice is PUBLISHED), so the grant step has nothing more to store;
 * notices have no onward sharing, so PASS_ON is not asked.
 */
@Configuration(proxyBeanMethods = false)
class NoticeCooperation extends CooperationTimers {

    static final Set<Ask> NOTICE_ASKS =
            Set.of(Ask.INFORMATION, Ask.EVIDENCE_USE, Ask.PROVISIONAL_ARREST, Ask.TRANSFER);

    @Bean
    CooperationDesk noticeCooperationDesk(
            CooperationDesk.Machinery machinery,
            @Value("${chainbreaker.requests.per-target-per-day:5}") int perTargetPerDay) {
        return new CooperationDesk(
                machinery,
                new CooperationDesk.Settings(NOTICE_ASKS, perTargetPerDay),
                (owner, noticeId, request, answer) -> {},
                "notice");
    }

    @Override
    protected String overdueCountFunction() {
        return "fugitives_requests_overdue";
    }
}
