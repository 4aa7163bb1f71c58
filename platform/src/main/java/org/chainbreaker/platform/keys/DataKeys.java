package org.chainbreaker.platform.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each country's data keys: Tink AES-256-GCM keysets stored in {@code country_data_keys} only
 * wrapped by the country's key-encryption key in the token. An unwrapped keyset is kept in memory
 * for the data-key lifetime, so that a read costs no token call; after that the token is asked
 * again, which is how destroying a country's key in the HSM reaches every replica.
 */
public final class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A data key ready to use. */
    public record DataKey(String country, int version, Aead aead) {}

    private record Loaded(Optional<DataKey> key, long loadedAt) {}

    private final CountryKeys keys;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate maintenance;
    private final long lifetimeNanos;
    private final ConcurrentMap<String, Loaded> byVersion = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Loaded> current = new ConcurrentHashMap<>();

    /**
     * @param jdbc the application's connections (reads)
     * @param maintenance the maintenance connection, which alone may add data keys (the application
     *     role only reads them)
     */
    public DataKeys(
            CountryKeys keys, JdbcTemplate jdbc, JdbcTemplate maintenance, Duration lifetime) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.lifetimeNanos = lifetime.toNanos();
    }

    /**
     * The keyset's associated data: a wrapped keyset moved to another country or version does not
     * open.
     */
    static byte[] wrappingContext(String country, int version) {
        return ("chainbreaker data key " + country + " v" + version)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The data key a stored value names; empty when the country's key-encryption key no longer
     * opens it.
     */
    public Optional<DataKey> forReading(String country, int version) {
        String id = country + "/" + version;
        Loaded loaded = byVersion.get(id);
        if (loaded == null || expired(loaded)) {
            loaded = new Loaded(load(country, version), System.nanoTime());
            byVersion.put(id, loaded);
        }
        return loaded.key();
    }

    /**
     * The data key new values of the country are sealed with, made on the country's first protected
     * write.
     *
     * @throws FailedPreconditionException when the country has no key-encryption key in the token
     */
    public DataKey forWriting(String country) {
        Loaded loaded = current.get(country);
        if (loaded == null || expired(loaded) || loaded.key().isEmpty()) {
            loaded = new Loaded(loadCurrent(country), System.nanoTime());
            current.put(country, loaded);
        }
        return loaded.key()
                .orElseThrow(
                        () ->
                                new FailedPreconditionException(
                                        "country "
                                                + country
                                                + " has no key-encryption key in the key store: its protected fields cannot be written"));
    }

    /**
     * Forgets what was unwrapped for the country (after shredding or rotating it in this process).
     */
    public void forget(String country) {
        current.remove(country);
        byVersion.keySet().removeIf(id -> id.startsWith(country + "/"));
        keys.forgetHandles();
    }

    private boolean expired(Loaded loaded) {
        return System.nanoTime() - loaded.loadedAt() > lifetimeNanos;
    }

    private Optional<DataKey> loadCurrent(String country) {
        if (keys.currentLabel(country).isEmpty()) {
            // A key the operator made since this process last listed the token.
            keys.refreshIfStale();
            if (keys.currentLabel(country).isEmpty()) {
                return Optional.empty();
            }
        }
        Integer version = latestVersion(country);
        if (version == null) {
            create(country, 1);
            return load(country, latestVersion(country));
        }
        Optional<DataKey> latest = load(country, version);
        if (latest.isEmpty()) {
            // The country's earlier keys were destroyed and it has a new one: new values get a new
            // data key, what
            // was sealed before stays unreadable.
            create(country, version + 1);
            return load(country, latestVersion(country));
        }
        return latest;
    }

    private Integer latestVersion(String country) {
        return jdbc.queryForObject(
                "select max(version) from country_data_keys where country = ?",
                Integer.class,
                country);
    }

    private Optional<Wrapped> wrapped(String country, int version) {
        return jdbc
                .query(
                        "select kek_label, wrapped from country_data_keys where country = ? and version = ?",
                        (rs, n) -> new Wrapped(rs.getString(1), rs.getBytes(2)),
                        country,
                        version)
                .stream()
                .findFirst();
    }

    private Optional<DataKey> load(String country, int version) {
        Optional<Wrapped> found = wrapped(country, version);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Wrapped row = found.get();
        Optional<TokenAead> kek = keys.kek(row.kekLabel());
        if (kek.isEmpty()) {
            // An operator's rotation in another process may have made the key since this process
            // last listed the token, or re-wrapped the row (and destroyed the old key) since it was
            // read: look at both again before calling the fields withheld.
            keys.refresh();
            found = wrapped(country, version);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            row = found.get();
            kek = keys.kek(row.kekLabel());
        }
        if (kek.isEmpty()) {
            log.warn(
                    "data key {} v{} is wrapped by {}, which the token no longer holds: the country's protected"
                            + " fields are withheld",
                    country,
                    version,
                    row.kekLabel());
            return Optional.empty();
        }
        try {
            KeysetHandle keyset =
                    TinkProtoKeysetFormat.parseEncryptedKeyset(
                            row.wrapped(), kek.get(), wrappingContext(country, version));
            return Optional.of(
                    new DataKey(
                            country,
                            version,
                            keyset.getPrimitive(RegistryConfiguration.get(), Aead.class)));
        } catch (GeneralSecurityException e) {
            log.error(
                    "data key {} v{} does not unwrap under {}: withheld ({})",
                    country,
                    version,
                    row.kekLabel(),
                    e.toString());
            return Optional.empty();
        }
    }

    private record Wrapped(String kekLabel, byte[] wrapped) {}

    /**
     * A new keyset for the country, wrapped by its current key; committed at once on the
     * maintenance connection (never rolled back with the caller's transaction, which would leave
     * values sealed under a lost key); replicas racing agree on the first.
     */
    private void create(String country, int version) {
        String label = keys.currentLabel(country).orElseThrow();
        Optional<TokenAead> current = keys.kek(label);
        if (current.isEmpty()) {
            // The listed key was destroyed by another process (rotated and destroyed by the
            // operator's command): list the token again and wrap under what is current now.
            keys.refresh();
            label = keys.currentLabel(country).orElse(label);
            current = keys.kek(label);
        }
        String wrappingLabel = label;
        TokenAead kek =
                current.orElseThrow(
                        () ->
                                new FailedPreconditionException(
                                        "country "
                                                + country
                                                + " has no key-encryption key in the key store ("
                                                + wrappingLabel
                                                + " is gone): its protected fields cannot be written"));
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped =
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(
                            keyset, kek, wrappingContext(country, version));
            maintenance.update(
                    "insert into country_data_keys (country, version, kek_label, wrapped) values (?, ?, ?, ?)"
                            + " on conflict do nothing",
                    country,
                    version,
                    label,
                    wrapped);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot make a data key for " + country + ": " + e, e);
        }
    }
}
