package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * A connection as a service's application role, inside a transaction acting for one tenant (or
 * none), exactly as the services' TenantTransactions open it: for tests that query the database
 * directly and must see only what row-level security lets that tenant see.
 */
public final class AppRoleSession {

    private AppRoleSession() {}

    /**
     * A connection in an open transaction with {@code chainbreaker.tenant} set; null leaves it
     * unset.
     */
    public static Connection open(DatabaseAccess db, String tenant) throws SQLException {
        Connection connection =
                DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
        connection.setAutoCommit(false);
        if (tenant != null) {
            try (var set =
                    connection.prepareStatement(
                            "select set_config('chainbreaker.tenant', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
        }
        return connection;
    }

    /** The first column of every row the query returns, as text. */
    public static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
