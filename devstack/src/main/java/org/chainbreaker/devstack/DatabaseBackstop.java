package org.chainbreaker.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.devstack.PostgresServer.DatabaseAccess;

/**
 * The database attack suite shared by the three services: attacks a service's database as its application role,
 * with the session set to a country that owns nothing and holds no grant, exactly as a compromised service (or a
 * query it was tricked into running) would. Everything it attacks is read from the catalog (pg_class, pg_policy,
 * pg_proc, information_schema) at the time it runs, so a table or function added by a later migration is attacked
 * without anyone editing this class; each method returns the failures it found (empty: the database held).
 *
 * <p>Classification, stated where the object is created (in its migration) as a marker in its comment:
 * <ul>
 *   <li>{@code [backstop: shared]} on a table: reference data, the same for every country, that needs no row-level
 *       security; the application role may only read it;</li>
 *   <li>{@code [backstop: maintenance]} on a function: retention or relay work, run under the owner role; the
 *       application role must not be able to execute it;</li>
 *   <li>{@code [backstop: cross-tenant]} on a function: a hit/no-hit or addressing question that answers across
 *       countries by design (with only what its comment says); exempt from the differential below, listed in the
 *       report, still held to a safe search path and to the shadow test.</li>
 * </ul>
 * A table in {@code public} without row-level security that is neither shared nor unreachable by the application
 * role is a failure.
 *
 * <p>The rows attacked are every row of every table, as the owner sees them: the attacker owns nothing, so every row
 * is another country's. Seed the database (through the service, as other countries) before attacking, so that every
 * table has rows; a table left empty is reported unless the caller says why it could not be seeded.
 */
public final class DatabaseBackstop {

    /** The attacking country: a session country that owns nothing, holds no grant and coordinates nothing. */
    public static final String ATTACKER = "XA";

    private static final Pattern MARKER = Pattern.compile("\\[backstop: ([a-z-]+)\\]");
    private static final int SAMPLE_ROWS = 12;

    private final DatabaseAccess db;
    private final String database;
    private int tablesAttacked;
    private int rowsAttacked;
    private int inserts;
    private int calls;

    private DatabaseBackstop(DatabaseAccess db) {
        this.db = db;
        String url = db.jdbcUrl();
        this.database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    public static DatabaseBackstop of(DatabaseAccess db) {
        return new DatabaseBackstop(db);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Catalog
    // ------------------------------------------------------------------------------------------------------------

    /** A table of schema public, with what the catalog says about it. */
    public record Table(String name, boolean rowSecurity, String marker, Set<String> appPrivileges,
                        List<String> foreignKeyColumns, List<String> columns, List<String> insertableColumns) {
    }

    /** A function of schema public, with what the catalog says about it. */
    public record Function(String signature, String name, boolean definer, List<String> config, String marker,
                           boolean appMayExecute, boolean trigger, List<String> argNames, List<String> argTypes) {
    }

    public List<Table> tables() throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Connection owner = owner()) {
            try (ResultSet rs = owner.createStatement().executeQuery("""
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
                     order by c.relname""".formatted(db.appUser()))) {
                while (rs.next()) {
                    tables.add(new Table(rs.getString(1), rs.getBoolean(2), marker(rs.getString(3)),
                            Set.of((String[]) rs.getArray(4).getArray()), List.of((String[]) rs.getArray(5).getArray()),
                            List.of((String[]) rs.getArray(6).getArray()), List.of((String[]) rs.getArray(7).getArray())));
                }
            }
        }
        return tables;
    }

    public List<Function> functions() throws SQLException {
        List<Function> functions = new ArrayList<>();
        try (Connection owner = owner()) {
            try (ResultSet rs = owner.createStatement().executeQuery("""
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
                     order by 1""".formatted(db.appUser()))) {
                while (rs.next()) {
                    functions.add(new Function(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            List.of((String[]) rs.getArray(4).getArray()), marker(rs.getString(5)), rs.getBoolean(6),
                            rs.getBoolean(7), List.of((String[]) rs.getArray(8).getArray()),
                            List.of((String[]) rs.getArray(9).getArray())));
                }
            }
        }
        return functions;
    }

    /**
     * What the catalog itself must say: every table the application role can reach has row-level security (or is
     * shared reference data it may only read); the role owns nothing, is no member of any role, has no TEMPORARY
     * or CREATE on the database, no CREATE on the schema, no attribute that lifts the policies; every SECURITY
     * DEFINER function sets a search path with pg_temp explicitly last; maintenance functions are not executable.
     */
    public List<String> catalogFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        for (Table t : tables()) {
            boolean reachable = !t.appPrivileges().isEmpty();
            if ("shared".equals(t.marker())) {
                if (!Set.of("SELECT").containsAll(t.appPrivileges())) {
                    failures.add("shared table " + t.name() + " is writable by the application role: " + t.appPrivileges());
                }
            } else if (reachable && !t.rowSecurity()) {
                failures.add("table " + t.name() + " is reachable by the application role " + t.appPrivileges()
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
            expectNone(owner, failures, "owns relations", "select relname from pg_class where relowner = '" + app + "'::regrole");
            expectNone(owner, failures, "owns functions", "select proname from pg_proc where proowner = '" + app + "'::regrole");
            expectNone(owner, failures, "owns schemas", "select nspname from pg_namespace where nspowner = '" + app + "'::regrole");
            expectNone(owner, failures, "owns types", "select typname from pg_type where typowner = '" + app + "'::regrole");
            expectNone(owner, failures, "owns databases", "select datname from pg_database where datdba = '" + app + "'::regrole");
            expectNone(owner, failures, "is a member of a role",
                    "select roleid::regrole::text from pg_auth_members where member = '" + app + "'::regrole");
            expectNone(owner, failures, "has a dangerous attribute", """
                    select rolname from pg_roles where rolname = '%s'
                       and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb or rolreplication)""".formatted(app));
            expectNone(owner, failures, "may create temporary objects (TEMPORARY on the database)",
                    "select 1 where has_database_privilege('" + app + "', current_database(), 'TEMPORARY')");
            expectNone(owner, failures, "may create schemas (CREATE on the database)",
                    "select 1 where has_database_privilege('" + app + "', current_database(), 'CREATE')");
            expectNone(owner, failures, "may create objects in schema public",
                    "select 1 where has_schema_privilege('" + app + "', 'public', 'CREATE')");
            expectNone(owner, failures, "is not the only one kept from TEMPORARY: PUBLIC holds it", """
                    select 1 from pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
                     where d.datname = current_database() and a.grantee = 0 and a.privilege_type = 'TEMPORARY'""");
        }
        for (Function f : functions()) {
            if (f.definer() && !safeSearchPath(f.config())) {
                failures.add("SECURITY DEFINER function " + f.signature() + " has no safe search path (pg_temp explicitly"
                        + " last): " + f.config());
            }
            if ("maintenance".equals(f.marker()) && f.appMayExecute()) {
                failures.add("maintenance function " + f.signature() + " is executable by the application role");
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
                return path.getLast().equals("pg_temp") && path.indexOf("pg_temp") == path.size() - 1;
            }
        }
        return false;
    }

    /** The application role cannot create a temporary table or a temporary view named like any table. */
    public List<String> temporaryObjectFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        List<String> attempts = new ArrayList<>(List.of("create temporary table backstop_probe (i int)"));
        for (Table t : tables()) {
            attempts.add("create temporary view " + quote(t.name()) + " as select * from public." + quote(t.name()));
        }
        try (Connection app = AppRoleSession.open(db, ATTACKER)) {
            for (String sql : attempts) {
                Savepoint sp = app.setSavepoint();
                try (Statement s = app.createStatement()) {
                    s.execute(sql);
                    failures.add("the application role could: " + sql);
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) {
                        failures.add("unexpected answer to " + sql + ": " + e.getSQLState() + " " + e.getMessage());
                    }
                }
                app.rollback(sp);
            }
            app.rollback();
        }
        return failures;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Rows: select, update, delete aimed at every row; inserts of copies of them
    // ------------------------------------------------------------------------------------------------------------

    /**
     * For every table with row-level security: as the attacker, a read of all rows and of each row by its
     * ctid finds nothing; an update and a delete aimed at every row change nothing; an insert of a copy of another
     * country's row, and (for tables whose rows point at other records) of that copy with each country in it
     * replaced by the attacker, is refused by a policy. {@code unseeded} names tables that may be empty, with why.
     */
    public List<String> rowAttackFailures(Map<String, String> unseeded) throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection owner = owner(); Connection app = AppRoleSession.open(db, ATTACKER)) {
            for (Table t : tables()) {
                if (!t.rowSecurity() || t.appPrivileges().isEmpty()) {
                    continue;
                }
                String table = quote(t.name());
                List<String> ctids = column(owner, "select ctid::text from public." + table);
                if (ctids.isEmpty()) {
                    if (!unseeded.containsKey(t.name())) {
                        failures.add("table " + t.name() + " has no rows to attack: seed it, or say why it cannot be");
                    }
                    continue;
                }
                tablesAttacked++;
                rowsAttacked += ctids.size();
                String all = "'{" + String.join(",", ctids.stream().map(c -> "\"" + c + "\"").toList()) + "}'::tid[]";
                if (t.appPrivileges().contains("SELECT")) {
                    expectCount(app, failures, "select count(*) from public." + table, 0, t.name() + ": rows read");
                    expectCount(app, failures, "select count(*) from public." + table + " where ctid = any(" + all + ")", 0,
                            t.name() + ": rows read by ctid");
                }
                String firstColumn = quote(t.columns().getFirst());
                if (t.appPrivileges().contains("UPDATE")) {
                    expectChanged(app, failures, "update public." + table + " set " + firstColumn + " = " + firstColumn
                            + " where ctid = any(" + all + ")", t.name() + ": rows updated");
                }
                if (t.appPrivileges().contains("DELETE")) {
                    expectChanged(app, failures, "delete from public." + table + " where ctid = any(" + all + ")",
                            t.name() + ": rows deleted");
                }
                if (t.appPrivileges().contains("INSERT")) {
                    for (String json : column(owner, "select row_to_json(t)::text from public." + table
                            + " t order by random() limit " + SAMPLE_ROWS)) {
                        String columns = String.join(", ", t.insertableColumns().stream().map(DatabaseBackstop::quote).toList());
                        for (String variant : variants(owner, json, t)) {
                            expectRefused(app, failures, "insert into public." + table + " (" + columns + ") select "
                                    + columns + " from json_populate_record(null::public." + table + ", '"
                                    + variant.replace("'", "''") + "'::json)", t.name() + " " + variant);
                            inserts++;
                        }
                    }
                }
            }
            app.rollback();
        }
        return failures;
    }

    /**
     * The row itself, and where it points at another record (a foreign key that is set), the row with each country
     * in it made the attacker's: still aimed at the record it points at. (A row pointing at nothing, with its countries
     * made the attacker's, is merely the attacker's own new row.)
     */
    private List<String> variants(Connection owner, String json, Table t) throws SQLException {
        List<String> variants = new ArrayList<>(List.of(json));
        Map<String, String> fields = fields(owner, json);
        if (t.foreignKeyColumns().stream().allMatch(c -> fields.get(c) == null)) {
            return variants;
        }
        List<String> countryFields = new ArrayList<>();
        try (var ps = owner.prepareStatement("select key from json_each_text(?::json) where value ~ '^[A-Z]{2}$|^INTERPOL$|^ASEANAPOL$'")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    countryFields.add(rs.getString(1));
                }
            }
        }
        for (String field : countryFields) {
            variants.add(withFields(owner, json, List.of(field)));
        }
        if (countryFields.size() > 1) {
            variants.add(withFields(owner, json, countryFields));
        }
        return variants;
    }

    private static String withFields(Connection owner, String json, List<String> fields) throws SQLException {
        String result = json;
        for (String field : fields) {
            try (var ps = owner.prepareStatement("select jsonb_set(?::jsonb, array[?], to_jsonb(?::text))::text")) {
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

    /**
     * An event about another country's record, appended under the attacker's own name: refused, for every record
     * type and record that has events (the outbox belongs to the platform, every service has it).
     */
    public List<String> forgedEventFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection owner = owner(); Connection app = AppRoleSession.open(db, ATTACKER)) {
            List<String> targets = column(owner, """
                    select distinct on (record_type, owner_country) record_type || '|' || record_id || '|' || owner_country
                      from outbox_events order by record_type, owner_country, id desc""");
            if (targets.isEmpty()) {
                failures.add("no events to forge: seed the database");
            }
            for (String target : targets) {
                String[] parts = target.split("\\|", 3);
                for (String ownerCountry : List.of(ATTACKER, parts[2])) {
                    expectRefused(app, failures, """
                            insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user)
                            values (now(), '%s', '%s', '%s', 'backstop.forged', 'attacker')"""
                            .formatted(ownerCountry, parts[0].replace("'", "''"), parts[1].replace("'", "''")),
                            "event of " + parts[0] + " " + parts[1] + " owned by " + ownerCountry);
                }
            }
            app.rollback();
        }
        return failures;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Functions: differential calls, and the shadow (temporary view) attack
    // ------------------------------------------------------------------------------------------------------------

    /** One call of a function with arguments drawn from other countries' rows, and the same call made neutral. */
    record Call(Function function, String attack, String neutral) {
    }

    /**
     * Every SECURITY DEFINER function the application role may execute ({@code [backstop: cross-tenant]} ones aside),
     * called as the attacker with arguments taken from other countries' rows, answers exactly as when those
     * arguments name nothing that exists (ids replaced by fresh ones, countries by unused codes), and no answer
     * mentions an id of another country's row.
     */
    public List<String> functionAttackFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        Set<String> foreignIds = new LinkedHashSet<>();
        List<Call> calls;
        try (Connection owner = owner()) {
            foreignIds.addAll(column(owner, foreignIdsQuery(0)));
            calls = calls(owner);
        }
        try (Connection app = AppRoleSession.open(db, ATTACKER)) {
            for (Call call : calls) {
                this.calls++;
                String attacked = answer(app, call.attack());
                String neutral = answer(app, call.neutral());
                if (!attacked.equals(neutral)) {
                    failures.add(call.function().signature() + " answers about other countries' records: "
                            + call.attack() + " -> " + attacked + " but " + call.neutral() + " -> " + neutral);
                }
                Matcher ids = UUID_TEXT.matcher(attacked.startsWith("error") ? "" : attacked);
                while (ids.find()) {
                    if (foreignIds.contains(ids.group())) {
                        failures.add(call.function().signature() + " returns another country's record " + ids.group()
                                + ": " + call.attack() + " -> " + attacked);
                        break;
                    }
                }
            }
            app.rollback();
        }
        return failures;
    }

    /** What the attacks so far covered, for the test's output (and the figures in docs/guarantees.md). */
    public String coverage() throws SQLException {
        List<Function> functions = functions();
        return "%s: %d tables (%d rows attacked by select/update/delete, %d inserts refused), %d SECURITY DEFINER functions"
                .formatted(database, tablesAttacked, rowsAttacked, inserts,
                        functions.stream().filter(Function::definer).count())
                + " (%d differential calls; cross-tenant by design: %s)".formatted(calls, crossTenantFunctions());
    }

    /** The functions exempt from the differential as cross-tenant by design (for the report). */
    public List<String> crossTenantFunctions() throws SQLException {
        return functions().stream().filter(f -> "cross-tenant".equals(f.marker())).map(Function::signature).toList();
    }

    /**
     * The temporary-view attack, with TEMPORARY granted to the application role for the duration (as a
     * misprovisioned database would): a temporary view named like every table, whose reading raises an error, is
     * never read by any SECURITY DEFINER function, called with the attack arguments. Proves the search paths on
     * their own, whatever the grants.
     */
    public List<String> shadowFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        List<Call> calls;
        try (Connection owner = owner()) {
            calls = calls(owner, true);
        }
        List<Table> tables = tables();
        try (Connection superuser = PostgresServer.shared().superuserConnection(database)) {
            boolean hadTemporary = !AppRoleSession.column(superuser, "select 1 where has_database_privilege('"
                    + db.appUser() + "', current_database(), 'TEMPORARY')").isEmpty();
            superuser.createStatement().execute("grant temporary on database " + quote(database) + " to " + quote(db.appUser()));
            try (Connection app = AppRoleSession.open(db, ATTACKER)) {
                try (Statement s = app.createStatement()) {
                    for (Table t : tables) {
                        String name = quote(t.name());
                        s.execute("create function pg_temp.backstop_shadow_" + t.name() + "() returns setof public." + name
                                + " language plpgsql as $$ begin raise exception 'backstop: temporary shadow of "
                                + t.name() + " read'; end $$");
                        s.execute("create temporary view " + name + " as select * from pg_temp.backstop_shadow_"
                                + t.name() + "()");
                        // Readable by the owner role a definer function runs as: the attacker owns the view.
                        s.execute("grant select on pg_temp." + name + " to public");
                    }
                }
                for (Call call : calls) {
                    String answer = answer(app, call.attack());
                    if (answer.contains("temporary shadow")) {
                        failures.add(call.function().signature() + " read a temporary object of the caller: " + answer);
                    }
                }
                app.rollback();
            } finally {
                if (!hadTemporary) {
                    superuser.createStatement().execute("revoke temporary on database " + quote(database) + " from "
                            + quote(db.appUser()));
                }
            }
        }
        return failures;
    }

    private List<Call> calls(Connection owner) throws SQLException {
        return calls(owner, false);
    }

    /**
     * Calls built from other countries' rows: each sampled row of each table is a context, and a function's
     * parameters take that row's values by name (p_case: the row's case_id, or its id in table cases; p_owner,
     * p_tenant and the like: every country the row names, and the attacker; p_reference: the row's reference), so
     * that related ids and countries meet in one call as a real question would put them.
     */
    List<Call> calls(Connection owner, boolean definersIncludingCrossTenant) throws SQLException {
        List<Map.Entry<String, Map<String, String>>> contexts = new ArrayList<>();
        for (Table t : tables()) {
            for (String json : column(owner, "select row_to_json(t)::text from public." + quote(t.name())
                    + " t order by random() limit " + CONTEXT_ROWS)) {
                contexts.add(Map.entry(t.name(), fields(owner, json)));
            }
        }
        Map<String, Call> calls = new LinkedHashMap<>();
        for (Function f : functions()) {
            // Only definer functions can see past the caller's policies: an invoker function answers from what the
            // caller may read anyway (and a pure one, like audit_canonical, from its arguments alone).
            if (!f.appMayExecute() || f.trigger() || !f.definer()) {
                continue;
            }
            if (!definersIncludingCrossTenant && "cross-tenant".equals(f.marker())) {
                continue;
            }
            for (var context : contexts) {
                List<List<String[]>> choices = new ArrayList<>();
                for (int i = 0; i < f.argNames().size(); i++) {
                    choices.add(argumentChoices(f.argNames().get(i), f.argTypes().get(i), context.getKey(),
                            context.getValue()));
                }
                for (List<String[]> combination : combinations(choices, 64)) {
                    List<String> attack = new ArrayList<>();
                    List<String> neutral = new ArrayList<>();
                    for (String[] pair : combination) {
                        attack.add(pair[0]);
                        neutral.add(pair[1]);
                    }
                    String callee = "public." + quote(f.name());
                    String sql = "select * from " + callee + "(" + String.join(", ", attack) + ")";
                    calls.putIfAbsent(sql, new Call(f, sql,
                            "select * from " + callee + "(" + String.join(", ", neutral) + ")"));
                }
            }
        }
        return List.copyOf(calls.values());
    }

    private static final int CONTEXT_ROWS = 6;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}|INTERPOL|ASEANAPOL");
    private static final Pattern COUNTRY_PARAMETER =
            Pattern.compile(".*(country|tenant|owner|from|to|by|reporter|coordinator|countries|tenants|owners).*");

    private static Map<String, String> fields(Connection owner, String json) throws SQLException {
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

    /** (attack, neutral) SQL literals for one argument, from the context row, by the argument's type and name. */
    private static List<String[]> argumentChoices(String name, String type, String table, Map<String, String> row) {
        String bare = name.replaceFirst("^p_", "");
        List<String> countries = new ArrayList<>(row.values().stream()
                .filter(v -> v != null && COUNTRY.matcher(v).matches()).distinct().toList());
        countries.add(ATTACKER);
        List<String[]> choices = new ArrayList<>();
        switch (type) {
            case "uuid" -> {
                String id = row.get(bare);
                if (id == null) {
                    id = row.get(bare + "_id");
                }
                if (id == null && table.contains(bare.substring(0, Math.min(bare.length(), 6)))) {
                    id = row.get("id");
                }
                if (id == null) {
                    id = row.entrySet().stream().filter(e -> e.getValue() != null
                            && e.getValue().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                choices.add(id == null ? new String[] {"null::uuid", "null::uuid"}
                        : new String[] {literal(id) + "::uuid", literal(UUID.nameUUIDFromBytes(id.getBytes()).toString()) + "::uuid"});
            }
            case "text" -> {
                if (bare.contains("code")) {
                    for (String code : List.of("H0", "H1", "H3")) {
                        choices.add(new String[] {literal(code), literal(code)});
                    }
                } else if (COUNTRY_PARAMETER.matcher(bare).matches()) {
                    for (String c : countries) {
                        choices.add(new String[] {literal(c), literal(neutralCountry(c))});
                    }
                } else {
                    String v = row.getOrDefault(bare, row.get("normalized_" + bare));
                    choices.add(v == null ? new String[] {"'x'", "'x'"}
                            : new String[] {literal(v), literal("zz-" + Integer.toHexString(v.hashCode()))});
                }
            }
            case "text[]" -> {
                String single = bare.replaceFirst("s$", "");
                if (COUNTRY_PARAMETER.matcher(bare).matches()) {
                    List<String> foreign = countries.subList(0, countries.size() - 1);
                    choices.add(new String[] {array(foreign), array(foreign.stream().map(DatabaseBackstop::neutralCountry).toList())});
                } else {
                    String v = row.getOrDefault(single, row.getOrDefault("normalized_" + single, row.get(bare)));
                    choices.add(v == null ? new String[] {"'{}'::text[]", "'{}'::text[]"}
                            : new String[] {array(List.of(v)), array(List.of("zz-" + Integer.toHexString(v.hashCode())))});
                }
            }
            case "integer", "bigint", "smallint" -> {
                String n = bare.contains("limit") ? "1000" : "0";
                choices.add(new String[] {n, n});
            }
            case "real", "double precision", "numeric" -> choices.add(new String[] {"0.3", "0.3"});
            case "boolean" -> choices.add(new String[] {"false", "false"});
            case "timestamp with time zone" -> {
                if (bare.contains("expire")) {
                    choices.add(new String[] {"null::timestamptz", "null::timestamptz"});
                }
                choices.add(new String[] {"now()", "now()"});
            }
            default -> choices.add(new String[] {"null::" + type, "null::" + type});
        }
        return choices;
    }

    private static List<List<String[]>> combinations(List<List<String[]>> choices, int max) {
        List<List<String[]>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (List<String[]> options : choices) {
            List<List<String[]>> next = new ArrayList<>();
            for (List<String[]> prefix : result) {
                for (String[] option : options) {
                    if (next.size() >= max) {
                        break;
                    }
                    List<String[]> extended = new ArrayList<>(prefix);
                    extended.add(option);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }

    /** Ids (primary keys and references) of rows, as text; {@code limit} 0 for all. */
    private static String foreignIdsQuery(int perTable) {
        return """
                select format('(select %%I::text from public.%%I where %%I is not null %s)', a.attname, c.relname, a.attname)
                  from pg_class c join pg_attribute a on a.attrelid = c.oid
                 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0
                   and not a.attisdropped and a.atttypid = 'uuid'::regtype"""
                .formatted(perTable > 0 ? "order by random() limit " + perTable : "");
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        if (sql.startsWith("select format('(select")) {
            List<String> parts = AppRoleSession.column(c, sql);
            if (parts.isEmpty()) {
                return List.of();
            }
            return AppRoleSession.column(c, "select distinct v from (" + String.join(" union all ", parts) + ") x(v)");
        }
        return AppRoleSession.column(c, sql);
    }

    // ------------------------------------------------------------------------------------------------------------

    static String answer(Connection app, String sql) throws SQLException {
        Savepoint sp = app.setSavepoint();
        try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

    private static void expectCount(Connection app, List<String> failures, String sql, long expected, String what)
            throws SQLException {
        String answer = answer(app, sql);
        if (!answer.equals("[(" + expected + ")]")) {
            failures.add(what + ": " + sql + " -> " + answer);
        }
    }

    private static void expectChanged(Connection app, List<String> failures, String sql, String what) throws SQLException {
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

    private static void expectRefused(Connection app, List<String> failures, String sql, String what) throws SQLException {
        Savepoint sp = app.setSavepoint();
        try (Statement s = app.createStatement()) {
            s.executeUpdate(sql);
            failures.add("inserted: " + what);
        } catch (SQLException e) {
            // Only a policy's refusal proves the database held: a duplicate key, a failed reference or check means
            // the policy let the row through and something else stopped it (and told the attacker why).
            if (!"42501".equals(e.getSQLState())) {
                failures.add("not refused by a policy (" + e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("")
                        + "): " + what);
            }
        } finally {
            app.rollback(sp);
        }
    }

    private static void expectNone(Connection c, List<String> failures, String what, String sql) throws SQLException {
        List<String> found = AppRoleSession.column(c, sql);
        if (!found.isEmpty()) {
            failures.add("the application role " + what + ": " + found);
        }
    }

    Connection owner() throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
        c.setAutoCommit(true);
        return c;
    }

    private static String marker(String comment) {
        Matcher m = MARKER.matcher(comment);
        return m.find() ? m.group(1) : "";
    }

    private static String neutralCountry(String country) {
        if (ATTACKER.equals(country)) {
            return country;
        }
        return "Z" + Integer.toString(Math.abs(country.hashCode()) % 26 + 10, 36).toUpperCase();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String array(List<String> values) {
        return "array[" + String.join(", ", values.stream().map(DatabaseBackstop::literal).toList()) + "]::text[]";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
