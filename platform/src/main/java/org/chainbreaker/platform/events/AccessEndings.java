package org.chainbreaker.platform.events;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who lost a record by a change, decided by the database's own row-level policies in the changing
 * transaction ({@code chainbreaker_seen_by}, platform V13): take {@link #seers} before the change,
 * then {@link #lost} after it. A country that still sees the record by any path (another grant, a
 * pass-on, an operation, an assignment, ownership) is not among the lost, and neither is one that
 * did not see it before (an expired grant already told), so each loss is told once.
 */
public final class AccessEndings {

    private final JdbcTemplate jdbc;
    private final TenantDirectory tenants;

    public AccessEndings(JdbcTemplate jdbc, TenantDirectory tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** The countries other than the owner that see row {@code id} of {@code table} now. */
    public Set<String> seers(String table, UUID id, String owner) {
        return seeing(table, id, tenants.codes().stream().filter(c -> !c.equals(owner)).toList());
    }

    /** Of the countries that saw the record before the change, those that do not any more. */
    public List<String> lost(Set<String> before, String table, UUID id) {
        if (before.isEmpty()) {
            return List.of();
        }
        Set<String> after = seeing(table, id, before);
        return before.stream().filter(c -> !after.contains(c)).sorted().toList();
    }

    private Set<String> seeing(String table, UUID id, Collection<String> countries) {
        return new TreeSet<>(
                jdbc.queryForList(
                        "select c from unnest(?::text[]) c"
                                + " where chainbreaker_seen_by(?::regclass, ?, c)",
                        String.class,
                        countries.toArray(String[]::new),
                        table,
                        id));
    }
}
