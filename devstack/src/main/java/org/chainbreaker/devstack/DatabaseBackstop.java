package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * The database attack suite shared by the three services: attacks a service's database as its
 * application role, with the session set to a country that owns nothing and holds no grant, exactly
 * as a compromised service (or a query it was tricked into running) would. Everything it attacks is
 * read from the catalog (pg_class, pg_policy, pg_proc, information_schema) at the time it runs, so
 * a table or function added by a later migration is attacked without anyone editing this class;
 * each method returns the failures it found (empty: the database held).
 *
 * <p>Classification, stated where the object is created (in its migration) as a marker in its
 * comment:
 *
 * <ul>
 *   <li>{@code [backstop: shared]} on a table: reference data, the same for every country, that
 *       needs no row-level security; the application role may only read it;
 *   <li>{@code [backstop: maintenance]} on a function: retention or relay work, run under the owner
 *       role; the application role must not be able to execute it;
 *   <li>{@code [backstop: cross-tenant]} on a function: a hit/no-hit or addressing question that
 *       answers across countries by design (with only what its comment says); exempt from the
 *       differential below, listed in the report, still held to a safe search path and to the
 *       shadow test.
 * </ul>
 *
 * A table in {@code public} without row-level security that is neither shared nor unreachable by
 * the application role is a failure.
 *
 * <p>The rows attacked are every row of every table, as the owner sees them: the attacker owns
 * nothing, so every row is another country's. Seed the database (through the service, as other
 * countries) before attacking, so that every table has rows; a table left empty is reported unless
 * the caller says why it could not be seeded.
 *
 * <p>The work is split by concern: {@link BackstopCatalog} (what the catalog must say), {@link
 * RowAttacks} (reads, writes and inserts aimed at rows, forged events), {@link FunctionAttacks}
 * (the differential calls and the shadow attack), {@link BackstopSql} (the probes); {@link
 * DatabaseAttackSuite} is the JUnit face every service implements.
 */
public final class DatabaseBackstop {

    /**
     * The attacking country: a session country that owns nothing, holds no grant and coordinates
     * nothing.
     */
    public static final String ATTACKER = "XA";

    private final BackstopCatalog catalog;
    private final RowAttacks rows;
    private final FunctionAttacks functions;

    private DatabaseBackstop(DatabaseAccess db) {
        this.catalog = new BackstopCatalog(db);
        this.rows = new RowAttacks(catalog);
        this.functions = new FunctionAttacks(catalog);
    }

    public static DatabaseBackstop of(DatabaseAccess db) {
        return new DatabaseBackstop(db);
    }

    /** A table of schema public, with what the catalog says about it. */
    public record Table(
            String name,
            boolean rowSecurity,
            String marker,
            Set<String> appPrivileges,
            List<String> foreignKeyColumns,
            List<String> columns,
            List<String> insertableColumns) {}

    /** A function of schema public, with what the catalog says about it. */
    public record Function(
            String signature,
            String name,
            boolean definer,
            List<String> config,
            String marker,
            boolean appMayExecute,
            boolean trigger,
            List<String> argNames,
            List<String> argTypes) {}

    /**
     * One call of a function with arguments drawn from other countries' rows, and the same call
     * made neutral.
     */
    record Call(Function function, String attack, String neutral) {}

    public List<Table> tables() throws SQLException {
        return catalog.tables();
    }

    public List<Function> functions() throws SQLException {
        return catalog.functions();
    }

    /** See {@link BackstopCatalog#catalogFailures()}. */
    public List<String> catalogFailures() throws SQLException {
        return catalog.catalogFailures();
    }

    /**
     * The application role cannot create a temporary table or a temporary view named like any
     * table.
     */
    public List<String> temporaryObjectFailures() throws SQLException {
        return catalog.temporaryObjectFailures();
    }

    /**
     * See {@link RowAttacks#rowAttackFailures(Map)}; {@code unseeded} names tables that may be
     * empty, with why.
     */
    public List<String> rowAttackFailures(Map<String, String> unseeded) throws SQLException {
        return rows.rowAttackFailures(unseeded);
    }

    /** See {@link RowAttacks#forgedEventFailures()}. */
    public List<String> forgedEventFailures() throws SQLException {
        return rows.forgedEventFailures();
    }

    /** See {@link FunctionAttacks#functionAttackFailures()}. */
    public List<String> functionAttackFailures() throws SQLException {
        return functions.functionAttackFailures();
    }

    /** See {@link FunctionAttacks#shadowFailures()}. */
    public List<String> shadowFailures() throws SQLException {
        return functions.shadowFailures();
    }

    /**
     * What the attacks so far covered, for the test's output (and the figures in
     * docs/guarantees.md).
     */
    public String coverage() throws SQLException {
        List<Function> all = functions();
        return "%s: %d tables (%d rows attacked by select/update/delete, %d inserts refused), %d SECURITY DEFINER functions"
                        .formatted(
                                catalog.database(),
                                rows.tablesAttacked,
                                rows.rowsAttacked,
                                rows.inserts,
                                all.stream().filter(Function::definer).count())
                + " (%d differential calls; cross-tenant by design: %s)"
                        .formatted(functions.callsMade, crossTenantFunctions());
    }

    /** The functions exempt from the differential as cross-tenant by design (for the report). */
    public List<String> crossTenantFunctions() throws SQLException {
        return functions().stream()
                .filter(f -> "cross-tenant".equals(f.marker()))
                .map(Function::signature)
                .toList();
    }

    /** Calls of every definer function built from the stored rows (for {@link WithheldValues}). */
    List<Call> calls(Connection owner, boolean definersIncludingCrossTenant) throws SQLException {
        return functions.calls(owner, definersIncludingCrossTenant);
    }

    Connection owner() throws SQLException {
        return catalog.owner();
    }
}
