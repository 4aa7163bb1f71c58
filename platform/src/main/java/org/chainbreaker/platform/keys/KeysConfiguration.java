package org.chainbreaker.platform.keys;

import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key store of a service that holds protected fields (imported by that service): the token and
 * the signed audit checkpoints of {@link KeyStoreConfiguration}, plus the countries' data keys. It
 * names at start the countries served without a key-encryption key, whose protected writes are
 * refused (FAILED_PRECONDITION).
 */
@Configuration(proxyBeanMethods = false)
@Import(KeyStoreConfiguration.class)
public class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    DataKeys dataKeys(
            CountryKeys keys,
            KeySettings settings,
            TenantDirectory tenants,
            JdbcTemplate jdbc,
            MaintenanceDatabase maintenance) {
        var missing =
                tenants.codes().stream()
                        .sorted()
                        .filter(code -> keys.currentLabel(code).isEmpty())
                        .toList();
        if (!missing.isEmpty()) {
            log.warn(
                    "the key store has no key-encryption key for {}: their protected fields cannot be written and"
                            + " read as withheld",
                    missing);
        }
        return new DataKeys(keys, jdbc, maintenance.jdbc(), settings.dataKeyLifetime());
    }

    @Bean
    FieldCipher fieldCipher(DataKeys dataKeys, CountryKeys keys) {
        return new FieldCipher(dataKeys, keys);
    }

    @Bean
    KeyRotation keyRotation(CountryKeys keys, MaintenanceDatabase maintenance) {
        return new KeyRotation(keys, maintenance.jdbc());
    }
}
