package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.chainbreaker.devstack.DatabaseBackstop.Call;
import org.chainbreaker.devstack.DatabaseBackstop.Table;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * Whether values a country may not read (a case's summary for a country that sees only the case's
 * header, a person's name for a transit country) are readable by it through any direct SQL its
 * application-role session can run: every row of every table the role may select (read whole, as
 * JSON, so no column is missed, including tables added later), and every SECURITY DEFINER function
 * called with arguments taken from the stored rows (the calls of {@link DatabaseBackstop}'s
 * differential, cross-tenant ones included). Proves the database withholds them on its own,
 * whatever the service above it does.
 */
public final class WithheldValues {

    private WithheldValues() {}

    /**
     * Where the session of {@code tenant} reads any of {@code values}: empty if it reads none of
     * them.
     */
    public static List<String> whereReadable(
            DatabaseAccess db, String tenant, Collection<String> values) throws SQLException {
        DatabaseBackstop backstop = DatabaseBackstop.of(db);
        List<Call> calls;
        try (Connection owner = backstop.owner()) {
            calls = backstop.calls(owner, true);
        }
        List<String> found = new ArrayList<>();
        try (Connection app = AppRoleSession.open(db, tenant)) {
            for (Table t : backstop.tables()) {
                if (!t.appPrivileges().contains("SELECT")) {
                    continue;
                }
                String sql =
                        "select coalesce(string_agg(row_to_json(t)::text, ' '), '') from public."
                                + BackstopSql.quote(t.name())
                                + " t";
                note(found, values, "table " + t.name(), BackstopSql.answer(app, sql));
            }
            for (Call call : calls) {
                note(
                        found,
                        values,
                        "function " + call.attack(),
                        BackstopSql.answer(app, call.attack()));
            }
            app.rollback();
        }
        return found;
    }

    private static void note(
            List<String> found, Collection<String> values, String where, String answer) {
        for (String value : values) {
            if (answer.contains(value)) {
                found.add(value + " in " + where);
            }
        }
    }
}
