package org.chainbreaker.platform.keys;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's command for a country's key-encryption key, run beside the running services
 * (bin/rotate-kek, or a Kubernetes Job from a service's image), never inside them:
 *
 * <ul>
 *   <li>{@code rotate <CC>}: makes the country's next KEK in the token and re-wraps each of its
 *       data keys in this database under it, one row at a time (then {@code rewrap} for the
 *       others); no sealed value is touched, nothing is stopped (the services find the new key in
 *       the token when a row names it);
 *   <li>{@code rewrap <CC>}: re-wraps the country's data keys of this database and of every other
 *       one holding data keys ({@link #DATABASES}) under its current KEK, making none (after {@code
 *       rotate} ran against one of them);
 *   <li>{@code destroy-unused <CC>}: destroys the country's older KEKs that no data key uses any
 *       more, in this database nor in any other holding data keys, after a rotation;
 *   <li>{@code status <CC>}: the country's KEKs and how many data keys each wraps, over every
 *       database holding data keys.
 * </ul>
 *
 * Configured as the service is, from the environment or system properties: the token ({@code
 * CHAINBREAKER_KEYS_PIN}, {@code CHAINBREAKER_KEYS_PKCS11_CONFIG} or {@code
 * CHAINBREAKER_KEYS_PKCS11_LIBRARY}) and the service's database as the owner or maintenance role
 * ({@code SPRING_FLYWAY_URL}, {@code SPRING_FLYWAY_USER}, {@code SPRING_FLYWAY_PASSWORD}, or {@code
 * CHAINBREAKER_MAINTENANCE_USERNAME}/{@code _PASSWORD}); the other databases holding data keys
 * (case-, fugitive- and repatriation-service) in {@link #DATABASES}.
 */
public final class KekRotationCommand {

    private KekRotationCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the exit status (0 done, 1 failed, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2
                || !List.of("rotate", "rewrap", "destroy-unused", "status").contains(args[0])) {
            err.println("usage: rotate-kek rotate|rewrap|destroy-unused|status <COUNTRY>");
            return 2;
        }
        String country = args[1].toUpperCase(Locale.ROOT);
        StandardEnvironment environment = new StandardEnvironment();
        try (MaintenanceDatabase database = MaintenanceDatabase.from(environment)) {
            CountryKeys keys = CountryKeys.open(KeySettings.from(environment));
            KeyRotation rotation = new KeyRotation(keys, database.jdbc());
            if (args[0].equals("rotate")) {
                KeyRotation.Rotated rotated = rotation.rotate(country);
                out.printf(
                        "rotated %s: new key-encryption key %s, %d data key(s) re-wrapped%n",
                        country, rotated.newLabel(), rotated.rewrapped());
                return 0;
            }
            List<OtherDatabase> others = otherDatabases(environment, args[0]);
            try {
                // Every database answers before anything changes: one left out would lose its
                // fields with a destroyed key, or keep data keys under a key about to go.
                others.forEach(OtherDatabase::reach);
                List<JdbcTemplate> elsewhere =
                        others.stream().map(o -> o.database().jdbc()).toList();
                int databases = 1 + others.size();
                switch (args[0]) {
                    case "rewrap" -> {
                        KeyRotation.Rotated rewrapped = rotation.rewrap(country);
                        int count = rewrapped.rewrapped();
                        for (JdbcTemplate other : elsewhere) {
                            count += new KeyRotation(keys, other).rewrap(country).rewrapped();
                        }
                        out.printf(
                                "re-wrapped %s: %d data key(s) now under %s (%d database(s))%n",
                                country, count, rewrapped.newLabel(), databases);
                    }
                    case "destroy-unused" -> {
                        List<String> unused = rotation.unusedLabels(country, elsewhere);
                        for (String label : unused) {
                            keys.destroyLabel(label);
                        }
                        out.printf(
                                "destroyed %s: %s (no data key of %d database(s) uses them)%n",
                                country, unused, databases);
                    }
                    default ->
                            out.printf(
                                    "%s: %s data key(s) over %d database(s)%n",
                                    country, rotation.usage(country, elsewhere), databases);
                }
            } finally {
                others.forEach(o -> o.database().close());
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("rotate-kek " + args[0] + " " + country + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** A database of {@link #DATABASES}, named by its URL without the role's credentials. */
    record OtherDatabase(String name, MaintenanceDatabase database) {

        void reach() {
            try {
                database.jdbc()
                        .queryForObject("select count(*) from country_data_keys", Long.class);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "cannot read the data keys of "
                                + name
                                + " (CHAINBREAKER_KEYS_DATABASES): "
                                + rootMessage(e)
                                + "; nothing changed",
                        e);
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.getMessage();
        }
    }

    /**
     * How long the command tries to connect to each listed database before it refuses (the pool's
     * default, 30 s, would keep an operator waiting per database and per action).
     */
    static final Duration REACH_WITHIN = Duration.ofSeconds(5);

    /** Every database holding data keys besides the command's own; see {@link #DATABASES}. */
    public static final String DATABASES = "chainbreaker.keys.databases";

    /**
     * The other databases holding data keys ({@value #DATABASES}, CHAINBREAKER_KEYS_DATABASES):
     * comma-separated JDBC URLs, each with its owner or maintenance role as the {@code user} and
     * {@code password} parameters, or {@code none} when the command's database is the only one. A
     * key is destroyed only if no database uses it, and a count or a re-wrap of one database alone
     * would be read as the country's, so {@code status}, {@code rewrap} and {@code destroy-unused}
     * do not guess: left unset, they refuse; a listed database they cannot read, too.
     */
    static List<OtherDatabase> otherDatabases(StandardEnvironment environment, String action) {
        String value = environment.getProperty(DATABASES, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(
                    action
                            + " covers every database holding data keys, since each holds its own"
                            + " under the same country key: set CHAINBREAKER_KEYS_DATABASES to the"
                            + " JDBC URLs of the other"
                            + " databases (case-, fugitive- and repatriation-service, each"
                            + " ?user=...&password=... of its owner role), or to 'none' if this is"
                            + " the only one");
        }
        if (value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<OtherDatabase> databases = new java.util.ArrayList<>();
        for (String url : value.split(",")) {
            if (!url.isBlank()) {
                databases.add(
                        new OtherDatabase(
                                url.strip().replaceFirst("\\?.*", ""),
                                new MaintenanceDatabase(url.strip(), null, null, REACH_WITHIN)));
            }
        }
        return databases;
    }
}
