package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Searches every row of every table of a database, read as the database superuser (no row-level
 * security, nothing withheld), for bearer tokens: anything shaped like a JWT, and given exact
 * values. What it finds is what someone who reads the tables could replay.
 */
public final class TokensAtRest {

    /** A compact JWS: base64url header and payload of JSON objects, and a signature. */
    static final Pattern JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+");

    private TokensAtRest() {}

    /**
     * "table: excerpt" for each row of {@code database} holding a JWT-shaped string or one of
     * {@code exactValues}; empty when none does.
     */
    public static List<String> find(String database, List<String> exactValues) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection su = PostgresServer.shared().superuserConnection(database);
                Statement statement = su.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    statement.executeQuery(
                            "select quote_ident(schemaname) || '.' || quote_ident(tablename)"
                                    + " from pg_tables where schemaname not in"
                                    + " ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("select t::text from " + table + " t")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        if (row == null) {
                            continue;
                        }
                        var jwt = JWT.matcher(row);
                        if (jwt.find()) {
                            found.add(table + ": " + abbreviate(jwt.group()));
                        }
                        for (String value : exactValues) {
                            if (!value.isEmpty() && row.contains(value)) {
                                found.add(table + ": the exact value " + abbreviate(value));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
