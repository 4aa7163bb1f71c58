package org.chainbreaker.devstack;

import static org.chainbreaker.devstack.BackstopSql.*;
import static org.chainbreaker.devstack.DatabaseBackstop.ATTACKER;

import java.sql.Connection;
import java.sql.SQLException;
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
import org.chainbreaker.devstack.DatabaseBackstop.Call;
import org.chainbreaker.devstack.DatabaseBackstop.Function;
import org.chainbreaker.devstack.DatabaseBackstop.Table;

/**
 * Functions: differential calls with arguments from other countries' rows, and the shadow
 * (temporary view) attack.
 */
final class FunctionAttacks {

    private final BackstopCatalog catalog;
    int callsMade;

    FunctionAttacks(BackstopCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Every SECURITY DEFINER function the application role may execute ({@code [backstop:
     * cross-tenant]} ones aside), called as the attacker with arguments taken from other countries'
     * rows, answers exactly as when those arguments name nothing that exists (ids replaced by fresh
     * ones, countries by unused codes), and no answer mentions an id of another country's row.
     */
    public List<String> functionAttackFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        Set<String> foreignIds = new LinkedHashSet<>();
        List<Call> calls;
        try (Connection owner = catalog.owner()) {
            foreignIds.addAll(column(owner, foreignIdsQuery(0)));
            calls = calls(owner);
        }
        try (Connection app = AppRoleSession.open(catalog.db(), ATTACKER)) {
            for (Call call : calls) {
                this.callsMade++;
                String attacked = answer(app, call.attack());
                String neutral = answer(app, call.neutral());
                if (!attacked.equals(neutral)) {
                    failures.add(
                            call.function().signature()
                                    + " answers about other countries' records: "
                                    + call.attack()
                                    + " -> "
                                    + attacked
                                    + " but "
                                    + call.neutral()
                                    + " -> "
                                    + neutral);
                }
                Matcher ids = UUID_TEXT.matcher(attacked.startsWith("error") ? "" : attacked);
                while (ids.find()) {
                    if (foreignIds.contains(ids.group())) {
                        failures.add(
                                call.function().signature()
                                        + " returns another country's record "
                                        + ids.group()
                                        + ": "
                                        + call.attack()
                                        + " -> "
                                        + attacked);
                        break;
                    }
                }
            }
            app.rollback();
        }
        return failures;
    }

    /**
     * The temporary-view attack, with TEMPORARY granted to the application role for the duration
     * (as a misprovisioned database would): a temporary view named like every table, whose reading
     * raises an error, is never read by any SECURITY DEFINER function, called with the attack
     * arguments. Proves the search paths on their own, whatever the grants.
     */
    public List<String> shadowFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        List<Call> calls;
        try (Connection owner = catalog.owner()) {
            calls = calls(owner, true);
        }
        List<Table> tables = catalog.tables();
        try (Connection superuser =
                PostgresServer.shared().superuserConnection(catalog.database())) {
            boolean hadTemporary =
                    !AppRoleSession.column(
                                    superuser,
                                    "select 1 where has_database_privilege('"
                                            + catalog.db().appUser()
                                            + "', current_database(), 'TEMPORARY')")
                            .isEmpty();
            superuser
                    .createStatement()
                    .execute(
                            "grant temporary on database "
                                    + quote(catalog.database())
                                    + " to "
                                    + quote(catalog.db().appUser()));
            try (Connection app = AppRoleSession.open(catalog.db(), ATTACKER)) {
                try (Statement s = app.createStatement()) {
                    for (Table t : tables) {
                        String name = quote(t.name());
                        s.execute(
                                "create function pg_temp.backstop_shadow_"
                                        + t.name()
                                        + "() returns setof public."
                                        + name
                                        + " language plpgsql as $$ begin raise exception 'backstop: temporary shadow of "
                                        + t.name()
                                        + " read'; end $$");
                        s.execute(
                                "create temporary view "
                                        + name
                                        + " as select * from pg_temp.backstop_shadow_"
                                        + t.name()
                                        + "()");
                        // Readable by the owner role a definer function runs as: the attacker owns
                        // the view.
                        s.execute("grant select on pg_temp." + name + " to public");
                    }
                }
                for (Call call : calls) {
                    String answer = answer(app, call.attack());
                    if (answer.contains("temporary shadow")) {
                        failures.add(
                                call.function().signature()
                                        + " read a temporary object of the caller: "
                                        + answer);
                    }
                }
                app.rollback();
            } finally {
                if (!hadTemporary) {
                    superuser
                            .createStatement()
                            .execute(
                                    "revoke temporary on database "
                                            + quote(catalog.database())
                                            + " from "
                                            + quote(catalog.db().appUser()));
                }
            }
        }
        return failures;
    }

    private List<Call> calls(Connection owner) throws SQLException {
        return calls(owner, false);
    }

    /**
     * Calls built from other countries' rows: each sampled row of each table is a context, and a
     * function's parameters take that row's values by name (p_case: the row's case_id, or its id in
     * table cases; p_owner, p_tenant and the like: every country the row names, and the attacker;
     * p_reference: the row's reference), so that related ids and countries meet in one call as a
     * real question would put them.
     */
    List<Call> calls(Connection owner, boolean definersIncludingCrossTenant) throws SQLException {
        List<Map.Entry<String, Map<String, String>>> contexts = new ArrayList<>();
        for (Table t : catalog.tables()) {
            for (String json :
                    column(
                            owner,
                            "select row_to_json(t)::text from public."
                                    + quote(t.name())
                                    + " t order by random() limit "
                                    + CONTEXT_ROWS)) {
                contexts.add(Map.entry(t.name(), fields(owner, json)));
            }
        }
        Map<String, Call> calls = new LinkedHashMap<>();
        for (Function f : catalog.functions()) {
            // Only definer functions can see past the caller's policies: an invoker function
            // answers from what the
            // caller may read anyway (and a pure one, like audit_canonical, from its arguments
            // alone).
            if (!f.appMayExecute() || f.trigger() || !f.definer()) {
                continue;
            }
            if (!definersIncludingCrossTenant && "cross-tenant".equals(f.marker())) {
                continue;
            }
            for (var context : contexts) {
                List<List<String[]>> choices = new ArrayList<>();
                for (int i = 0; i < f.argNames().size(); i++) {
                    choices.add(
                            argumentChoices(
                                    f.argNames().get(i),
                                    f.argTypes().get(i),
                                    context.getKey(),
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
                    calls.putIfAbsent(
                            sql,
                            new Call(
                                    f,
                                    sql,
                                    "select * from "
                                            + callee
                                            + "("
                                            + String.join(", ", neutral)
                                            + ")"));
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
            Pattern.compile(
                    ".*(country|tenant|owner|from|to|by|reporter|coordinator|countries|tenants|owners).*");

    /**
     * (attack, neutral) SQL literals for one argument, from the context row, by the argument's type
     * and name.
     */
    private static List<String[]> argumentChoices(
            String name, String type, String table, Map<String, String> row) {
        String bare = name.replaceFirst("^p_", "");
        List<String> countries =
                new ArrayList<>(
                        row.values().stream()
                                .filter(v -> v != null && COUNTRY.matcher(v).matches())
                                .distinct()
                                .toList());
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
                    id =
                            row.entrySet().stream()
                                    .filter(
                                            e ->
                                                    e.getValue() != null
                                                            && e.getValue()
                                                                    .matches(
                                                                            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                                    .map(Map.Entry::getValue)
                                    .findFirst()
                                    .orElse(null);
                }
                choices.add(
                        id == null
                                ? new String[] {"null::uuid", "null::uuid"}
                                : new String[] {
                                    literal(id) + "::uuid",
                                    literal(UUID.nameUUIDFromBytes(id.getBytes()).toString())
                                            + "::uuid"
                                });
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
                    choices.add(
                            v == null
                                    ? new String[] {"'x'", "'x'"}
                                    : new String[] {
                                        literal(v),
                                        literal("zz-" + Integer.toHexString(v.hashCode()))
                                    });
                }
            }
            case "text[]" -> {
                String single = bare.replaceFirst("s$", "");
                if (COUNTRY_PARAMETER.matcher(bare).matches()) {
                    List<String> foreign = countries.subList(0, countries.size() - 1);
                    choices.add(
                            new String[] {
                                array(foreign),
                                array(foreign.stream().map(BackstopSql::neutralCountry).toList())
                            });
                } else {
                    String v =
                            row.getOrDefault(
                                    single,
                                    row.getOrDefault("normalized_" + single, row.get(bare)));
                    choices.add(
                            v == null
                                    ? new String[] {"'{}'::text[]", "'{}'::text[]"}
                                    : new String[] {
                                        array(List.of(v)),
                                        array(List.of("zz-" + Integer.toHexString(v.hashCode())))
                                    });
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
}
