package org.chainbreaker.fugitives.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.NormalizedName;
import org.chainbreaker.fugitives.domain.names.Scripts;

/**
 * The loop of a Java migration that reads the stored names of wanted persons again with the
 * service's normaliser (so a record stored earlier carries what the service writes now): every
 * record the condition selects, its primary name and aliases normalised exactly as the service
 * normalises a new record's, handed to the migration's own writes; the migration's statements are
 * executed as batches of {@link #BATCH} records, in the order given (a delete before the insert
 * that replaces its rows). Runs under Flyway's connection, as the owner role, so it reaches every
 * country's records.
 */
public final class StoredNamesReread {

    public static final int BATCH = 1_000;

    /** One name of a record: its number (0 the primary name, 1.. the aliases) and its reading. */
    public record StoredName(int nameNo, String name, NormalizedName normalized) {}

    /** A stored record as the migration needs it: its names in order, blank ones left out. */
    public record StoredPerson(
            Object id, String ownerCountry, Object birthYear, List<StoredName> names) {}

    /** What a migration writes for one record, as batched statements. */
    @FunctionalInterface
    public interface Writes {
        void of(StoredPerson person) throws SQLException;
    }

    private StoredNamesReread() {}

    /**
     * Reads every wanted person ({@code where} an SQL condition on {@code wanted_persons}, or empty
     * for all), hands each to {@code writes}, and executes {@code batches} every {@link #BATCH}
     * records and at the end.
     */
    public static void each(
            Connection connection, String where, Writes writes, PreparedStatement... batches)
            throws SQLException {
        try (Statement read = connection.createStatement()) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs =
                    read.executeQuery(
                            "select id, owner_country, birth_year, primary_name, primary_script,"
                                    + " aliases, alias_scripts from wanted_persons"
                                    + (where.isEmpty() ? "" : " where " + where))) {
                while (rs.next()) {
                    writes.of(person(rs));
                    if (++pending == BATCH) {
                        execute(batches);
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                execute(batches);
            }
        }
    }

    private static StoredPerson person(ResultSet rs) throws SQLException {
        String[] aliases = strings(rs.getArray("aliases"));
        String[] scripts = strings(rs.getArray("alias_scripts"));
        List<StoredName> names = new ArrayList<>();
        for (int i = -1; i < aliases.length; i++) {
            String name = i < 0 ? rs.getString("primary_name") : aliases[i];
            String script =
                    i < 0 ? rs.getString("primary_script") : i < scripts.length ? scripts[i] : "";
            if (name == null || name.isBlank()) {
                continue;
            }
            NormalizedName normalized =
                    NameNormalizer.normalize(
                            name,
                            script == null || script.isEmpty()
                                    ? Scripts.detect(name.strip())
                                    : script);
            names.add(new StoredName(i + 1, name, normalized));
        }
        return new StoredPerson(
                rs.getObject("id"),
                rs.getString("owner_country"),
                rs.getObject("birth_year"),
                List.copyOf(names));
    }

    private static void execute(PreparedStatement... batches) throws SQLException {
        for (PreparedStatement s : batches) {
            s.executeBatch();
        }
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
