package org.chainbreaker.systemtests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.chainbreaker.devstack.Suite;

/**
 * What the hostile-input tests ({@link HostileInputTest}, {@link HostileRequestInputTest}) require
 * of every refusal: its answer reveals nothing of the suite's insides, and no row of any table of
 * any service's database changed.
 */
final class HostileVerdicts {

    private HostileVerdicts() {}

    /** What must never appear in an answer to a client. */
    static final Pattern INTERNALS =
            Pattern.compile(
                    "(?i)(\\borg\\.(springframework|postgresql|chainbreaker|hibernate|flywaydb|apache)|\\bjava\\.|\\bjavax\\.|\\bio\\.grpc|"
                            + "exception|\\bSQL|postgres|psql|\\tat |\\bat [a-z]+\\.[a-z]+\\.|localhost|127\\.0\\.0\\.1|\\[::1]|"
                            + "\\b[a-z0-9-]+:\\d{4,5}\\b|stack ?trace|hikari|jdbc|relation \"|syntax error)");

    /**
     * Rows of every table of every service's database, by database.table. The audit checkpoints and
     * their events are signed by the clock, not by a request, so they are left out: a signer
     * running during the test would otherwise read as a change a hostile request made.
     */
    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (Suite.Backend backend : Suite.BACKENDS) {
            try (Connection c =
                            RunningSuite.get().postgres().superuserConnection(backend.database());
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs =
                        s.executeQuery(
                                "select tablename from pg_tables where schemaname = 'public' order by 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    if (table.equals("audit_checkpoints")) {
                        continue;
                    }
                    String count =
                            table.equals("outbox_events")
                                    ? "select count(*) from outbox_events"
                                            + " where event_type <> 'audit.checkpoint'"
                                    : "select count(*) from \"" + table + "\"";
                    try (ResultSet rs = s.executeQuery(count)) {
                        rs.next();
                        counts.put(backend.database() + "." + table, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
