package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.gateway.grpcface.GrpcFace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request hygiene at the gateway: security headers everywhere, CORS only for configured origins,
 * limits on the shape of JSON, Idempotency-Key as the request id, and per-tenant rate limits on
 * both faces.
 */
class RequestHygieneTest extends RecordingUpstreamTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
        registry.add(
                "chainbreaker.gateway.cors.allowed-origins", () -> "https://portal.police.example");
        // MM gets a tiny allowance so the test can exhaust it; everyone else keeps the default.
        registry.add("chainbreaker.gateway.limits.tenants.MM.rate", () -> "0.01");
        registry.add("chainbreaker.gateway.limits.tenants.MM.burst", () -> "2");
    }

    @LocalServerPort int port;
    @Autowired GrpcFace face;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        CASES.reset();
        CASES.answer = request -> null;
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String bearer(String tenant) {
        return "Bearer " + TOKENS.token(tenant);
    }

    @Test
    void every_response_carries_the_security_headers_refusals_included() throws Exception {
        for (HttpResponse<String> response :
                new HttpResponse[] {
                    send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("KR")),
                    send("GET", "/api/v1/cases/c1", null),
                    send("GET", "/api/v1/nowhere", null, "Authorization", bearer("KR")),
                    send("GET", "/actuator/health", null)
                }) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
        assertThat(
                        send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("KR"))
                                .headers()
                                .firstValue("Cache-Control"))
                .hasValue("no-store");
    }

    @Test
    void browsers_may_call_only_from_configured_origins() throws Exception {
        HttpResponse<String> allowed =
                send(
                        "OPTIONS",
                        "/api/v1/cases",
                        null,
                        "Origin",
                        "https://portal.police.example",
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "authorization,content-type");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://portal.police.example");

        HttpResponse<String> foreign =
                send(
                        "OPTIONS",
                        "/api/v1/cases",
                        null,
                        "Origin",
                        "https://evil.example",
                        "Access-Control-Request-Method",
                        "POST");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void json_that_nests_too_deep_or_carries_huge_strings_or_arrays_is_refused_naming_where()
            throws Exception {
        String deep = "{\"title\":" + "[".repeat(40) + "]".repeat(40) + "}";
        HttpResponse<String> nested =
                send("POST", "/api/v1/cases", deep, "Authorization", bearer("KR"));
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("nests deeper than 32 levels");

        HttpResponse<String> huge =
                send(
                        "POST",
                        "/api/v1/cases",
                        "{\"title\":\"" + "x".repeat(20_001) + "\",\"category\":\"OTHER\"}",
                        "Authorization",
                        bearer("KR"));
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body())
                .contains("\"field\":\"title\"")
                .contains("longer than 20000 characters");

        StringBuilder many =
                new StringBuilder("{\"country\":\"TH\",\"handlingCode\":\"H1\",\"etag\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        HttpResponse<String> array =
                send(
                        "POST",
                        "/api/v1/cases/c1:share",
                        many.append("]}").toString(),
                        "Authorization",
                        bearer("KR"));
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(array.body()).contains("more than 1000 elements");
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void a_body_that_is_not_utf8_is_refused_not_repaired() throws Exception {
        byte[] body =
                "{\"title\":\"caf\u0000\",\"category\":\"OTHER\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[12] = (byte) 0xC3;
        body[13] = (byte) 0x28;
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                                .header("Authorization", bearer("KR"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid UTF-8");
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void an_idempotency_key_becomes_the_request_id_of_a_create() throws Exception {
        HttpResponse<String> created =
                send(
                        "POST",
                        "/api/v1/cases",
                        "{\"title\":\"t\",\"category\":\"OTHER\"}",
                        "Authorization",
                        bearer("KR"),
                        "Idempotency-Key",
                        "portal-7f3a");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(((CreateCaseRequest) CASES.lastRequest.get()).getRequestId())
                .isEqualTo("portal-7f3a");

        CASES.reset();
        HttpResponse<String> notApplicable =
                send(
                        "POST",
                        "/api/v1/cases/c1:share",
                        "{\"country\":\"TH\",\"handlingCode\":\"H1\"}",
                        "Authorization",
                        bearer("KR"),
                        "Idempotency-Key",
                        "k1");
        assertThat(notApplicable.statusCode()).isEqualTo(400);
        assertThat(notApplicable.body()).contains("Idempotency-Key");
        HttpResponse<String> malformed =
                send(
                        "POST",
                        "/api/v1/cases",
                        "{\"title\":\"t\",\"category\":\"OTHER\"}",
                        "Authorization",
                        bearer("KR"),
                        "Idempotency-Key",
                        "spaces are not allowed");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void a_country_over_its_limit_gets_429_on_rest_and_resource_exhausted_on_grpc_others_do_not()
            throws Exception {
        assertThat(
                        send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("MM"))
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("MM"))
                                .statusCode())
                .isEqualTo(200);
        HttpResponse<String> limited =
                send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("MM"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("too many requests from your country");

        ManagedChannel channel =
                ManagedChannelBuilder.forAddress("127.0.0.1", face.port()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    bearer("MM"));
            var stub =
                    CaseServiceGrpc.newBlockingStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            try {
                stub.getCase(GetCaseRequest.newBuilder().setId("c1").build());
                throw new AssertionError("the call succeeded");
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            }
        } finally {
            channel.shutdownNow();
        }
        assertThat(
                        send("GET", "/api/v1/cases/c1", null, "Authorization", bearer("KR"))
                                .statusCode())
                .isEqualTo(200);
    }
}
