package org.chainbreaker.fugitives.store;

import org.chainbreaker.platform.requests.store.CooperationRequestTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** This service's table and definer functions for the platform's cooperation requests. */
@Configuration(proxyBeanMethods = false)
class NoticeCooperationTable {

    @Bean
    CooperationRequestTable cooperationRequestTable(JdbcClient jdbc) {
        return new CooperationRequestTable(
                jdbc,
                "notice_cooperation_requests",
                "fugitives_request_subject",
                "fugitives_escalate_due_requests",
                "notice");
    }
}
