package org.chainbreaker.devstack;

import static org.chainbreaker.devstack.BackstopSql.*;
import static org.chainbreaker.devstack.DatabaseBackstop.ATTACKER;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chainbreaker.devstack.DatabaseBackstop.Function;
import org.chainbreaker.devstack.DatabaseBackstop.Table;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * What the catalog says of a service's database (tables, functions, their markers and the
 * application role's privileges), and what it must say on its own: see {@link #catalogFailures()}.
 */
final class BackstopCatalog {

    private final DatabaseAccess db;
    private final String database;

    BackstopCatalog(DatabaseAccess db) {
        this.db = db;
        String url = db.jdbcUrl();
        this.database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    DatabaseAccess db() {
        return db;
    }

    String database() {
        return database;
    }

    public List<Table> tables() throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Connection owner = owner()) {
            try (ResultSet rs =
                    owner.createStatement()
                            .executeQuery(
                                    """
                    select c.relname, c.relrowsecurity, coalesce(obj_description(c.oid, 'pg_class'), ''),
                           array_remove(array[
                               case when has_table_privilege('%1$s', c.oid, 'SELECT') then 'SELECT' end,
                               case when has_table_privilege('%1$s', c.oid, 'INSERT') then 'INSERT' end,
                               case when has_table_privilege('%1$s', c.oid, 'UPDATE') then 'UPDATE' end,
                               case when has_table_privilege('%1$s', c.oid, 'DELETE') then 'DELETE' end,
                               case when has_table_privilege('%1$s', c.oid, 'TRUNCATE') then 'TRUNCATE' end,
                               case when has_table_privilege('%1$s', c.oid, 'REFERENCES') then 'REFERENCES' end,
                               case when has_table_privilege('%1$s', c.oid, 'TRIGGER') then 'TRIGGER' end], null),
                           array(select distinct a.attname::text from pg_constraint k
                                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
                                  where k.conrelid = c.oid and k.contype = 'f'),
                           array(select a.attname::text from pg_attribute a
                                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                  order by a.attnum),
                           array(select a.attname::text from pg_attribute a
                                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                    and a.attgenerated = '' and a.attidentity <> 'a'
                                  order by a.attnum)
                      from pg_class c
                     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                     order by c.relname"""
                                            .formatted(db.appUser()))) {
                while (rs.next()) {
                    tables.add(
                            new Table(
                                    rs.getString(1),
                                    rs.getBoolean(2),
                                    marker(rs.getString(3)),
                                    Set.of((String[]) rs.getArray(4).getArray()),
                                    List.of((String[]) rs.getArray(5).getArray()),
                                    List.of((String[]) rs.getArray(6).getArray()),
                                    List.of((String[]) rs.getArray(7).getArray())));
                }
            }
        }
        return tables;
    }

    public List<Function> functions() throws SQLException {
        List<Function> functions = new ArrayList<>();
        try (Connection owner = owner()) {
            try (ResultSet rs =
                    owner.createStatement()
                            .executeQuery(
                                    """
                    select p.oid::regprocedure::text, p.proname, p.prosecdef, coalesce(p.proconfig, '{}'),
                           coalesce(obj_description(p.oid, 'pg_proc'), ''),
                           has_function_privilege('%s', p.oid, 'EXECUTE'),
                           p.prorettype = 'trigger'::regtype,
                           array(select coalesce(nullif(n, ''), '$' || i)
                                   from unnest(coalesce(p.proargnames, array_fill(''::text, array[p.pronargs])))
                                        with ordinality a(n, i)
                                  where i <= p.pronargs),
                           array(select format_type(t, null) from unnest(p.proargtypes::oid[]) t)
                      from pg_proc p
                     where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
                       and not exists (select 1 from pg_depend d
                                        where d.objid = p.oid and d.classid = 'pg_proc'::regclass and d.deptype = 'e')
                     order by 1"""
                                            .formatted(db.appUser()))) {
                while (rs.next()) {
                    functions.add(
                            new Function(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getBoolean(3),
                                    List.of((String[]) rs.getArray(4).getArray()),
                                    marker(rs.getString(5)),
                                    rs.getBoolean(6),
                                    rs.getBoolean(7),
                                    List.of((String[]) rs.getArray(8).getArray()),
                                    List.of((String[]) rs.getArray(9).getArray())));
                }
            }
        }
        return functions;
    }

    /**
     * What the catalog itself must say: every table the application role can reach has row-level
     * security (or is shared reference data it may only read); the role owns nothing, is no member
     * of any role, has no TEMPORARY or CREATE on the database, no CREATE on the schema, no
     * attribute that lifts the policies; every SECURITY DEFINER function sets a search path with
     * pg_temp explicitly last; maintenance functions are not executable.
     */
    public List<String> catalogFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        for (Table t : tables()) {
            boolean reachable = !t.appPrivileges().isEmpty();
            if ("shared".equals(t.marker())) {
                if (!Set.of("SELECT").containsAll(t.appPrivileges())) {
                    failures.add(
                            "shared table "
                                    + t.name()
                                    + " is writable by the application role: "
                                    + t.appPrivileges());
                }
            } else if (reachable && !t.rowSecurity()) {
                failures.add(
                        "table "
                                + t.name()
                                + " is reachable by the application role "
                                + t.appPrivileges()
                                + " without row-level security, and is not classified [backstop: shared]");
            }
            for (String p : List.of("TRUNCATE", "REFERENCES", "TRIGGER")) {
                if (t.appPrivileges().contains(p)) {
                    failures.add("the application role has " + p + " on " + t.name());
                }
            }
        }
        try (Connection owner = owner()) {
            String app = db.appUser();
            expectNone(
                    owner,
                    failures,
                    "owns relations",
                    "select relname from pg_class where relowner = '" + app + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "owns functions",
                    "select proname from pg_proc where proowner = '" + app + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "owns schemas",
                    "select nspname from pg_namespace where nspowner = '" + app + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "owns types",
                    "select typname from pg_type where typowner = '" + app + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "owns databases",
                    "select datname from pg_database where datdba = '" + app + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "is a member of a role",
                    "select roleid::regrole::text from pg_auth_members where member = '"
                            + app
                            + "'::regrole");
            expectNone(
                    owner,
                    failures,
                    "has a dangerous attribute",
                    """
                    select rolname from pg_roles where rolname = '%s'
                       and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb or rolreplication)"""
                            .formatted(app));
            expectNone(
                    owner,
                    failures,
                    "may create temporary objects (TEMPORARY on the database)",
                    "select 1 where has_database_privilege('"
                            + app
                            + "', current_database(), 'TEMPORARY')");
            expectNone(
                    owner,
                    failures,
                    "may create schemas (CREATE on the database)",
                    "select 1 where has_database_privilege('"
                            + app
                            + "', current_database(), 'CREATE')");
            expectNone(
                    owner,
                    failures,
                    "may create objects in schema public",
                    "select 1 where has_schema_privilege('" + app + "', 'public', 'CREATE')");
            expectNone(
                    owner,
                    failures,
                    "is not the only one kept from TEMPORARY: PUBLIC holds it",
                    """
                    select 1 from pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
                     where d.datname = current_database() and a.grantee = 0 and a.privilege_type = 'TEMPORARY'""");
        }
        for (Function f : functions()) {
            if (f.definer() && !safeSearchPath(f.config())) {
                failures.add(
                        "SECURITY DEFINER function "
                                + f.signature()
                                + " has no safe search path (pg_temp explicitly"
                                + " last): "
                                + f.config());
            }
            if ("maintenance".equals(f.marker()) && f.appMayExecute()) {
                failures.add(
                        "maintenance function "
                                + f.signature()
                                + " is executable by the application role");
            }
        }
        return failures;
    }

    /** Whether a function's settings fix a search path that lists pg_temp, last. */
    static boolean safeSearchPath(List<String> config) {
        for (String setting : config) {
            if (setting.startsWith("search_path=")) {
                List<String> path = new ArrayList<>();
                for (String part : setting.substring("search_path=".length()).split(",")) {
                    path.add(part.strip().replace("\"", ""));
                }
                return path.getLast().equals("pg_temp")
                        && path.indexOf("pg_temp") == path.size() - 1;
            }
        }
        return false;
    }

    /**
     * The application role cannot create a temporary table or a temporary view named like any
     * table.
     */
    public List<String> temporaryObjectFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        List<String> attempts =
                new ArrayList<>(List.of("create temporary table backstop_probe (i int)"));
        for (Table t : tables()) {
            attempts.add(
                    "create temporary view "
                            + quote(t.name())
                            + " as select * from public."
                            + quote(t.name()));
        }
        try (Connection app = AppRoleSession.open(db, ATTACKER)) {
            for (String sql : attempts) {
                Savepoint sp = app.setSavepoint();
                try (Statement s = app.createStatement()) {
                    s.execute(sql);
                    failures.add("the application role could: " + sql);
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) {
                        failures.add(
                                "unexpected answer to "
                                        + sql
                                        + ": "
                                        + e.getSQLState()
                                        + " "
                                        + e.getMessage());
                    }
                }
                app.rollback(sp);
            }
            app.rollback();
        }
        return failures;
    }

    Connection owner() throws SQLException {
        Connection c =
                DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
        c.setAutoCommit(true);
        return c;
    }
}
