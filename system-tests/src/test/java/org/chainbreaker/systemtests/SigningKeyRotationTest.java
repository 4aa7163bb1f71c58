package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.chainbreaker.devstack.Devstack;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.SuitePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realm's signing keys as a gateway sees them, against the real Keycloak: a cold start, a key
 * rotation and an outage of Keycloak. The gateway fetches the key set through a {@link KeySetProxy}
 * that counts fetches and can stop routing to Keycloak.
 *
 * <p>Rotating keys would end every token the other test classes hold, so this class works on a
 * realm of its own ({@value #REALM}, a copy of the product's realm made through the admin REST API
 * on the shared Keycloak) and starts one gateway of its own for that realm; its backends are never
 * started (a token the gateway accepts gets an upstream failure, a token it refuses gets 401). The
 * key-set lifetime is {@value #LIFETIME_SECONDS} s here (60 s in production) and the outage lasts
 * {@code chainbreaker.test.keycloak-outage-seconds} (default 30 s, twice that lifetime; the issue's
 * "a minute" is {@code -Dchainbreaker.test.keycloak-outage-seconds=60}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyRotationTest {

    static final String REALM = "chainbreaker-keys";
    static final int LIFETIME_SECONDS = 15;
    private static final Duration OUTAGE =
            Duration.ofSeconds(Long.getLong("chainbreaker.test.keycloak-outage-seconds", 30));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer keycloak;
    private static KeySetProxy proxy;
    private static ServiceProcess gateway;
    private static String restUrl;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void ownRealmAndGateway() throws Exception {
        keycloak = KeycloakServer.shared();
        createRealm();
        proxy = new KeySetProxy(keycloak.port());
        // The gateway starts while Keycloak cannot be reached: its start-up fetch fails, and no key
        // set is cached
        // when the first requests arrive.
        proxy.cut();
        SuitePorts ports = SuitePorts.random();
        String issuer = keycloak.baseUrl() + "/realms/" + REALM;
        List<String> args = new ArrayList<>(Suite.gatewayArgs(ports, issuer));
        String keys = "--chainbreaker.security.keys.";
        args.addAll(
                List.of(
                        "--chainbreaker.security.jwks-uri=http://127.0.0.1:"
                                + proxy.port()
                                + "/realms/"
                                + REALM
                                + "/protocol/openid-connect/certs",
                        keys + "lifetime=" + LIFETIME_SECONDS + "s",
                        keys + "refresh-ahead=3s",
                        keys + "refresh-timeout=5s",
                        keys + "min-refresh-interval=2s",
                        keys + "outage-tolerance=" + OUTAGE.multipliedBy(3).toSeconds() + "s",
                        "--chainbreaker.gateway.limits.defaults.rate=100000",
                        "--chainbreaker.gateway.limits.defaults.burst=100000"));
        gateway =
                ServiceProcess.start(
                        "gateway",
                        ServiceProcess.execJar("gateway"),
                        List.of(),
                        args,
                        Devstack.defaultLogDir().resolve("keys").resolve("gateway.log"));
        restUrl = "http://localhost:" + ports.gatewayHttp();
        gateway.awaitHttp(restUrl + "/actuator/health", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (keycloak != null) {
            admin("DELETE", "/admin/realms/" + REALM, null);
        }
    }

    @Test
    @Order(1)
    void two_hundred_concurrent_requests_at_a_cold_start_make_one_key_set_fetch() throws Exception {
        String token = token("kr-investigator");
        proxy.restore();
        int before = proxy.fetches();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(
                    callers.submit(
                            () -> {
                                start.await();
                                return call(token);
                            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<HttpResponse<String>> answer : answers) {
            assertAccepted(answer.get());
        }
        callers.shutdown();
        // Only fetches the burst caused: the scheduled refresh of the set comes later (lifetime - 3
        // s - 5 s).
        long burstEnd = t0 + Duration.ofSeconds(LIFETIME_SECONDS - 8).toNanos();
        List<Long> during =
                proxy.fetchTimes().subList(before, proxy.fetches()).stream()
                        .filter(t -> t < burstEnd)
                        .toList();
        assertThat(during)
                .as("key-set fetches during 200 concurrent requests at a cold start")
                .hasSize(1);
    }

    @Test
    @Order(2)
    void a_token_signed_by_a_withdrawn_key_is_refused_within_the_key_set_lifetime()
            throws Exception {
        String oldKeyToken = token("kr-investigator");
        assertAccepted(call(oldKeyToken));
        String oldKid = kid(oldKeyToken);

        // Rotation as an operator does it: a new key with a higher priority, then the old key
        // disabled (which
        // removes it from the published key set).
        ObjectNode provider = JSON.createObjectNode();
        provider.put("name", "rotated-rsa")
                .put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", realmId());
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add("500");
        config.putArray("keySize").add("2048");
        config.putArray("algorithm").add("RS256");
        admin("POST", "/admin/realms/" + REALM + "/components", provider.toString());
        for (JsonNode component :
                JSON.readTree(
                        admin(
                                "GET",
                                "/admin/realms/"
                                        + REALM
                                        + "/components?type=org.keycloak.keys.KeyProvider",
                                null))) {
            if (component.path("providerId").asString().equals("rsa-generated")
                    && !component.path("name").asString().equals("rotated-rsa")) {
                ObjectNode disabled = (ObjectNode) component;
                ((ObjectNode) disabled.path("config")).putArray("enabled").add("false");
                ((ObjectNode) disabled.path("config")).putArray("active").add("false");
                admin(
                        "PUT",
                        "/admin/realms/" + REALM + "/components/" + component.path("id").asString(),
                        disabled.toString());
            }
        }
        long withdrawn = System.nanoTime();
        assertThat(publishedKids()).doesNotContain(oldKid);

        // The gateway remembers the token it verified; it must stop trusting it once its key set is
        // refreshed.
        Duration refusedAfter = null;
        while (Duration.ofNanos(System.nanoTime() - withdrawn).toSeconds()
                < 2L * LIFETIME_SECONDS) {
            if (call(oldKeyToken).statusCode() == 401) {
                refusedAfter = Duration.ofNanos(System.nanoTime() - withdrawn);
                break;
            }
            Thread.sleep(250);
        }
        assertThat(refusedAfter).as("a token of the withdrawn key refused").isNotNull();
        assertThat(refusedAfter).isLessThanOrEqualTo(Duration.ofSeconds(LIFETIME_SECONDS + 1));

        String newKeyToken = token("kr-investigator");
        assertThat(kid(newKeyToken)).isNotEqualTo(oldKid);
        assertAccepted(call(newKeyToken));
        System.out.printf(
                "withdrawn key refused after %d ms (key-set lifetime %d s)%n",
                refusedAfter.toMillis(), LIFETIME_SECONDS);
    }

    @Test
    @Order(3)
    void tokens_of_known_keys_keep_working_while_keycloak_is_unreachable() throws Exception {
        String remembered = token("kr-investigator");
        assertAccepted(call(remembered));
        proxy.cut();
        int refusedBefore = proxy.refusedConnections();
        long start = System.nanoTime();
        int calls = 0;
        try {
            while (System.nanoTime() - start < OUTAGE.toNanos()) {
                // Tokens come straight from Keycloak (clients still reach it); only the gateway's
                // route is cut.
                assertAccepted(call(remembered));
                assertAccepted(call(token("kr-investigator")));
                calls += 2;
                Thread.sleep(1000);
            }
        } finally {
            proxy.restore();
        }
        // The key set outlived its lifetime during the outage, so the gateway did try to fetch it,
        // and failed.
        assertThat(proxy.refusedConnections() - refusedBefore)
                .as("fetch attempts while cut")
                .isPositive();
        System.out.printf(
                "%d calls accepted during a %d s outage of the key endpoint%n",
                calls, OUTAGE.toSeconds());
    }

    // --- helpers
    // -------------------------------------------------------------------------------------------------

    private static HttpResponse<String> call(String token)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(restUrl + "/api/v1/cases?page_size=1"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Past authentication: the (absent) upstream answers, not the token check. */
    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
        assertThat(response.body()).doesNotContain("signing keys");
    }

    private static String kid(String jwt) {
        String header =
                new String(
                        java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                        StandardCharsets.UTF_8);
        return JSON.readTree(header).path("kid").asString();
    }

    private static List<String> publishedKids() throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                keycloak.baseUrl()
                                                        + "/realms/"
                                                        + REALM
                                                        + "/protocol/openid-connect/certs"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<String> kids = new ArrayList<>();
        JSON.readTree(r.body()).path("keys").forEach(k -> kids.add(k.path("kid").asString()));
        return kids;
    }

    private static String realmId() throws Exception {
        return JSON.readTree(admin("GET", "/admin/realms/" + REALM, null)).path("id").asString();
    }

    private static String token(String user) throws IOException, InterruptedException {
        String form =
                Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                KeycloakServer.CLI_CLIENT,
                                "username",
                                user,
                                "password",
                                user)
                        .entrySet()
                        .stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                keycloak.baseUrl()
                                                        + "/realms/"
                                                        + REALM
                                                        + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asString();
    }

    /** The product's realm under another name, with the one user these tests need. */
    private static void createRealm() throws Exception {
        admin("DELETE", "/admin/realms/" + REALM, null);
        ObjectNode realm;
        try (InputStream in =
                KeycloakServer.class
                        .getClassLoader()
                        .getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            realm = (ObjectNode) JSON.readTree(in);
        }
        realm.put("realm", REALM);
        var users = JSON.createArrayNode();
        realm.path("users")
                .forEach(
                        u -> {
                            if (u.path("username").asString().equals("kr-investigator")) {
                                users.add(u);
                            }
                        });
        realm.set("users", users);
        // Without the deferred-action clients and their fine-grained permissions: those carry fixed
        // ids, which a second realm in the same Keycloak may not repeat (and this test needs none).
        var clients = JSON.createArrayNode();
        realm.path("clients")
                .forEach(
                        c -> {
                            if (!c.has("id")) {
                                ((ObjectNode) c).remove("authorizationSettings");
                                clients.add(c);
                            }
                        });
        realm.set("clients", clients);
        admin("POST", "/admin/realms", realm.toString());
    }

    private static String admin(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + keycloak.adminToken())
                        .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (!method.equals("DELETE")) {
            assertThat(r.statusCode())
                    .as(method + " " + path + ": " + r.body())
                    .isBetween(200, 299);
        }
        return r.body();
    }
}
