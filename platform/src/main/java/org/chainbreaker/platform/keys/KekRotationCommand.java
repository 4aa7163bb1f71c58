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
 *       more (after a rotation);
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
                    List<String> unused = rotation.unusedLabels(country);
                    for (String label : unused) {
                        keys.destroyLabel(label);
                    }
                    out.printf("destroyed %s: %s%n", country, unused);
                }
                default -> out.printf("%s: %s%n", country, rotation.usage(country));
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("rotate-kek " + args[0] + " " + country + " failed: " + e.getMessage());
            return 1;
        }
    }
}
