package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.gateway.openapi.OpenApiChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway serves its OpenAPI document and the Swagger UI page without a token, and every
 * operation the document lists is one the REST face really routes (the document and the transcoder
 * read the same contract).
 */
class OpenApiEndpointsTest extends RecordingUpstreamTest {

    @LocalServerPort int port;

    private WebTestClient client;

    @BeforeEach
    void setUp() {
        // The document describes every RPC of the suite and outgrows the client's default 256 KB
        // buffer.
        client =
                WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:" + port)
                        .responseTimeout(Duration.ofSeconds(10))
                        .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                        .build();
        CASES.reset();
        CASES.answer = request -> null;
    }

    private JsonObject document() {
        byte[] body =
                client.get()
                        .uri("/openapi.json")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void the_document_is_served_without_a_token_and_revalidates_by_etag() {
        EntityExchangeResult<byte[]> first =
                client.get()
                        .uri("/openapi.json")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .valueMatches(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .expectBody()
                        .returnResult();
        String etag = first.getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        client.get()
                .uri("/openapi.json")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified();

        JsonObject document = document();
        assertThat(OpenApiChecks.violations(document)).isEmpty();
        assertThat(document.getAsJsonObject("paths").keySet())
                .contains("/api/v1/cases/{id}", "/api/v1/cases/{id}:share");
        assertThat(
                        document.getAsJsonObject("components")
                                .getAsJsonObject("securitySchemes")
                                .getAsJsonObject("openIdConnect")
                                .get("openIdConnectUrl")
                                .getAsString())
                .isEqualTo(TestTokens.ISSUER + "/.well-known/openid-configuration");
    }

    @Test
    void every_documented_operation_is_routed_by_the_rest_face() {
        String token = TOKENS.token("KR");
        JsonObject document = document();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonElement> path : document.getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> entry :
                    path.getValue().getAsJsonObject().entrySet()) {
                String concrete = concretePath(path.getKey(), entry.getValue().getAsJsonObject());
                HttpMethod method = HttpMethod.valueOf(entry.getKey().toUpperCase());
                boolean body = entry.getValue().getAsJsonObject().has("requestBody");
                var spec = client.method(method).uri(concrete).headers(h -> h.setBearerAuth(token));
                var exchange =
                        body
                                ? spec.contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue("{}")
                                        .exchange()
                                : spec.exchange();
                EntityExchangeResult<byte[]> result = exchange.expectBody().returnResult();
                String answer =
                        result.getResponseBody() == null
                                ? ""
                                : new String(result.getResponseBody(), StandardCharsets.UTF_8);
                assertThat(result.getStatus().value())
                        .as("%s %s answered %s", method, concrete, answer)
                        .isNotIn(405, 429);
                assertThat(answer)
                        .as("%s %s", method, concrete)
                        .doesNotContain("no resource is served at this path");
                checked.add(method + " " + concrete);
            }
        }
        assertThat(checked).contains("GET /api/v1/cases/x1", "POST /api/v1/cases/x1:share");
    }

    @Test
    void the_documented_client_stream_is_served_as_an_array_of_messages() {
        JsonObject ingest =
                document()
                        .getAsJsonObject("paths")
                        .getAsJsonObject("/api/v1/wantedPersons:ingest")
                        .getAsJsonObject("post");
        assertThat(
                        ingest.getAsJsonObject("requestBody")
                                .getAsJsonObject("content")
                                .getAsJsonObject("application/json")
                                .getAsJsonObject("schema")
                                .get("type")
                                .getAsString())
                .isEqualTo("array");
        FUGITIVES.reset();
        client.post()
                .uri("/api/v1/wantedPersons:ingest")
                .headers(h -> h.setBearerAuth(TOKENS.token("KR")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"requestId\":\"a\"},{\"requestId\":\"b\"}]")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.results.length()")
                .isEqualTo(2);
        assertThat(FUGITIVES.ingested).extracting(r -> r.getRequestId()).containsExactly("a", "b");
    }

    @Test
    void a_documented_request_reaches_the_service_as_described() {
        client.get()
                .uri("/api/v1/cases/c-7")
                .headers(h -> h.setBearerAuth(TOKENS.token("KR")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("c-7");
        assertThat(CASES.lastMethod.get()).isEqualTo("GetCase");
        assertThat(((GetCaseRequest) CASES.lastRequest.get()).getId()).isEqualTo("c-7");
    }

    /** Fills each path parameter with a value its schema accepts. */
    private static String concretePath(String template, JsonObject operation) {
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = "x1";
            for (JsonElement parameter : operation.getAsJsonArray("parameters")) {
                JsonObject schema = parameter.getAsJsonObject().getAsJsonObject("schema");
                if (parameter.getAsJsonObject().get("name").getAsString().equals(matcher.group(1))
                        && schema.has("pattern")) {
                    throw new AssertionError(
                            "the suite's contract has no multi-segment variables yet: " + template);
                }
            }
            matcher.appendReplacement(path, value);
        }
        matcher.appendTail(path);
        return path.toString();
    }

    @Test
    void the_docs_page_is_served_without_a_token_under_a_strict_policy() {
        EntityExchangeResult<byte[]> page =
                client.get()
                        .uri("/docs")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                        .expectBody()
                        .returnResult();
        String html = new String(page.getResponseBody(), StandardCharsets.UTF_8);
        // The gateway's policy for pages; the browser test proves the page works under it.
        String policy = page.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'").doesNotContain("unsafe-eval");
        assertThat(policy.contains("script-src"))
                .as("scripts fall back to default-src 'self'")
                .isFalse();
        assertThat(html).contains("docs/swagger-ui-bundle.js", "docs/swagger-initializer.js");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find())
                .as("no inline script")
                .isFalse();

        client.get()
                .uri("/docs/swagger-ui-bundle.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"));
        client.get()
                .uri("/docs/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(js -> assertThat(js).contains("openapi.json", "SwaggerUIBundle"));
        client.get()
                .uri("/docs/swagger-ui.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/css"));
        client.get().uri("/docs/oauth2-redirect.html").exchange().expectStatus().isOk();
        client.get().uri("/docs/index.html").exchange().expectStatus().isNotFound();
        client.get()
                .uri("/docs/swagger-ui-standalone-preset.js")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/docs/")
                .exchange()
                .expectStatus()
                .isEqualTo(301)
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "../docs");
    }
}
