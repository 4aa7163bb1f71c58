package org.chainbreaker.platform.keys;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
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

    /**
     * The profile under which {@value #UNSEALED_COUNTRIES} is honoured: {@code bin/bench
     * protected-fields} alone.
     */
    public static final String BENCHMARK_PROFILE = "benchmark";

    /** Countries whose protected fields are stored in clear: the benchmark's "before". */
    public static final String UNSEALED_COUNTRIES = "chainbreaker.keys.unsealed-countries";

    @Bean
    FieldCipher fieldCipher(DataKeys dataKeys, CountryKeys keys, Environment environment) {
        Set<String> unsealed =
                Stream.of(
                                environment.getProperty(
                                        UNSEALED_COUNTRIES, String[].class, new String[0]))
                        .map(String::trim)
                        .filter(code -> !code.isEmpty())
                        .collect(Collectors.toSet());
        if (unsealed.isEmpty()) {
            return new FieldCipher(dataKeys, keys);
        }
        if (!environment.matchesProfiles(BENCHMARK_PROFILE)) {
            throw new KeyStoreUnavailableException(
                    UNSEALED_COUNTRIES
                            + " is set ("
                            + unsealed
                            + "): protected fields stored in clear are for bin/bench protected-fields only,"
                            + " under the profile '"
                            + BENCHMARK_PROFILE
                            + "'; remove it");
        }
        log.warn(
                "benchmark profile: new protected fields of {} are stored in clear ({})",
                unsealed,
                UNSEALED_COUNTRIES);
        return new FieldCipher(dataKeys, keys, unsealed);
    }

    @Bean
    KeyRotation keyRotation(CountryKeys keys, MaintenanceDatabase maintenance) {
        return new KeyRotation(keys, maintenance.jdbc());
    }
}
