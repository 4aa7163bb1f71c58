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
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * What the operator's database access shows of a service's database: every row of every table as
 * the PostgreSQL superuser reads it, and what {@code pg_dump} writes of it. The dump is the real
 * {@code pg_dump} where one at least as new as the server is at hand: in the server's container
 * (the postgres:17 image has it), or on this machine ({@code chainbreaker.pg-dump} or
 * CHAINBREAKER_PG_DUMP, else {@code pg_dump} on the PATH). Otherwise it is {@code COPY ... TO
 * STDOUT} of every table, the data pg_dump would write, and {@link #dumpedBy()} says why: pg_dump
 * refuses a server newer than itself, Debian bookworm's apt has postgresql-client-15 only, and the
 * embedded PostgreSQL 17 bundles from Maven Central and npm ship initdb, pg_ctl and postgres
 * without pg_dump.
 */
public final class SuperuserScan {

    private final String rows;
    private final String dump;
    private final String dumpedBy;

    private SuperuserScan(String rows, String dump, String dumpedBy) {
        this.rows = rows;
        this.dump = dump;
        this.dumpedBy = dumpedBy;
    }

    /** Reads the whole database {@code database} of the shared server as its superuser. */
    public static SuperuserScan of(String database) throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection db = server.superuserConnection(database)) {
            String rows = everyRow(db);
            int serverMajor;
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("show server_version_num")) {
                rs.next();
                serverMajor = Integer.parseInt(rs.getString(1)) / 10000;
            }
            if (server.container().isPresent()) {
                return new SuperuserScan(
                        rows,
                        run(
                                server.container().get(),
                                "pg_dump",
                                "-U",
                                server.superuser(),
                                database),
                        "pg_dump in the server's container");
            }
            String pgDump =
                    System.getProperty(
                            "chainbreaker.pg-dump",
                            System.getenv().getOrDefault("CHAINBREAKER_PG_DUMP", "pg_dump"));
            String version = localVersion(pgDump);
            int major =
                    version.matches("\\d+(\\.\\d+)*")
                            ? Integer.parseInt(version.split("\\.")[0])
                            : 0;
            if (major >= serverMajor) {
                return new SuperuserScan(
                        rows, localDump(server, pgDump, database), pgDump + " " + version);
            }
            return new SuperuserScan(
                    rows,
                    copyDump(db),
                    "COPY of every table, not pg_dump: "
                            + (version.isEmpty()
                                    ? "no " + pgDump + " on this machine"
                                    : pgDump + " is " + version)
                            + ", and pg_dump refuses a server newer than itself ("
                            + serverMajor
                            + ")");
        }
    }

    /** What wrote {@link #dump()}: a pg_dump, or the COPY of every table and why. */
    public String dumpedBy() {
        return dumpedBy;
    }

    private static String run(PostgreSQLContainer container, String... command) {
        try {
            var result = container.execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " in the container: " + result.getStderr());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "17.6" of "pg_dump (PostgreSQL) 17.6 (Debian ...)"; empty when there is no such program. */
    private static String localVersion(String pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            var m = java.util.regex.Pattern.compile("\\) (\\d+(\\.\\d+)*)").matcher(out);
            return p.exitValue() == 0 && m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String localDump(PostgresServer server, String pgDump, String database) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(
                            pgDump,
                            "-h",
                            server.host(),
                            "-p",
                            Integer.toString(server.port()),
                            "-U",
                            server.superuser(),
                            database);
            builder.environment().put("PGPASSWORD", server.superuserPassword());
            Process p = builder.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(pgDump + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
