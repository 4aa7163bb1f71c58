package org.chainbreaker.platform.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Several selects sent to PostgreSQL together and answered in one round trip, in the order given:
 * the rows of a record and of its child tables, which would otherwise cost one round trip (and one
 * wake-up of the database and of the service) each. The statements run one after the other in the
 * caller's transaction, with its tenant setting and row-level security, exactly as if sent one by
 * one; pgjdbc sends a prepared statement of several selects as one message sequence with a single
 * sync and keeps each select's server-side prepared statement.
 */
public final class OneRoundTrip {

    private record Select(String sql, Map<String, ?> params, RowCallbackHandler rows) {}

    private final List<Select> selects = new ArrayList<>();

    /**
     * Adds a select with named parameters ({@code :name}); its rows go to {@code rows}, after the
     * rows of every select added before it.
     */
    public OneRoundTrip select(String sql, Map<String, ?> params, RowCallbackHandler rows) {
        if (sql.contains(";")) {
            throw new IllegalArgumentException("one statement per select: " + sql);
        }
        selects.add(new Select(sql, params, rows));
        return this;
    }

    public void run(JdbcOperations jdbc) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Select select : selects) {
            MapSqlParameterSource source = new MapSqlParameterSource(select.params());
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(select.sql());
            sql.append(sql.isEmpty() ? "" : ";\n")
                    .append(NamedParameterUtils.substituteNamedParameters(parsed, source));
            args.addAll(Arrays.asList(NamedParameterUtils.buildValueArray(parsed, source, null)));
        }
        jdbc.execute(
                (ConnectionCallback<Void>)
                        connection -> {
                            try (PreparedStatement statement =
                                    connection.prepareStatement(sql.toString())) {
                                for (int i = 0; i < args.size(); i++) {
                                    StatementCreatorUtils.setParameterValue(
                                            statement,
                                            i + 1,
                                            SqlTypeValue.TYPE_UNKNOWN,
                                            args.get(i));
                                }
                                boolean results = statement.execute();
                                for (Select select : selects) {
                                    if (!results) {
                                        throw new IllegalStateException(
                                                "a select answered no rows: " + select.sql());
                                    }
                                    try (ResultSet rows = statement.getResultSet()) {
                                        while (rows.next()) {
                                            select.rows().processRow(rows);
                                        }
                                    }
                                    results = statement.getMoreResults();
                                }
                            }
                            return null;
                        });
    }
}
