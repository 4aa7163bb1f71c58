package org.chainbreaker.platform;

import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.AccessEndings;
import org.chainbreaker.platform.events.CursorCodec;
import org.chainbreaker.platform.events.EventFeed;
import org.chainbreaker.platform.events.EventSignal;
import org.chainbreaker.platform.events.EventTails;
import org.chainbreaker.platform.events.GrantEndings;
import org.chainbreaker.platform.events.Outbox;
import org.chainbreaker.platform.events.OutboxBacklog;
import org.chainbreaker.platform.events.OutboxListener;
import org.chainbreaker.platform.events.OutboxRelay;
import org.chainbreaker.platform.events.Retention;
import org.chainbreaker.platform.events.RetentionSchedule;
import org.chainbreaker.platform.grpc.CallMetrics;
import org.chainbreaker.platform.grpc.CallerAuthentication;
import org.chainbreaker.platform.grpc.ContractRules;
import org.chainbreaker.platform.grpc.ContractValidation;
import org.chainbreaker.platform.grpc.EventStreams;
import org.chainbreaker.platform.grpc.GrpcErrors;
import org.chainbreaker.platform.observability.MetricsServer;
import org.chainbreaker.platform.persistence.MaintenanceDatabase;
import org.chainbreaker.platform.persistence.PlatformMigrations;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.security.SigningKeys;
import org.chainbreaker.platform.security.TokenVerifier;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the shared concerns into every Chainbreaker component that has this library on its
 * classpath.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"
        },
        // Before the gRPC server's own configuration, which starts a server only if a service bean
        // exists:
        // the health service below is one, so a component serves health even before it has
        // endpoints.
        beforeName = {
            "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
            "org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration"
        })
@EnableConfigurationProperties(ChainbreakerProperties.class)
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantDirectory tenantDirectory(ChainbreakerProperties properties) {
        return new TenantDirectory(properties.tenants());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SigningKeys signingKeys(ChainbreakerProperties properties) {
        return new SigningKeys(
                URI.create(properties.security().effectiveJwksUri()),
                properties.security().keys().policy());
    }

    /**
     * Operators alert on a key set that cannot be fetched (see docs/operations.md, "Keys, limits
     * and traces").
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(MeterRegistry.class)
    static class SigningKeyMetrics {

        SigningKeyMetrics(MeterRegistry registry, SigningKeys keys) {
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "chainbreaker.token.keys.fetches", keys, SigningKeys::fetches)
                    .description("Fetches of the identity provider's signing keys")
                    .register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "chainbreaker.token.keys.fetch.failures",
                            keys,
                            SigningKeys::failedFetches)
                    .description("Fetches of the signing keys that failed")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder(
                            "chainbreaker.token.keys.age", keys, SigningKeys::ageSeconds)
                    .baseUnit("seconds")
                    .description("Age of the signing key set in use")
                    .register(registry);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVerifier tokenVerifier(
            ChainbreakerProperties properties,
            TenantDirectory tenants,
            SigningKeys keys,
            Clock clock) {
        var security = properties.security();
        return new TokenVerifier(
                        security.issuer(),
                        security.audience(),
                        security.clockSkew(),
                        tenants,
                        keys,
                        clock)
                .acceptingDelegated(
                        security.delegated().audience(),
                        java.util.Set.copyOf(security.delegated().methods()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GlobalServerInterceptor.class)
    static class GrpcServerSide {

        @Bean
        @GlobalServerInterceptor
        @Order(Ordered.HIGHEST_PRECEDENCE + 100)
        CallerAuthentication callerAuthentication(TokenVerifier verifier) {
            return new CallerAuthentication(verifier);
        }

        @Bean
        @ConditionalOnMissingBean
        ContractRules contractRules() {
            return new ContractRules();
        }

        /**
         * After authentication and metrics: a refused request is counted, and only a verified
         * caller is answered.
         */
        @Bean
        @GlobalServerInterceptor
        @Order(Ordered.HIGHEST_PRECEDENCE + 300)
        ContractValidation contractValidation(ContractRules rules) {
            return new ContractValidation(rules);
        }

        /** Compiles the field rules of every served request type before the first call. */
        @Bean
        SmartInitializingSingleton contractRulesCompiled(
                ContractRules rules, ObjectProvider<BindableService> services) {
            return () ->
                    rules.compile(
                            ContractValidation.requestTypes(services.orderedStream().toList()));
        }

        @Bean
        GrpcErrors grpcErrors() {
            return new GrpcErrors();
        }

        @Bean
        @GlobalServerInterceptor
        @Order(Ordered.HIGHEST_PRECEDENCE + 200)
        @ConditionalOnBean(MeterRegistry.class)
        CallMetrics callMetrics(MeterRegistry registry) {
            return new CallMetrics(registry);
        }

        /**
         * gRPC health for orchestrators' probes; NOT_SERVING for every service once shutdown
         * begins.
         */
        @Bean(destroyMethod = "enterTerminalState")
        @ConditionalOnMissingBean
        HealthStatusManager grpcHealthStatus() {
            return new HealthStatusManager();
        }

        @Bean
        BindableService grpcHealthService(HealthStatusManager health) {
            return health.getHealthService();
        }

        /**
         * Reflection under its pre-release name (v1alpha) beside spring-grpc's v1, for the clients
         * that still ask for it (evans, older grpcurl, grpcui and Postman builds); without a token,
         * like v1.
         */
        @Bean
        @ConditionalOnProperty(
                name = "spring.grpc.server.reflection.enabled",
                matchIfMissing = true)
        @SuppressWarnings("deprecation")
        BindableService grpcReflectionV1alpha() {
            return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean({PlatformTransactionManager.class, JdbcTemplate.class})
    static class Persistence {

        @Bean
        @ConditionalOnMissingBean
        TenantTransactions tenantTransactions(
                PlatformTransactionManager transactions, JdbcTemplate jdbc) {
            return new TenantTransactions(transactions, jdbc);
        }

        @Bean
        AuditTrail auditTrail(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
            AuditTrail audit = new AuditTrail(jdbc);
            // Operators alert on a verification that found the chain broken (docs/operations.md).
            meters.ifAvailable(
                    registry -> {
                        FunctionCounter.builder(
                                        "chainbreaker.audit.verifications",
                                        audit,
                                        AuditTrail::verifications)
                                .description("Verifications of the audit chain (VerifyAuditTrail)")
                                .register(registry);
                        FunctionCounter.builder(
                                        "chainbreaker.audit.verifications.broken",
                                        audit,
                                        AuditTrail::brokenVerifications)
                                .description(
                                        "Verifications of the audit chain that found it broken")
                                .register(registry);
                    });
            return audit;
        }

        @Bean
        Outbox outbox(JdbcTemplate jdbc, Clock clock) {
            return new Outbox(jdbc, clock);
        }

        @Bean
        AccessEndings accessEndings(JdbcTemplate jdbc, TenantDirectory tenants) {
            return new AccessEndings(jdbc, tenants);
        }

        @Bean
        EventSignal eventSignal() {
            return new EventSignal();
        }

        /**
         * The owner role's small pool for retention and the outbox relay (not the application
         * role).
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        MaintenanceDatabase maintenanceDatabase(Environment environment) {
            return MaintenanceDatabase.from(environment);
        }

        @Bean
        OutboxRelay outboxRelay(
                MaintenanceDatabase maintenance,
                EventSignal signal,
                ChainbreakerProperties properties) {
            return new OutboxRelay(maintenance.jdbc(), signal, properties.events().relayInterval());
        }

        /**
         * The relay's backlog for the operators' alert, asked through the maintenance connection at
         * most once per {@code chainbreaker.events.backlog-max-age} (15 s), however often scraped.
         */
        @Bean
        OutboxBacklog outboxBacklog(
                MaintenanceDatabase maintenance,
                Environment environment,
                ObjectProvider<MeterRegistry> meters) {
            // The wall clock, not the application's (tests move that one to reach deadlines).
            OutboxBacklog backlog =
                    new OutboxBacklog(
                            maintenance.jdbc(),
                            Clock.systemUTC(),
                            environment.getProperty(
                                    "chainbreaker.events.backlog-max-age",
                                    java.time.Duration.class,
                                    java.time.Duration.ofSeconds(15)));
            meters.ifAvailable(
                    registry ->
                            Gauge.builder(
                                            "chainbreaker.outbox.backlog",
                                            backlog,
                                            OutboxBacklog::pending)
                                    .description(
                                            "Committed events the relay has not positioned yet")
                                    .register(registry));
            return backlog;
        }

        @Bean
        EventFeed eventFeed(
                JdbcTemplate jdbc,
                TenantTransactions transactions,
                MaintenanceDatabase maintenance) {
            return new EventFeed(jdbc, transactions, maintenance.jdbc());
        }

        /**
         * Cursors sealed for this service alone ({@code spring.application.name}); see {@link
         * CursorCodec}. The same required secret keys the etags ({@link Etags}), which the domain
         * records make without a context.
         */
        @Bean
        CursorCodec cursorCodec(ChainbreakerProperties properties, Environment environment) {
            String secret =
                    properties.events().effectiveCursorSecret(developmentProfile(environment));
            Etags.install(secret);
            return new CursorCodec(
                    secret, environment.getRequiredProperty("spring.application.name"));
        }

        /**
         * Whether the dev profile is on. Test contexts add their properties after Spring has
         * settled the active profiles (devstack's properties come through
         * {@code @DynamicPropertySource}), so the property counts too.
         */
        static boolean developmentProfile(Environment environment) {
            if (environment.matchesProfiles(ChainbreakerProperties.DEVELOPMENT_PROFILE)) {
                return true;
            }
            String[] active =
                    environment.getProperty(
                            "spring.profiles.active", String[].class, new String[0]);
            return java.util.Arrays.stream(active)
                    .map(String::strip)
                    .anyMatch(ChainbreakerProperties.DEVELOPMENT_PROFILE::equals);
        }

        /**
         * Wakes this replica's streams when any replica's relay positioned events (LISTEN/NOTIFY).
         */
        @Bean
        @ConditionalOnProperty("spring.datasource.url")
        OutboxListener outboxListener(Environment environment, EventSignal signal) {
            return new OutboxListener(
                    environment.getRequiredProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"),
                    signal);
        }

        /** One reader per country with subscribers on this replica; see {@link EventTails}. */
        @Bean
        EventTails eventTails(
                EventFeed feed,
                EventSignal signal,
                ChainbreakerProperties properties,
                Environment environment) {
            return new EventTails(
                    feed,
                    signal,
                    environment.getProperty(
                            "chainbreaker.events.tail-capacity", Integer.class, 4096),
                    properties.events().heartbeat());
        }

        @Bean
        @ConditionalOnClass(name = "io.grpc.stub.StreamObserver")
        EventStreams eventStreams(
                EventFeed feed,
                EventTails tails,
                CursorCodec cursors,
                ChainbreakerProperties properties,
                Environment environment) {
            return new EventStreams(
                    feed,
                    tails,
                    cursors,
                    properties.events().heartbeat(),
                    environment.getProperty(
                            "chainbreaker.events.stall-limit",
                            java.time.Duration.class,
                            java.time.Duration.ofSeconds(10)));
        }

        /**
         * Every replica looks for grants that ran out (safe with several: the database hands out
         * each once).
         */
        @Bean
        GrantEndings grantEndings(
                TenantTransactions transactions,
                JdbcTemplate jdbc,
                TenantDirectory tenants,
                Environment environment) {
            return new GrantEndings(
                    transactions,
                    jdbc,
                    tenants,
                    environment.getProperty(
                            "chainbreaker.events.grant-endings-interval",
                            java.time.Duration.class,
                            java.time.Duration.ofSeconds(5)));
        }

        @Bean
        Retention retention(
                MaintenanceDatabase maintenance, Clock clock, ChainbreakerProperties properties) {
            return new Retention(
                    maintenance.jdbc(),
                    clock,
                    properties.retention().events(),
                    properties.retention().audit());
        }

        @Bean
        SmartLifecycle retentionSchedule(Retention retention, ChainbreakerProperties properties) {
            return new RetentionSchedule(retention, properties.retention().interval());
        }
    }

    /**
     * Prometheus scrape on its own port for the gRPC-only services ({@code
     * chainbreaker.metrics.port}), on loopback unless {@code chainbreaker.metrics.bind-address}
     * says otherwise.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PrometheusMeterRegistry.class)
    @ConditionalOnProperty("chainbreaker.metrics.port")
    static class Metrics {

        @Bean
        @ConditionalOnBean(PrometheusMeterRegistry.class)
        MetricsServer metricsServer(PrometheusMeterRegistry registry, Environment environment) {
            return new MetricsServer(
                    environment.getProperty("chainbreaker.metrics.bind-address"),
                    environment.getRequiredProperty("chainbreaker.metrics.port", Integer.class),
                    registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlywayMigrationStrategy.class)
    static class Migrations {

        @Bean
        @ConditionalOnMissingBean
        FlywayMigrationStrategy platformMigrations() {
            return new PlatformMigrations();
        }
    }
}
