package org.chainbreaker.platform.keys;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * Where the countries' key-encryption keys live: a PKCS#11 token reached through the JDK's
 * SunPKCS11 provider. {@code chainbreaker.keys.pkcs11-config} (a SunPKCS11 configuration file)
 * serves a real HSM or a cloud KMS's PKCS#11 library; without it the provider is configured from
 * {@code pkcs11-library} and {@code slot-list-index} (SoftHSM2 locally). The PIN comes from a
 * secret, never from the database.
 *
 * @param dataKeyLifetime how long an unwrapped data key is kept in memory: the bound on how long a
 *     replica keeps reading a country's fields after its key-encryption key was destroyed in the
 *     HSM
 */
public record KeySettings(
        String pkcs11Config,
        String library,
        int slotListIndex,
        String pin,
        Duration dataKeyLifetime) {

    public static final String PREFIX = "chainbreaker.keys.";

    public static KeySettings from(Environment environment) {
        String pin = environment.getProperty(PREFIX + "pin");
        if (pin == null || pin.isEmpty()) {
            throw new KeyStoreUnavailableException(
                    "chainbreaker.keys.pin is not set: this service encrypts protected"
                            + " fields under each country's key in a PKCS#11 token and needs the token's user PIN"
                            + " (from a secret; the local stack and the tests set it for SoftHSM2)");
        }
        return new KeySettings(
                environment.getProperty(PREFIX + "pkcs11-config", ""),
                environment.getProperty(
                        PREFIX + "pkcs11-library", "/usr/lib/softhsm/libsofthsm2.so"),
                environment.getProperty(PREFIX + "slot-list-index", Integer.class, 0),
                pin,
                environment.getProperty(
                        PREFIX + "data-key-lifetime", Duration.class, Duration.ofSeconds(30)));
    }

    /** The provider configuration: the file named, or an inline one for the library. */
    String providerConfig() {
        if (!pkcs11Config.isEmpty()) {
            return pkcs11Config;
        }
        // Keys made here are token objects that never leave the token (sensitive, not extractable).
        return "--name=chainbreaker\nlibrary="
                + library
                + "\nslotListIndex="
                + slotListIndex
                + "\n"
                + "attributes(generate, CKO_SECRET_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
    }

    @Override
    public String toString() {
        return "KeySettings[pkcs11Config="
                + pkcs11Config
                + ", library="
                + library
                + ", slotListIndex="
                + slotListIndex
                + ", pin=(hidden), dataKeyLifetime="
                + dataKeyLifetime
                + "]";
    }
}
