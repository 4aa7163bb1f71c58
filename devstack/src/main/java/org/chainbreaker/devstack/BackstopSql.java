package org.chainbreaker.devstack;

import static org.chainbreaker.devstack.DatabaseBackstop.ATTACKER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL probes of the database attack suite: each runs in a savepoint and says what the database
 * answered.
 */
final class BackstopSql {

    private static final Pattern MARKER = Pattern.compile("\\[backstop: ([a-z-]+)\\]");

    private BackstopSql() {}

    static String answer(Connection app, String sql) throws SQLException {
        Savepoint sp = app.setSavepoint();
        try (Statement s = app.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder("[");
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.append('(');
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? "," : "").append(rs.getString(i));
                }
                out.append(')');
            }
            return out.append(']').toString();
        } catch (SQLException e) {
            return "error " + e.getSQLState() + ": " + e.getMessage();
        } finally {
            app.rollback(sp);
        }
    }

    static void expectCount(
            Connection app, List<String> failures, String sql, long expected, String what)
            throws SQLException {
        String answer = answer(app, sql);
        if (!answer.equals("[(" + expected + ")]")) {
            failures.add(what + ": " + sql + " -> " + answer);
        }
    }

    static void expectChanged(Connection app, List<String> failures, String sql, String what)
            throws SQLException {
        Savepoint sp = app.setSavepoint();
        try (Statement s = app.createStatement()) {
            int changed = s.executeUpdate(sql);
            if (changed != 0) {
                failures.add(what + ": " + changed + " by " + sql);
            }
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                failures.add(what + ": unexpected " + e.getSQLState() + " " + e.getMessage());
            }
        } finally {
            app.rollback(sp);
        }
    }

    static void expectRefused(Connection app, List<String> failures, String sql, String what)
            throws SQLException {
        Savepoint sp = app.setSavepoint();
        try (Statement s = app.createStatement()) {
            s.executeUpdate(sql);
            failures.add("inserted: " + what);
        } catch (SQLException e) {
            // Only a policy's refusal proves the database held: a duplicate key, a failed reference
            // or check means
            // the policy let the row through and something else stopped it (and told the attacker
            // why).
            if (!"42501".equals(e.getSQLState())) {
                failures.add(
                        "not refused by a policy ("
                                + e.getSQLState()
                                + " "
                                + e.getMessage().lines().findFirst().orElse("")
                                + "): "
                                + what);
            }
        } finally {
            app.rollback(sp);
        }
    }

    static void expectNone(Connection c, List<String> failures, String what, String sql)
            throws SQLException {
        List<String> found = AppRoleSession.column(c, sql);
        if (!found.isEmpty()) {
            failures.add("the application role " + what + ": " + found);
        }
    }

    static String marker(String comment) {
        Matcher m = MARKER.matcher(comment);
        return m.find() ? m.group(1) : "";
    }

    static String neutralCountry(String country) {
        if (ATTACKER.equals(country)) {
            return country;
        }
        return "Z" + Integer.toString(Math.abs(country.hashCode()) % 26 + 10, 36).toUpperCase();
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String array(List<String> values) {
        return "array["
                + String.join(", ", values.stream().map(BackstopSql::literal).toList())
                + "]::text[]";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static Map<String, String> fields(Connection owner, String json) throws SQLException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (var ps = owner.prepareStatement("select key, value from json_each_text(?::json)")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fields.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return fields;
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        if (sql.startsWith("select format('(select")) {
            List<String> parts = AppRoleSession.column(c, sql);
            if (parts.isEmpty()) {
                return List.of();
            }
            return AppRoleSession.column(
                    c, "select distinct v from (" + String.join(" union all ", parts) + ") x(v)");
        }
        return AppRoleSession.column(c, sql);
    }

    static String withFields(Connection owner, String json, List<String> fields)
            throws SQLException {
        String result = json;
        for (String field : fields) {
            try (var ps =
                    owner.prepareStatement(
                            "select jsonb_set(?::jsonb, array[?], to_jsonb(?::text))::text")) {
                ps.setString(1, result);
                ps.setString(2, field);
                ps.setString(3, ATTACKER);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    result = rs.getString(1);
                }
            }
        }
        return result;
    }
}
