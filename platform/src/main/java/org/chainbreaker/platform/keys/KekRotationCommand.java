package org.chainbreaker.platform.keys;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.springframework.core.env.StandardEnvironment;

/**
 * The operator's command for a country's key-encryption key (issue 18), run beside the running
 * services (bin/rotate-kek, or a Kubernetes Job from a service's image), never inside them:
 *
 * <ul>
 *   <li>{@code rotate <CC>}: makes the country's next KEK in the token and re-wraps each of its
 *       data keys under it, one row at a time; no sealed value is touched, nothing is stopped (the
 *       services find the new key in the token when a row names it);
 *   <li>{@code rewrap <CC>}: re-wraps this database's data keys of the country under its current
 *       KEK without making one (the second database, after {@code rotate} ran against the first);
 *   <li>{@code destroy-unused <CC>}: destroys the country's older KEKs that no data key uses any
 *       more, in this database nor in any other holding data keys ({@link #DATABASES}), after a
 *       rotation;
 *   <li>{@code status <CC>}: the country's KEKs and how many data keys each wraps.
 * </ul>
 *
 * Configured as the service is, from the environment or system properties: the token ({@code
 * CHAINBREAKER_KEYS_PIN}, {@code CHAINBREAKER_KEYS_PKCS11_CONFIG} or {@code
 * CHAINBREAKER_KEYS_PKCS11_LIBRARY}) and the service's database as the owner or maintenance role
 * ({@code SPRING_FLYWAY_URL}, {@code SPRING_FLYWAY_USER}, {@code SPRING_FLYWAY_PASSWORD}, or {@code
 * CHAINBREAKER_MAINTENANCE_USERNAME}/{@code _PASSWORD}). Run it once per service database that
 * holds the country's data keys (case-, fugitive- and repatriation-service).
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
            switch (args[0]) {
                case "rotate" -> {
                    KeyRotation.Rotated rotated = rotation.rotate(country);
                    out.printf(
                            "rotated %s: new key-encryption key %s, %d data key(s) re-wrapped%n",
                            country, rotated.newLabel(), rotated.rewrapped());
                }
                case "rewrap" -> {
                    KeyRotation.Rotated rewrapped = rotation.rewrap(country);
                    out.printf(
                            "re-wrapped %s: %d data key(s) now under %s%n",
                            country, rewrapped.rewrapped(), rewrapped.newLabel());
                }
                case "destroy-unused" -> {
                    List<MaintenanceDatabase> others = otherDatabases(environment);
                    try {
                        List<String> unused =
                                rotation.unusedLabels(
                                        country,
                                        others.stream().map(MaintenanceDatabase::jdbc).toList());
                        for (String label : unused) {
                            keys.destroyLabel(label);
                        }
                        out.printf(
                                "destroyed %s: %s (no data key of %d database(s) uses them)%n",
                                country, unused, 1 + others.size());
                    } finally {
                        others.forEach(MaintenanceDatabase::close);
                    }
                }
                default -> out.printf("%s: %s%n", country, rotation.usage(country));
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("rotate-kek " + args[0] + " " + country + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** Every database holding data keys besides the command's own; see {@link #DATABASES}. */
    public static final String DATABASES = "chainbreaker.keys.databases";

    /**
     * The other databases holding data keys ({@value #DATABASES}, CHAINBREAKER_KEYS_DATABASES):
     * comma-separated JDBC URLs, each with its owner or maintenance role as the {@code user} and
     * {@code password} parameters, or {@code none} when the command's database is the only one. A
     * key is destroyed only if no database uses it, so {@code destroy-unused} does not guess: left
     * unset, it refuses.
     */
    static List<MaintenanceDatabase> otherDatabases(StandardEnvironment environment) {
        String value = environment.getProperty(DATABASES, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(
                    "destroy-unused destroys a key only if no database holding data keys uses it:"
                            + " set CHAINBREAKER_KEYS_DATABASES to the JDBC URLs of the other"
                            + " databases (case-, fugitive- and repatriation-service, each"
                            + " ?user=...&password=... of its owner role), or to 'none' if this is"
                            + " the only one");
        }
        if (value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<MaintenanceDatabase> databases = new java.util.ArrayList<>();
        for (String url : value.split(",")) {
            if (!url.isBlank()) {
                databases.add(new MaintenanceDatabase(url.strip(), null, null));
            }
        }
        return databases;
    }
}
