package org.chainbreaker.repatriation;

import java.sql.SQLException;
import java.util.List;
import org.chainbreaker.devstack.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the real repatriation-service against a real PostgreSQL (shared by
 * every test class in this JVM; Spring caches the context) and call it over gRPC like a national
 * portal would. The fugitive-service is a test double on a port of its own, which tests stop and
 * start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class RunningRepatriationService extends RepatriationCalls {

    static final PostgresServer.DatabaseAccess DATABASE =
            PostgresServer.shared().provision("repatriation");
    static final int GRPC_PORT = freePort();
    static final FugitiveServiceDouble FUGITIVES = new FugitiveServiceDouble(freePort());

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        serviceProperties(registry, GRPC_PORT, DATABASE, "127.0.0.1:" + FUGITIVES.port);
    }

    @BeforeAll
    static void connect() {
        connectTo(GRPC_PORT);
        FUGITIVES.start();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        disconnectChannel();
        FUGITIVES.stop();
    }

    /**
     * The events of a record in the outbox, read as the owner of the tables (no row-level
     * security).
     */
    static List<String> eventsOf(String recordId) throws SQLException {
        return column(
                DATABASE,
                "select event_type from outbox_events where record_id = ? order by id",
                recordId);
    }
}
