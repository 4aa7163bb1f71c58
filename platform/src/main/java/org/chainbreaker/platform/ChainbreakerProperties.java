package org.chainbreaker.platform;

import java.time.Duration;
import java.util.List;
import org.chainbreaker.platform.security.SigningKeys;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every component shares.
 *
 * @param tenants the tenant codes this deployment serves
 * @param security how access tokens are verified
 * @param events how events are relayed and streamed
 * @param retention how long events and audit entries are kept
 */
@ConfigurationProperties("chainbreaker")
public record ChainbreakerProperties(
        List<String> tenants, Security security, Events events, Retention retention) {

    /**
     * The Spring profile of local runs and tests (devstack starts every service with it): the only
     * place where a development value may stand in for a secret that is not set.
     */
    public static final String DEVELOPMENT_PROFILE = "dev";

    public ChainbreakerProperties {
        tenants =
                tenants == null || tenants.isEmpty()
                        ? TenantDirectory.REGION
                        : List.copyOf(tenants);
        security =
                security == null
                        ? new Security(
                                null, null, "chainbreaker-api", Duration.ofSeconds(30), null, null)
                        : security;
        events =
                events == null
                        ? new Events(Duration.ofMillis(50), Duration.ofSeconds(15), null)
                        : events;
        retention =
                retention == null
                        ? new Retention(
                                Duration.ofDays(30), Duration.ofDays(3650), Duration.ofHours(1))
                        : retention;
    }

    /**
     * @param relayInterval how often committed events get their delivery positions
     * @param heartbeat how often an idle event stream sends a heartbeat
     * @param cursorSecret key material for opaque stream cursors; the same on every replica (a
     *     Secret in production)
     */
    public record Events(
            @DefaultValue("50ms") Duration relayInterval,
            @DefaultValue("15s") Duration heartbeat,
            String cursorSecret) {

        /** Stands in for an unset secret under the development profile only. */
        public static final String DEVELOPMENT_CURSOR_SECRET =
                "chainbreaker-local-development-only";

        /**
         * The secret to key cursors with. Unset, it is the development value under the development
         * profile and a refusal to start anywhere else: a value anyone can read in this code would
         * let a client forge cursors and read the global positions they hide.
         */
        public String effectiveCursorSecret(boolean developmentProfile) {
            if (cursorSecret != null && !cursorSecret.isBlank()) {
                return cursorSecret;
            }
            if (developmentProfile) {
                return DEVELOPMENT_CURSOR_SECRET;
            }
            throw new IllegalStateException(
                    "chainbreaker.events.cursor-secret (CHAINBREAKER_EVENTS_CURSOR_SECRET) is not "
                            + "set; every replica needs the same secret (a Secret in Kubernetes). Only the '"
                            + DEVELOPMENT_PROFILE
                            + "' profile runs without one.");
        }
    }

    /**
     * @param events how long delivered events stay available for resuming streams
     * @param audit how long audit entries are kept
     * @param interval how often retention runs
     */
    public record Retention(
            @DefaultValue("30d") Duration events,
            @DefaultValue("3650d") Duration audit,
            @DefaultValue("1h") Duration interval) {}

    /**
     * @param issuer the realm's issuer URL, e.g. http://localhost:8180/realms/chainbreaker
     * @param jwksUri where the realm publishes its keys; derived from the issuer (Keycloak's
     *     layout) when unset
     * @param audience the audience every token must carry
     * @param clockSkew tolerance for clocks that differ between Keycloak and us
     * @param keys how the realm's signing keys are cached and fetched ({@code
     *     chainbreaker.security.keys.*})
     * @param delegated tokens of this service's own audience that other services obtain by token
     *     exchange for a deferred action on a user's behalf, and the only methods they are good for
     */
    public record Security(
            String issuer,
            String jwksUri,
            @DefaultValue("chainbreaker-api") String audience,
            @DefaultValue("30s") Duration clockSkew,
            Keys keys,
            Delegated delegated) {

        public Security {
            keys = keys == null ? new Keys(null, null, null, null, null, null, null) : keys;
            delegated = delegated == null ? new Delegated(null, null) : delegated;
        }

        /**
         * @param audience this service's own audience (e.g. {@code fugitive-service}); unset: none
         * @param methods full gRPC method names a token of that audience may call
         */
        public record Delegated(String audience, java.util.List<String> methods) {
            public Delegated {
                methods = methods == null ? java.util.List.of() : java.util.List.copyOf(methods);
            }
        }

        /** Each unset value is {@link SigningKeys.Policy#DEFAULT}'s. */
        public record Keys(
                Duration lifetime,
                Duration refreshAhead,
                Duration refreshTimeout,
                Duration minRefreshInterval,
                Duration outageTolerance,
                Duration connectTimeout,
                Duration readTimeout) {

            public SigningKeys.Policy policy() {
                SigningKeys.Policy d = SigningKeys.Policy.DEFAULT;
                return new SigningKeys.Policy(
                        or(lifetime, d.lifetime()),
                        or(refreshAhead, d.refreshAhead()),
                        or(refreshTimeout, d.refreshTimeout()),
                        or(minRefreshInterval, d.minRefreshInterval()),
                        or(outageTolerance, d.outageTolerance()),
                        or(connectTimeout, d.connectTimeout()),
                        or(readTimeout, d.readTimeout()));
            }

            private static Duration or(Duration value, Duration fallback) {
                return value != null ? value : fallback;
            }
        }

        public String effectiveJwksUri() {
            if (jwksUri != null && !jwksUri.isBlank()) {
                return jwksUri;
            }
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalStateException("chainbreaker.security.issuer must be set");
            }
            return issuer.replaceAll("/+$", "") + "/protocol/openid-connect/certs";
        }
    }
}
