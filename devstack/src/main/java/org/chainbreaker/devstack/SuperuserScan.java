package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * What the operator's database access shows of a service's database (issue 18): every row of every
 * table as the PostgreSQL superuser reads it, and what {@code pg_dump} writes of the data. The dump
 * is taken with {@code COPY ... TO STDOUT} of every table: this machine's Debian {@code pg_dump} is
 * older than the embedded server and refuses it.
 */
public final class SuperuserScan {

    private final String rows;
    private final String dump;

    private SuperuserScan(String rows, String dump) {
        this.rows = rows;
        this.dump = dump;
    }

    /** Reads the whole database {@code database} of the shared server as its superuser. */
    public static SuperuserScan of(String database) throws SQLException {
        try (Connection db = PostgresServer.shared().superuserConnection(database)) {
            return new SuperuserScan(everyRow(db), copyDump(db));
        }
    }

    public String rows() {
        return rows;
    }

    public String dump() {
        return dump;
    }

    /**
     * The values found in the rows or the dump, as text or as the hex of their UTF-8 bytes; empty
     * when none is.
     */
    public List<String> found(List<String> values) {
        List<String> found = new ArrayList<>();
        for (String value : values) {
            String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
            if (rows.contains(value)
                    || rows.contains(hex)
                    || dump.contains(value)
                    || dump.contains(hex)) {
                found.add(value);
            }
        }
        return found;
    }

    private static String everyRow(Connection db) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Statement s = db.createStatement()) {
            for (String table : tables(s)) {
                try (ResultSet rs = s.executeQuery("select t::text from " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static String copyDump(Connection db) throws SQLException {
        StringWriter out = new StringWriter();
        try (Statement s = db.createStatement()) {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables(s)) {
                out.write("COPY " + table + "\n");
                copy.copyOut("copy " + table + " to stdout", out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every ordinary and partitioned table outside the system schemas. */
    private static List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery(
                        "select format('%I.%I', n.nspname, c.relname) from pg_class c"
                                + " join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p')"
                                + " and n.nspname not in ('pg_catalog', 'information_schema')"
                                + " and n.nspname not like 'pg_toast%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
