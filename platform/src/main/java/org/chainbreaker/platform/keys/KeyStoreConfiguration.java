package org.chainbreaker.platform.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.chainbreaker.platform.ChainbreakerProperties;
import org.chainbreaker.platform.audit.AuditCheckpoints;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.audit.CheckpointSchedule;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PKCS#11 token of a service and the signed audit checkpoints it makes with the token's {@code
 * audit-signing-<n>} key, imported by every service that signs its audit chain (the
 * fugitive-service, which seals nothing, imports this alone; the others through {@link
 * KeysConfiguration}). It does not start without its token: no PIN, a wrong PIN, no library are
 * start failures that say so.
 */
@Configuration(proxyBeanMethods = false)
public class KeyStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreConfiguration.class);

    @Bean
    KeySettings keySettings(Environment environment) {
        return KeySettings.from(environment);
    }

    @Bean
    CountryKeys countryKeys(KeySettings settings) {
        return CountryKeys.open(settings);
    }

    /**
     * Signed audit checkpoints, with the token's newest {@code audit-signing-<n>} key; without one
     * the service starts, says so, and signs nothing.
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
        if (keys.auditSigners().isEmpty()) {
            log.warn(
                    "the key store has no audit signing key (audit-signing-1): no audit checkpoints are signed");
        }
        String prefix = "chainbreaker.audit.checkpoints.";
        return new AuditCheckpoints(
                environment.getRequiredProperty("spring.application.name"),
                jdbc,
                transactions,
                audit,
                new AuditCheckpoints.SigningKeys() {
                    @Override
                    public List<TokenSigner> all() {
                        return keys.auditSigners();
                    }

                    @Override
                    public void refresh(boolean always) {
                        if (always) {
                            keys.refresh();
                        } else {
                            keys.refreshIfStale();
                        }
                    }
                },
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
}
