package org.chainbreaker.cases.store;

import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** This service's table and definer functions for the platform's cooperation requests. */
@Configuration(proxyBeanMethods = false)
class CaseCooperationTable {

    @Bean
    CooperationRequestTable cooperationRequestTable(JdbcClient jdbc) {
        return new CooperationRequestTable(
                jdbc,
                "case_cooperation_requests",
                "cases_request_subject",
                "cases_escalate_due_requests",
                "case");
    }
}
