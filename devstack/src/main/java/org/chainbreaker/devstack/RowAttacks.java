package org.chainbreaker.devstack;

import static org.chainbreaker.devstack.BackstopSql.*;
import static org.chainbreaker.devstack.DatabaseBackstop.ATTACKER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chainbreaker.devstack.DatabaseBackstop.Table;

/** Rows: select, update, delete aimed at every row; inserts of copies of them; forged events. */
final class RowAttacks {

    private static final int SAMPLE_ROWS = 12;

    private final BackstopCatalog catalog;
    int tablesAttacked;
    int rowsAttacked;
    int inserts;

    RowAttacks(BackstopCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * For every table with row-level security: as the attacker, a read of all rows and of each row
     * by its ctid finds nothing; an update and a delete aimed at every row change nothing; an
     * insert of a copy of another country's row, and (for tables whose rows point at other records)
     * of that copy with each country in it replaced by the attacker, is refused by a policy. {@code
     * unseeded} names tables that may be empty, with why.
     */
    public List<String> rowAttackFailures(Map<String, String> unseeded) throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection owner = catalog.owner();
                Connection app = AppRoleSession.open(catalog.db(), ATTACKER)) {
            for (Table t : catalog.tables()) {
                if (!t.rowSecurity() || t.appPrivileges().isEmpty()) {
                    continue;
                }
                String table = quote(t.name());
                List<String> ctids = column(owner, "select ctid::text from public." + table);
                if (ctids.isEmpty()) {
                    if (!unseeded.containsKey(t.name())) {
                        failures.add(
                                "table "
                                        + t.name()
                                        + " has no rows to attack: seed it, or say why it cannot be");
                    }
                    continue;
                }
                tablesAttacked++;
                rowsAttacked += ctids.size();
                String all =
                        "'{"
                                + String.join(
                                        ",", ctids.stream().map(c -> "\"" + c + "\"").toList())
                                + "}'::tid[]";
                if (t.appPrivileges().contains("SELECT")) {
                    expectCount(
                            app,
                            failures,
                            "select count(*) from public." + table,
                            0,
                            t.name() + ": rows read");
                    expectCount(
                            app,
                            failures,
                            "select count(*) from public."
                                    + table
                                    + " where ctid = any("
                                    + all
                                    + ")",
                            0,
                            t.name() + ": rows read by ctid");
                }
                String firstColumn = quote(t.columns().getFirst());
                if (t.appPrivileges().contains("UPDATE")) {
                    expectChanged(
                            app,
                            failures,
                            "update public."
                                    + table
                                    + " set "
                                    + firstColumn
                                    + " = "
                                    + firstColumn
                                    + " where ctid = any("
                                    + all
                                    + ")",
                            t.name() + ": rows updated");
                }
                if (t.appPrivileges().contains("DELETE")) {
                    expectChanged(
                            app,
                            failures,
                            "delete from public." + table + " where ctid = any(" + all + ")",
                            t.name() + ": rows deleted");
                }
                if (t.appPrivileges().contains("INSERT")) {
                    for (String json :
                            column(
                                    owner,
                                    "select row_to_json(t)::text from public."
                                            + table
                                            + " t order by random() limit "
                                            + SAMPLE_ROWS)) {
                        String columns =
                                String.join(
                                        ", ",
                                        t.insertableColumns().stream()
                                                .map(BackstopSql::quote)
                                                .toList());
                        for (String variant : variants(owner, json, t)) {
                            expectRefused(
                                    app,
                                    failures,
                                    "insert into public."
                                            + table
                                            + " ("
                                            + columns
                                            + ") select "
                                            + columns
                                            + " from json_populate_record(null::public."
                                            + table
                                            + ", '"
                                            + variant.replace("'", "''")
                                            + "'::json)",
                                    t.name() + " " + variant);
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
     * The row itself, and where it points at another record (a foreign key that is set), the row
     * with each country in it made the attacker's: still aimed at the record it points at. (A row
     * pointing at nothing, with its countries made the attacker's, is merely the attacker's own new
     * row.)
     */
    private List<String> variants(Connection owner, String json, Table t) throws SQLException {
        List<String> variants = new ArrayList<>(List.of(json));
        Map<String, String> fields = fields(owner, json);
        if (t.foreignKeyColumns().stream().allMatch(c -> fields.get(c) == null)) {
            return variants;
        }
        List<String> countryFields = new ArrayList<>();
        try (var ps =
                owner.prepareStatement(
                        "select key from json_each_text(?::json) where value ~ '^[A-Z]{2}$|^INTERPOL$|^ASEANAPOL$'")) {
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

    /**
     * An event about another country's record, appended under the attacker's own name: refused, for
     * every record type and record that has events (the outbox belongs to the platform, every
     * service has it).
     */
    public List<String> forgedEventFailures() throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection owner = catalog.owner();
                Connection app = AppRoleSession.open(catalog.db(), ATTACKER)) {
            List<String> targets =
                    column(
                            owner,
                            """
                    select distinct on (record_type, owner_country) record_type || '|' || record_id || '|' || owner_country
                      from outbox_events order by record_type, owner_country, id desc""");
            if (targets.isEmpty()) {
                failures.add("no events to forge: seed the database");
            }
            for (String target : targets) {
                String[] parts = target.split("\\|", 3);
                for (String ownerCountry : List.of(ATTACKER, parts[2])) {
                    expectRefused(
                            app,
                            failures,
                            """
                            insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user)
                            values (now(), '%s', '%s', '%s', 'backstop.forged', 'attacker')"""
                                    .formatted(
                                            ownerCountry,
                                            parts[0].replace("'", "''"),
                                            parts[1].replace("'", "''")),
                            "event of " + parts[0] + " " + parts[1] + " owned by " + ownerCountry);
                }
            }
            app.rollback();
        }
        return failures;
    }
}
