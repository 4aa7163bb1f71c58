package org.chainbreaker.cases.store;

import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This service's table and definer functions for the platform's cooperation requests (cases, scam
 * centres, leads).
 */
@Configuration(proxyBeanMethods = false)
class CaseCooperationTable {

    @Bean
    CooperationRequestTable cooperationRequestTable(JdbcClient jdbc) {
        // Requests about cases, scam centres and leads: one table, each row naming its kind (V20).
        return CooperationRequestTable.ofSeveralKinds(
                jdbc,
                "case_cooperation_requests",
                "cases_request_subject",
                "cases_escalate_due_requests");
    }
}
