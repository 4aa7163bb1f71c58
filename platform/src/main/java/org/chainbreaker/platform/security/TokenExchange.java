package org.chainbreaker.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Obtains, at the moment a deferred action is carried out, an access token for exactly that action
 * on behalf of the user who asked for it: an RFC 8693 token exchange at the realm's token endpoint
 * ({@code requested_subject} = the user, {@code audience} = the one service the action calls).
 * Nothing replayable is kept between asking and doing: the deferred action stores who asked, and
 * the short-lived token is obtained, used and forgotten in one go.
 *
 * <p>The realm decides what the exchanging client may do (Keycloak's legacy token exchange with
 * fine-grained permissions: this client may impersonate users, and exchange only to the audiences
 * it was granted); the token carries the user's own tenant and roles from the realm, so the called
 * service decides on the user's country as for any call.
 */
public final class TokenExchange {

    /**
     * @param tokenEndpoint the realm's token endpoint
     * @param clientId the exchanging service's own confidential client
     * @param clientSecret its secret
     * @param timeout of one request
     */
    public record Settings(
            URI tokenEndpoint, String clientId, String clientSecret, Duration timeout) {

        @Override
        public String toString() {
            return "TokenExchange.Settings[" + tokenEndpoint + " client=" + clientId + "]";
        }
    }

    /** An exchanged token and the claims the caller needs (read from the realm's own answer). */
    public record Exchanged(String token, String subject, String username, String tenant) {

        @Override
        public String toString() {
            return "Exchanged[" + username + "@" + tenant + "]";
        }
    }

    /** The realm did not hand out a token: unreachable, or refused (the reason says which). */
    public static final class ExchangeFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        public ExchangeFailedException(String message) {
            this(message, true);
        }

        ExchangeFailedException(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** The realm answered and said no (as opposed to not answering). */
        public boolean refused() {
            return refused;
        }
    }

    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private final Settings settings;
    private final HttpClient http;

    public TokenExchange(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** A token of {@code audience} for the user {@code subject} (a user id or user name). */
    public Exchanged onBehalfOf(String subject, String audience) throws ExchangeFailedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("requested_subject", subject);
        form.put("audience", audience);
        form.put("requested_token_type", ACCESS_TOKEN);
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(settings.tokenEndpoint())
                                    .timeout(settings.timeout())
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExchangeFailedException("the realm did not answer: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeFailedException("interrupted", false);
        }
        if (response.statusCode() != 200) {
            // The body is Keycloak's error description; it names no secret.
            throw new ExchangeFailedException(
                    "token exchange refused: HTTP "
                            + response.statusCode()
                            + " "
                            + abbreviate(response.body()),
                    response.statusCode() < 500);
        }
        String token = accessToken(response.body());
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            Object tenant = claims.getClaim("tenant");
            Object username = claims.getClaim("preferred_username");
            return new Exchanged(
                    token,
                    claims.getSubject() == null ? "" : claims.getSubject(),
                    username instanceof String u ? u : subject,
                    tenant instanceof String t ? t : "");
        } catch (ParseException e) {
            throw new ExchangeFailedException("the realm answered no signed access token", true);
        }
    }

    private static String accessToken(String json) throws ExchangeFailedException {
        // {"access_token":"<jwt>", ...}: a JWT holds no quote or backslash.
        int key = json.indexOf("\"access_token\"");
        int open = key < 0 ? -1 : json.indexOf('"', json.indexOf(':', key) + 1);
        int close = open < 0 ? -1 : json.indexOf('"', open + 1);
        if (close < 0) {
            throw new ExchangeFailedException("the realm answered no access token", true);
        }
        return json.substring(open + 1, close);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
