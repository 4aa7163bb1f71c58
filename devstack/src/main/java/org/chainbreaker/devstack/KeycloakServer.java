package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak (the server distribution {@code org.keycloak:keycloak-quarkus-dist} from Maven
 * Central) with the realm {@code chainbreaker} imported from {@code
 * keycloak/chainbreaker-realm.json} on the classpath.
 *
 * <p>The distribution is unzipped once into {@code ~/.cache/chainbreaker/keycloak-<version>} and
 * reused, so that Quarkus' one-time augmentation happens once per machine. Every start gets its own
 * instance folder (own H2 database, transaction logs, import folder; the libraries are linked), so
 * that concurrent runs do not clash and every start imports the current realm. Keycloak runs in dev
 * mode on 127.0.0.1 with the JVM of this process.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "chainbreaker";
    public static final String REALM_RESOURCE = "keycloak/chainbreaker-realm.json";

    /** Public client for password grants (local realm only). */
    public static final String CLI_CLIENT = "chainbreaker-cli";

    /** The audience every Chainbreaker access token carries. */
    public static final String AUDIENCE = "chainbreaker-api";

    /**
     * The repatriation-service's own client secret in the local realm (dev only): it may exchange
     * for the fugitive-service's audience on behalf of a user, nothing else.
     */
    public static final String REPATRIATION_CLIENT_SECRET = "dev-only-repatriation-service-secret";

    /**
     * The fugitive-service's own client secret in the local realm (dev only): its arrest relay may
     * exchange for the audience repatriation-deferred on behalf of the arresting officer.
     */
    public static final String FUGITIVE_CLIENT_SECRET = "dev-only-fugitive-service-secret";

    /**
     * Build-time features: the legacy token exchange (impersonation of the user a deferred action
     * acts for, {@code requested_subject}) needs fine-grained admin permissions v1. Standard token
     * exchange (v2) cannot act for a user whose own token has expired.
     */
    public static final String FEATURES = "token-exchange,admin-fine-grained-authz:v1";

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** Keycloak refused a token request. */
    public static final class TokenRefusedException extends RuntimeException {
        private final int status;
        private final String body;

        TokenRefusedException(int status, String body) {
            super("Keycloak refused the token request: HTTP " + status + " " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AUGMENTED_MARKER = ".chainbreaker-augmented";
    private static KeycloakServer shared;

    private final int port;
    private final Process process;
    private final Path instanceDir;
    private final Path logFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean stopped;

    private KeycloakServer(int port, Process process, Path instanceDir, Path logFile) {
        this.port = port;
        this.process = process;
        this.instanceDir = instanceDir;
        this.logFile = logFile;
    }

    /**
     * The Keycloak of this JVM: started on first use on a random free port, stopped when the JVM
     * exits.
     */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = start(Devstack.freePort());
            KeycloakServer server = shared;
            Devstack.onShutdown(server::stop);
        }
        return shared;
    }

    /** Starts a Keycloak on {@code port} and waits until the realm answers; the caller stops it. */
    public static KeycloakServer start(int port) {
        return start(port, Devstack.defaultLogDir().resolve("keycloak-" + port + ".log"));
    }

    /** Same as {@link #start(int)}, logging to {@code logFile}. */
    public static KeycloakServer start(int port, Path logFile) {
        long t0 = System.nanoTime();
        Path home = KeycloakInstallation.installation();
        Path marker = home.resolve(AUGMENTED_MARKER);
        KeycloakServer server;
        if (Files.exists(marker)) {
            server = launchAndAwait(home, port, logFile);
        } else {
            // The first start of a fresh installation writes Quarkus' build into lib/: one at a
            // time.
            try (var ignored = KeycloakInstallation.lockInstallation()) {
                server = launchAndAwait(home, port, logFile);
                Files.writeString(
                        marker,
                        "first started " + java.time.Instant.now() + System.lineSeparator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        log.info(
                "Keycloak {} ready at {} in {} ms (log {})",
                Devstack.keycloakVersion(),
                server.baseUrl(),
                Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                logFile);
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>} */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** {@code http://localhost:<port>/realms/chainbreaker}: the {@code iss} of every token. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Access token of a dev user (password grant through {@code chainbreaker-cli}, password = user
     * name).
     */
    public String tokenFor(String username) {
        return tokenFor(username, username);
    }

    /**
     * Access token of a user with the given password (password grant through {@code
     * chainbreaker-cli}).
     */
    public String tokenFor(String username, String password) {
        return accessToken(
                tokenEndpoint(),
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        CLI_CLIENT,
                        "username",
                        username,
                        "password",
                        password));
    }

    /**
     * Access token of a confidential client (client-credentials grant), e.g. {@code kr-partner}.
     */
    public String clientToken(String clientId, String secret) {
        return accessToken(
                tokenEndpoint(),
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        secret));
    }

    /** Access token of the bootstrap admin of the master realm, for Keycloak's admin REST API. */
    public String adminToken() {
        return accessToken(
                baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        ADMIN_USER,
                        "password",
                        ADMIN_PASSWORD));
    }

    /** The claims of a JWT, decoded without verifying the signature (for tests). */
    public static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        return JSON.readValue(payload, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /** Whether the Keycloak process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops Keycloak (SIGTERM, then kill after 30 s) and removes its instance folder. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ProcessControl.terminate(process, Duration.ofSeconds(30));
        Devstack.deleteRecursively(instanceDir);
        log.info("stopped Keycloak on port {}", port);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Keycloak at " + baseUrl();
    }

    private String accessToken(String endpoint, Map<String, String> form) {
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(endpoint))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new TokenRefusedException(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    // --- installation and launch
    // -------------------------------------------------------------------------------

    private static KeycloakServer launchAndAwait(Path home, int port, Path logFile) {
        Path instance = KeycloakInstallation.newInstance(home, port);
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "sh",
                                instance.resolve("bin/kc.sh").toString(),
                                "start-dev",
                                "--http-host=127.0.0.1",
                                "--http-port=" + port,
                                "--hostname=http://localhost:" + port,
                                "--http-management-port=" + Devstack.freePort(),
                                "--features=" + FEATURES,
                                "--import-realm"));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(instance.toFile()).redirectErrorStream(true);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(
                        k ->
                                k.startsWith("KC_")
                                        || k.startsWith("KEYCLOAK_")
                                        || k.startsWith("JAVA_OPTS")
                                        || k.equals("JAVA_ADD_OPENS")
                                        || k.equals("JAVA_TOOL_OPTIONS")
                                        || k.equals("JAVA"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            Devstack.deleteRecursively(instance);
            throw new UncheckedIOException("could not launch Keycloak", e);
        }
        KeycloakServer server = new KeycloakServer(port, process, instance, logFile);
        try {
            server.awaitReady(
                    Duration.ofSeconds(
                            Long.getLong("chainbreaker.keycloak.start-timeout-seconds", 180)));
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout) {
        URI probe = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code "
                                + process.exitValue()
                                + " before it was ready; last lines of "
                                + logFile
                                + ":\n"
                                + Devstack.tail(logFile, 40));
            }
            try {
                HttpResponse<Void> response =
                        http.send(
                                HttpRequest.newBuilder(probe)
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException(
                "Keycloak on port "
                        + port
                        + " was not ready within "
                        + timeout.toSeconds()
                        + " s; last lines of "
                        + logFile
                        + ":\n"
                        + Devstack.tail(logFile, 40));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
