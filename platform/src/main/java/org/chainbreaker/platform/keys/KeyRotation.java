package org.chainbreaker.platform.keys;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rotates a country's key-encryption key online: the token makes the next key, and every data key
 * of the country is unwrapped under its old key and wrapped under the new one, one row at a time in
 * its own statement. No sealed field is touched (its data key is the same), readers keep working
 * throughout (a reader that fetched a row just before its re-wrap opens it with the old key, which
 * stays in the token until the operator destroys it once the rotation is done: {@link
 * CountryKeys#destroyLabel}). Runs as the owner role (the application role cannot update data
 * keys).
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final CountryKeys keys;
    private final JdbcTemplate owner;

    public KeyRotation(CountryKeys keys, JdbcTemplate owner) {
        this.keys = keys;
        this.owner = owner;
    }

    /** The outcome: the new label and how many data keys now use it. */
    public record Rotated(String country, String newLabel, int rewrapped) {}

    public Rotated rotate(String country) {
        return rewrapTo(country, keys.createKek(country));
    }

    /**
     * Re-wraps this database's data keys of the country under its current key-encryption key,
     * making none: for the second database holding the country's data keys after {@link #rotate}
     * ran against the first, so that both use one KEK and the older ones can go.
     */
    public Rotated rewrap(String country) {
        keys.refreshIfStale();
        String current =
                keys.currentLabel(country)
                        .orElseThrow(
                                () ->
                                        new KeyStoreUnavailableException(
                                                country
                                                        + " has no key-encryption key in the token: nothing to re-wrap under"));
        return rewrapTo(country, current);
    }

    private Rotated rewrapTo(String country, String next) {
        TokenAead newKek = keys.kek(next).orElseThrow();
        record Row(int version, String kekLabel, byte[] wrapped) {}
        List<Row> rows =
                owner.query(
                        "select version, kek_label, wrapped from country_data_keys where country = ?"
                                + " and kek_label <> ? order by version",
                        (rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getBytes(3)),
                        country,
                        next);
        int done = 0;
        for (Row row : rows) {
            TokenAead oldKek =
                    keys.kek(row.kekLabel())
                            .orElseThrow(
                                    () ->
                                            new KeyStoreUnavailableException(
                                                    "data key "
                                                            + country
                                                            + " v"
                                                            + row.version()
                                                            + " is wrapped by "
                                                            + row.kekLabel()
                                                            + ", which the token no longer holds: nothing to re-wrap"));
            byte[] context = DataKeys.wrappingContext(country, row.version());
            try {
                KeysetHandle keyset =
                        TinkProtoKeysetFormat.parseEncryptedKeyset(row.wrapped(), oldKek, context);
                byte[] rewrapped =
                        TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, newKek, context);
                // Only if nobody re-wrapped it meanwhile (another replica rotating).
                done +=
                        owner.update(
                                "update country_data_keys set kek_label = ?, wrapped = ?, rewrap_time = now()"
                                        + " where country = ? and version = ? and kek_label = ?",
                                next,
                                rewrapped,
                                country,
                                row.version(),
                                row.kekLabel());
            } catch (GeneralSecurityException e) {
                throw new KeyStoreUnavailableException(
                        "cannot re-wrap data key " + country + " v" + row.version(), e);
            }
        }
        log.info(
                "rotated {}'s key-encryption key to {}: {} data key(s) re-wrapped",
                country,
                next,
                done);
        return new Rotated(country, next, done);
    }

    /**
     * The key-encryption keys of the country that no data key uses any more, in this database nor
     * in {@code elsewhere} (the owner connections of every other database holding data keys), and
     * that are not its current one: safe to destroy after a rotation. Each service's database holds
     * data keys of its own; a database left out here would lose its fields with the key.
     */
    public List<String> unusedLabels(String country, List<JdbcTemplate> elsewhere) {
        java.util.Set<String> used = new java.util.HashSet<>(usedLabels(owner, country));
        for (JdbcTemplate database : elsewhere) {
            used.addAll(usedLabels(database, country));
        }
        return keys.labels(country).stream()
                .filter(label -> !used.contains(label))
                .filter(label -> !label.equals(keys.currentLabel(country).orElse("")))
                .toList();
    }

    private static List<String> usedLabels(JdbcTemplate database, String country) {
        return database.queryForList(
                "select distinct kek_label from country_data_keys where country = ?",
                String.class,
                country);
    }

    /** The country's key-encryption keys in the token, each with how many data keys it wraps. */
    public java.util.Map<String, Integer> usage(String country) {
        return usage(country, List.of());
    }

    /**
     * The same over this database and {@code elsewhere} (every other database holding data keys): a
     * key that wraps none here may still wrap another database's.
     */
    public java.util.Map<String, Integer> usage(String country, List<JdbcTemplate> elsewhere) {
        java.util.Map<String, Integer> usage = new java.util.LinkedHashMap<>();
        keys.labels(country).forEach(label -> usage.put(label, 0));
        java.util.List<JdbcTemplate> databases = new java.util.ArrayList<>(elsewhere);
        databases.addFirst(owner);
        for (JdbcTemplate database : databases) {
            database.query(
                    "select kek_label, count(*) from country_data_keys where country = ? group by kek_label",
                    rs -> {
                        usage.merge(rs.getString(1), rs.getInt(2), Integer::sum);
                    },
                    country);
        }
        return usage;
    }
}
