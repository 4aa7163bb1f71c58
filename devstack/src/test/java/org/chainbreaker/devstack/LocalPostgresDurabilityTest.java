package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's PostgreSQL keeps its data across runs, so it must not trade durability for
 * speed as tests do.
 */
class LocalPostgresDurabilityTest {

    @Test
    void persistent_server_flushes_every_acknowledged_commit(@TempDir Path dir) throws Exception {
        try (PostgresServer server = PostgresServer.persistent(dir.resolve("data"), freePort());
                Connection c = server.superuserConnection("postgres");
                Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("on");
            assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(s, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void throwaway_test_server_trades_durability_for_speed() throws Exception {
        try (Connection c = PostgresServer.shared().superuserConnection("postgres");
                Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("off");
        }
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
