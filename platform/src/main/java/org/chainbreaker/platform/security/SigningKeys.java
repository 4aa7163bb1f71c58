package org.chainbreaker.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's public signing keys, through Nimbus's {@link JWKSourceBuilder}: the key
 * set is cached for {@link Policy#lifetime()} and fetched again ahead of expiry by a background
 * task, so a key Keycloak withdraws stops being trusted within one lifetime; fetches are rate
 * limited (an invented key id cannot make us hammer Keycloak); callers that arrive while the set is
 * being fetched wait for that one fetch; and when Keycloak cannot be reached the last set keeps
 * serving for {@link Policy#outageTolerance()}.
 */
public final class SigningKeys implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /**
     * How the key set is cached and fetched.
     *
     * @param lifetime how long a fetched key set is trusted: a withdrawn key is refused within this
     * @param refreshAhead how long before the end of its lifetime the set is fetched again in the
     *     background
     * @param refreshTimeout how long callers wait for a fetch in progress before giving up
     * @param minRefreshInterval at most two fetches within this interval (Nimbus's rate limit)
     * @param outageTolerance how long the last fetched set keeps serving while the identity
     *     provider is unreachable
     * @param connectTimeout connect timeout of one fetch
     * @param readTimeout read timeout of one fetch
     */
    public record Policy(
            Duration lifetime,
            Duration refreshAhead,
            Duration refreshTimeout,
            Duration minRefreshInterval,
            Duration outageTolerance,
            Duration connectTimeout,
            Duration readTimeout) {

        public static final Policy DEFAULT =
                new Policy(
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofHours(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3));

        public Policy {
            if (refreshAhead.plus(refreshTimeout).compareTo(lifetime) > 0) {
                throw new IllegalArgumentException(
                        "refresh-ahead ("
                                + refreshAhead
                                + ") plus refresh-timeout ("
                                + refreshTimeout
                                + ") must not exceed the key set's lifetime ("
                                + lifetime
                                + ")");
            }
            if (minRefreshInterval.compareTo(lifetime) >= 0) {
                throw new IllegalArgumentException(
                        "min-refresh-interval ("
                                + minRefreshInterval
                                + ") must be shorter than the key set's lifetime ("
                                + lifetime
                                + ")");
            }
        }
    }

    /** A key set as last loaded (or kept through an outage), with when that was. */
    private record Snapshot(Set<String> keyIds, long loadedAtMillis) {}

    private static final int MAX_VERIFIERS = 64;

    private final URI jwksUri;
    private final Policy policy;
    private final JWKSource<SecurityContext> source;
    private final ExecutorService refresher;
    private final ScheduledExecutorService scheduler;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failedFetches = new AtomicLong();
    private volatile Snapshot snapshot;

    /** When an unknown key id last triggered a fetch (see {@link #verifierFor}). */
    private volatile long lastUnknownKeyFetch = Long.MIN_VALUE / 2;

    public SigningKeys(URI jwksUri, Policy policy) {
        this.jwksUri = jwksUri;
        this.policy = policy;
        this.refresher =
                Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().daemon().name("signing-keys-refresh").factory());
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("signing-keys-schedule").factory());
        URL url;
        try {
            url = jwksUri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + jwksUri, e);
        }
        this.source =
                JWKSourceBuilder.<SecurityContext>create(url, new CountingRetriever(policy))
                        .cache(policy.lifetime().toMillis(), policy.refreshTimeout().toMillis())
                        .refreshAheadCache(
                                policy.refreshAhead().toMillis(),
                                this::onCacheEvent,
                                refresher,
                                true,
                                scheduler,
                                true)
                        .rateLimited(policy.minRefreshInterval().toMillis())
                        .outageTolerant(policy.outageTolerance().toMillis())
                        .retrying(true)
                        .build();
    }

    /** A verifier for the key with this id, or empty when the realm has no such signing key. */
    Optional<JWSVerifier> verifierFor(String keyId) throws TokenRejectedException {
        // A key id the cached set does not have makes Nimbus fetch the set again (a key Keycloak
        // just added), and
        // those fetches share Nimbus's rate limit with the scheduled ones. One unknown-id fetch per
        // interval at most
        // leaves the scheduled refresh its slot, so a flood of invented key ids cannot hold a
        // withdrawn key in trust.
        Snapshot known = snapshot;
        boolean mayFetch =
                known == null
                        || known.keyIds().contains(keyId)
                        || System.currentTimeMillis() - lastUnknownKeyFetch
                                >= policy.minRefreshInterval().toMillis();
        List<JWK> keys;
        try {
            if (!mayFetch && !snapshotExpired(known)) {
                return Optional.empty();
            }
            if (known != null && !known.keyIds().contains(keyId)) {
                lastUnknownKeyFetch = System.currentTimeMillis();
            }
            keys =
                    source.get(
                            new JWKSelector(
                                    new JWKMatcher.Builder()
                                            .keyID(keyId)
                                            .keyTypes(KeyType.RSA, KeyType.EC)
                                            .keyUses(KeyUse.SIGNATURE, null)
                                            .build()),
                            null);
        } catch (RateLimitReachedException e) {
            // The set was fetched moments ago and does not have this key.
            return Optional.empty();
        } catch (KeySourceException e) {
            log.warn("Signing keys not available from {}: {}", jwksUri, e.getMessage());
            throw new TokenRejectedException(
                    TokenRejectedException.Reason.KEYS_UNAVAILABLE,
                    "the identity provider's signing keys are not available; try again shortly");
        }
        for (JWK key : keys) {
            JWSVerifier verifier = verifiers.get(key);
            if (verifier == null) {
                verifier = newVerifier(key);
                if (verifiers.size() >= MAX_VERIFIERS) {
                    verifiers.clear();
                }
                verifiers.put(key, verifier);
            }
            return Optional.of(verifier);
        }
        return Optional.empty();
    }

    /**
     * Whether a key is in the key set as loaded within its lifetime, answered from memory without
     * fetching: a component that remembers verified tokens asks this before trusting one again, so
     * that a withdrawn key stops being trusted when the key set is next refreshed. False when the
     * set is older than its lifetime (the background refresh failed): then the token is to be
     * verified afresh, which fetches or falls back on the outage tolerance.
     */
    public boolean vouchesFor(String keyId) {
        Snapshot known = snapshot;
        return known != null && !snapshotExpired(known) && known.keyIds().contains(keyId);
    }

    private boolean snapshotExpired(Snapshot known) {
        return known == null
                || System.currentTimeMillis() - known.loadedAtMillis()
                        >= policy.lifetime().toMillis();
    }

    /** Loads the key set now, e.g. at start-up so that the first request does not wait for it. */
    public void refresh() throws TokenRejectedException {
        try {
            // Any signing key matches: a selector that matched none would make Nimbus fetch a
            // second time.
            source.get(
                    new JWKSelector(
                            new JWKMatcher.Builder().keyTypes(KeyType.RSA, KeyType.EC).build()),
                    null);
        } catch (KeySourceException e) {
            log.warn("Signing keys not available from {}: {}", jwksUri, e.getMessage());
            throw new TokenRejectedException(
                    TokenRejectedException.Reason.KEYS_UNAVAILABLE,
                    "the identity provider's signing keys are not available; try again shortly");
        }
    }

    /** Fetches from the identity provider so far (answered or not), for metrics and tests. */
    public long fetches() {
        return fetches.get();
    }

    /** Fetches that failed (unreachable, timed out, not 200). */
    public long failedFetches() {
        return failedFetches.get();
    }

    /**
     * Seconds since the key set in use was loaded (or kept through an outage); -1 before the first
     * load.
     */
    public double ageSeconds() {
        Snapshot known = snapshot;
        return known == null ? -1 : (System.currentTimeMillis() - known.loadedAtMillis()) / 1000.0;
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        scheduler.shutdownNow();
    }

    private void onCacheEvent(Object event) {
        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> completed) {
            JWKSet set = completed.getJWKSet();
            snapshot =
                    new Snapshot(
                            set.getKeys().stream()
                                    .map(JWK::getKeyID)
                                    .filter(id -> id != null)
                                    .collect(Collectors.toUnmodifiableSet()),
                            System.currentTimeMillis());
            verifiers.keySet().retainAll(set.getKeys());
        }
    }

    private static JWSVerifier newVerifier(JWK key) throws TokenRejectedException {
        try {
            return switch (key) {
                case RSAKey rsa -> new RSASSAVerifier(rsa);
                case ECKey ec -> new ECDSAVerifier(ec);
                default -> throw new JOSEException("unsupported key type " + key.getKeyType());
            };
        } catch (JOSEException e) {
            throw new TokenRejectedException(
                    TokenRejectedException.Reason.BAD_SIGNATURE,
                    "the access token is signed by a key that cannot verify it");
        }
    }

    /** Nimbus's HTTP retriever with this policy's timeouts, counting fetches and failures. */
    private final class CountingRetriever implements ResourceRetriever {

        private final DefaultResourceRetriever http;

        CountingRetriever(Policy policy) {
            this.http =
                    new DefaultResourceRetriever(
                            (int) policy.connectTimeout().toMillis(),
                            (int) policy.readTimeout().toMillis(),
                            512 * 1024);
        }

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            fetches.incrementAndGet();
            try {
                return http.retrieveResource(url);
            } catch (IOException | RuntimeException e) {
                failedFetches.incrementAndGet();
                throw e;
            }
        }
    }
}
