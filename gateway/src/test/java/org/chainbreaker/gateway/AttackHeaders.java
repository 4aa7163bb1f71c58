package org.chainbreaker.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.RawHttp.Header;

/**
 * Headers an attacker might send to the gateway: credentials that prove no caller, and headers that
 * try to choose a country, a path or an address.
 */
final class AttackHeaders {

    private AttackHeaders() {}

    /** Authorization headers (and friends) that prove no caller, by name. */
    static Map<String, List<Header>> unverified(TestTokens tokens) {
        Instant now = Instant.now();
        Map<String, List<Header>> sets = new LinkedHashMap<>();
        sets.put("no token", List.of());
        sets.put("empty bearer", List.of(bearerHeader("")));
        sets.put(
                "basic credentials",
                List.of(new Header("Authorization", "Basic a3ItaW52ZXN0aWdhdG9yOmty")));
        sets.put("unsigned (alg none)", List.of(bearerHeader(TestTokens.unsigned("KR"))));
        sets.put(
                "signed by another key with the realm's key id",
                List.of(bearerHeader(tokens.forged("KR"))));
        sets.put(
                "expired",
                List.of(
                        bearerHeader(
                                tokens.token(
                                        "KR",
                                        c ->
                                                c.expirationTime(Date.from(now.minusSeconds(600)))
                                                        .issueTime(
                                                                Date.from(
                                                                        now.minusSeconds(900)))))));
        sets.put(
                "another audience",
                List.of(bearerHeader(tokens.token("KR", c -> c.audience("some-other-api")))));
        sets.put(
                "another issuer",
                List.of(
                        bearerHeader(
                                tokens.token(
                                        "KR", c -> c.issuer("https://evil.example/realms/x")))));
        sets.put(
                "ID token meant for the API",
                List.of(bearerHeader(tokens.token("KR", c -> c.claim("typ", "ID")))));
        sets.put(
                "refresh token",
                List.of(bearerHeader(tokens.token("KR", c -> c.claim("typ", "Refresh")))));
        sets.put(
                "token without a type",
                List.of(bearerHeader(tokens.token("KR", c -> c.claim("typ", null)))));
        sets.put("tenant not served", List.of(bearerHeader(tokens.token("ZZ"))));
        sets.put("token with junk appended", List.of(bearerHeader(tokens.token("KR") + "x")));
        sets.put(
                "two tokens in one header",
                List.of(
                        new Header(
                                "Authorization",
                                "Bearer "
                                        + tokens.token("KR")
                                        + ", Bearer "
                                        + tokens.forged("TH"))));
        sets.put(
                "two Authorization headers",
                List.of(bearerHeader(tokens.token("KR")), bearerHeader(tokens.forged("TH"))));
        sets.put(
                "token in the query's place",
                List.of(new Header("X-Access-Token", tokens.token("KR"))));
        sets.put("tenant and rewrite headers only", hostileHeaders("KR"));
        return sets;
    }

    /** What a client may add to try to choose its country, its path or its address. */
    static List<Header> hostileHeaders(String otherTenant) {
        return List.of(
                new Header("X-Tenant", otherTenant),
                new Header("Chainbreaker-Tenant", otherTenant),
                new Header("Tenant", otherTenant),
                new Header("X-Tenant-Id", otherTenant),
                new Header("X-Forwarded-For", "10.1.2.3"),
                new Header("X-Forwarded-Host", "internal.example"),
                new Header("X-Forwarded-Proto", "https"),
                new Header("X-Forwarded-Prefix", "/api"),
                new Header("X-Forwarded-Port", "9090"),
                new Header("Forwarded", "for=10.1.2.3;host=internal.example"),
                new Header("X-Original-URL", "/api/v1/cases"),
                new Header("X-Rewrite-URL", "/api/v1/cases"),
                new Header("X-Real-IP", "10.1.2.3"));
    }

    static Header bearerHeader(String token) {
        return new Header("Authorization", "Bearer " + token);
    }

    static List<Header> with(List<Header> first, List<Header> more) {
        List<Header> all = new ArrayList<>(first);
        all.addAll(more);
        return all;
    }
}
