package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * A country that holds real grants (a partner's share, an assigned lead, an operation
 * participation) trying to exceed them by direct SQL as the application role: each statement, in a
 * savepoint that is rolled back, must be refused by a policy or a trigger (SQLSTATE 42501) or a
 * check constraint on the row (23514), or change no row.
 */
public final class GrantedAttacker {

    private GrantedAttacker() {}

    /**
     * The statements that changed rows or failed for another reason than a policy's refusal: empty
     * if none.
     */
    public static List<String> exceeded(DatabaseAccess db, String tenant, List<String> statements)
            throws SQLException {
        List<String> exceeded = new ArrayList<>();
        try (Connection app = AppRoleSession.open(db, tenant)) {
            for (String sql : statements) {
                Savepoint sp = app.setSavepoint();
                try (Statement s = app.createStatement()) {
                    int changed = s.executeUpdate(sql);
                    if (changed != 0) {
                        exceeded.add(changed + " rows: " + sql);
                    }
                } catch (SQLException e) {
                    // A policy's or trigger's refusal (42501), or a check constraint on the row
                    // itself (23514),
                    // which holds whatever the session and tells nothing about other rows.
                    if (!"42501".equals(e.getSQLState()) && !"23514".equals(e.getSQLState())) {
                        exceeded.add(
                                "not refused by a policy ("
                                        + e.getSQLState()
                                        + " "
                                        + e.getMessage().lines().findFirst().orElse("")
                                        + "): "
                                        + sql);
                    }
                }
                app.rollback(sp);
            }
            app.rollback();
        }
        return exceeded;
    }
}
