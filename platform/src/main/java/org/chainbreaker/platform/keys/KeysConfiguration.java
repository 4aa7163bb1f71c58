package org.chainbreaker.platform.keys;

import java.time.Clock;
import java.time.Duration;
import org.chainbreaker.platform.ChainbreakerProperties;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.CheckpointSchedule;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key store of a service that holds protected fields (imported by that service): it does not
 * start without its token (no PIN, wrong PIN, no library are start failures that say so), and it
 * names at start the countries served without a key-encryption key, whose protected writes are
 * refused (FAILED_PRECONDITION).
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    KeySettings keySettings(Environment environment) {
        return KeySettings.from(environment);
    }

    @Bean
    CountryKeys countryKeys(KeySettings settings, TenantDirectory tenants) {
        CountryKeys keys = CountryKeys.open(settings);
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
        return keys;
    }

    @Bean
    DataKeys dataKeys(
            CountryKeys keys,
            KeySettings settings,
            JdbcTemplate jdbc,
            MaintenanceDatabase maintenance) {
        return new DataKeys(keys, jdbc, maintenance.jdbc(), settings.dataKeyLifetime());
    }

    @Bean
    FieldCipher fieldCipher(DataKeys dataKeys, CountryKeys keys) {
        return new FieldCipher(dataKeys, keys);
    }

    /**
     * Signed audit checkpoints (issue 18), with the token's {@code audit-signing-<n>} key; without
     * one the service starts, says so, and signs nothing.
     */
    @Bean
    AuditCheckpoints auditCheckpoints(
            CountryKeys keys,
            JdbcTemplate jdbc,
            TenantTransactions transactions,
            AuditTrail audit,
            TenantDirectory tenants,
            Clock clock,
            Environment environment,
            ChainbreakerProperties properties) {
        if (keys.auditSigner().isEmpty()) {
            log.warn(
                    "the key store has no audit signing key (audit-signing-1): no audit checkpoints are signed");
        }
        String prefix = "chainbreaker.audit.checkpoints.";
        return new AuditCheckpoints(
                environment.getRequiredProperty("spring.application.name"),
                jdbc,
                transactions,
                audit,
                keys::auditSigner,
                tenants,
                clock,
                new AuditCheckpoints.Settings(
                        environment.getProperty(prefix + "every-entries", Long.class, 1000L),
                        environment.getProperty(
                                prefix + "interval", Duration.class, Duration.ofMinutes(10)),
                        environment.getProperty(
                                prefix + "check-every", Duration.class, Duration.ofSeconds(10))),
                properties.retention().audit());
    }

    @Bean
    CheckpointSchedule checkpointSchedule(AuditCheckpoints checkpoints) {
        return new CheckpointSchedule(checkpoints);
    }

    @Bean
    KeyRotation keyRotation(CountryKeys keys, MaintenanceDatabase maintenance) {
        return new KeyRotation(keys, maintenance.jdbc());
    }
}
