package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway application against a loopback gRPC case service that records what reaches it, with
 * tokens signed by a test realm key. Proves authentication, tenant stripping, the five case routes,
 * and error mapping.
 */
class TranscodingIntegrationTest extends RecordingUpstreamTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.gateway.deadline", () -> "1500ms");
    }

    @LocalServerPort int port;

    private WebTestClient client;

    @BeforeEach
    void setUp() {
        client =
                WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:" + port)
                        .responseTimeout(Duration.ofSeconds(10))
                        .build();
        CASES.reset();
        CASES.answer = request -> null;
    }

    private WebTestClient.RequestHeadersSpec<?> get(String path, String token) {
        return client.get()
                .uri(path)
                .headers(
                        h -> {
                            if (token != null) {
                                h.setBearerAuth(token);
                            }
                        });
    }

    private WebTestClient.RequestHeadersSpec<?> post(String path, String token, String json) {
        return client.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json);
    }

    private void assertRefused(String token, int status) {
        var result =
                get("/api/v1/cases/c1", token)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(status)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo(status);
        if (status == 401) {
            get("/api/v1/cases/c1", token)
                    .exchange()
                    .expectHeader()
                    .value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(CASES.lastMethod.get()).as("the upstream must not be called").isNull();
    }

    @Test
    void health_needs_no_token() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void a_request_without_token_is401_with_bearer_challenge() {
        get("/api/v1/cases/c1", null)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer"))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.type")
                .isEqualTo("https://chainbreaker.org/problems/unauthenticated");
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void an_unknown_path_also_needs_a_token() {
        get("/api/v1/nothing", null).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_token_signed_by_another_key_is401() {
        assertRefused(TOKENS.forged("KR"), 401);
    }

    @Test
    void an_expired_token_is401() {
        assertRefused(
                TOKENS.token(
                        "KR",
                        c ->
                                c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                                        .expirationTime(
                                                Date.from(Instant.now().minusSeconds(600)))),
                401);
    }

    @Test
    void an_unsigned_alg_none_token_is401() {
        assertRefused(TestTokens.unsigned("KR"), 401);
    }

    @Test
    void a_token_for_another_audience_is401() {
        assertRefused(TOKENS.token("KR", c -> c.audience("some-other-api")), 401);
    }

    @Test
    void a_token_of_an_unknown_tenant_is403() {
        assertRefused(TOKENS.token("XX"), 403);
    }

    @Test
    void tenant_headers_are_ignored_and_the_service_sees_only_the_tokens_tenant() throws Exception {
        String token = TOKENS.token("KR");
        client.get()
                .uri("/api/v1/cases/c1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Tenant", "TH")
                .header("X-Tenant-Id", "TH")
                .header("X-Chainbreaker-Tenant", "TH")
                .exchange()
                .expectStatus()
                .isOk();
        Metadata headers = CASES.lastHeaders.get();
        assertThat(headers.get(AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(headers.keys()).noneMatch(k -> k.contains("tenant"));
        String forwarded = headers.get(AUTHORIZATION).substring("Bearer ".length());
        assertThat(
                        com.nimbusds.jwt.SignedJWT.parse(forwarded)
                                .getJWTClaimsSet()
                                .getStringClaim("tenant"))
                .isEqualTo("KR");
    }

    @Test
    void create_case_sends_the_body_as_the_case_and_query_parameters_as_the_rest() {
        String token = TOKENS.token("KR");
        client.post()
                .uri("/api/v1/cases?requestId=req-1")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Scam compound in Myawaddy\",\"category\":\"ONLINE_SCAM\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/api/v1/cases/new-id")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("new-id")
                .jsonPath("$.title")
                .isEqualTo("Scam compound in Myawaddy")
                .jsonPath("$.category")
                .isEqualTo("ONLINE_SCAM")
                .jsonPath("$.ownerCountry")
                .isEqualTo("KR")
                .jsonPath("$.shares")
                .isArray()
                .jsonPath("$.createTime")
                .doesNotExist();
        assertThat(CASES.lastMethod.get()).isEqualTo("CreateCase");
        CreateCaseRequest request = (CreateCaseRequest) CASES.lastRequest.get();
        assertThat(request.getCase().getTitle()).isEqualTo("Scam compound in Myawaddy");
        assertThat(request.getCase().getCategory()).isEqualTo(Case.Category.ONLINE_SCAM);
        assertThat(request.getRequestId()).isEqualTo("req-1");
        assertThat(CASES.lastHeaders.get().get(AUTHORIZATION)).isEqualTo("Bearer " + token);
    }

    @Test
    void get_case_takes_the_id_from_the_path() {
        client.get()
                .uri(
                        java.net.URI.create(
                                "http://127.0.0.1:" + port + "/api/v1/cases/KR-2026%2F000123"))
                .headers(h -> h.setBearerAuth(TOKENS.token("KR")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("KR-2026/000123");
        assertThat(CASES.lastMethod.get()).isEqualTo("GetCase");
        assertThat(((GetCaseRequest) CASES.lastRequest.get()).getId()).isEqualTo("KR-2026/000123");
    }

    @Test
    void list_cases_takes_pagination_from_the_query_and_prints_empty_lists() {
        get("/api/v1/cases?pageSize=20&page_token=next", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cases")
                .isArray()
                .jsonPath("$.cases.length()")
                .isEqualTo(0)
                .jsonPath("$.nextPageToken")
                .isEqualTo("");
        assertThat(CASES.lastMethod.get()).isEqualTo("ListCases");
        ListCasesRequest request = (ListCasesRequest) CASES.lastRequest.get();
        assertThat(request.getPageSize()).isEqualTo(20);
        assertThat(request.getPageToken()).isEqualTo("next");
    }

    @Test
    void share_case_reaches_share_case_with_path_and_body() {
        post(
                        "/api/v1/cases/c-9:share",
                        TOKENS.token("KR"),
                        "{\"country\":\"TH\",\"handlingCode\":\"H2\",\"etag\":\"e7\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("c-9");
        assertThat(CASES.lastMethod.get()).isEqualTo("ShareCase");
        ShareCaseRequest request = (ShareCaseRequest) CASES.lastRequest.get();
        assertThat(request.getId()).isEqualTo("c-9");
        assertThat(request.getCountry()).isEqualTo("TH");
        assertThat(request.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(request.getEtag()).isEqualTo("e7");
    }

    @Test
    void revoke_share_reaches_revoke_share_not_share_case() {
        post("/api/v1/cases/c-9:revokeShare", TOKENS.token("KR"), "{\"country\":\"TH\"}")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(CASES.lastMethod.get()).isEqualTo("RevokeShare");
        RevokeShareRequest request = (RevokeShareRequest) CASES.lastRequest.get();
        assertThat(request.getId()).isEqualTo("c-9");
        assertThat(request.getCountry()).isEqualTo("TH");
    }

    @Test
    void not_found_from_the_service_is404_problem() {
        CASES.answer =
                request -> Status.NOT_FOUND.withDescription("no case c1").asRuntimeException();
        get("/api/v1/cases/c1", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://chainbreaker.org/problems/not-found")
                .jsonPath("$.title")
                .isEqualTo("Not found")
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.detail")
                .isEqualTo("no case c1")
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void field_violations_from_the_service_are400_with_errors() {
        CASES.answer =
                request ->
                        StatusProto.toStatusRuntimeException(
                                com.google.rpc.Status.newBuilder()
                                        .setCode(Code.INVALID_ARGUMENT_VALUE)
                                        .setMessage("case.title: is required")
                                        .addDetails(
                                                Any.pack(
                                                        BadRequest.newBuilder()
                                                                .addFieldViolations(
                                                                        BadRequest.FieldViolation
                                                                                .newBuilder()
                                                                                .setField(
                                                                                        "case.title")
                                                                                .setDescription(
                                                                                        "is required"))
                                                                .build()))
                                        .build());
        post("/api/v1/cases", TOKENS.token("KR"), "{\"category\":\"ONLINE_SCAM\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_ARGUMENT")
                .jsonPath("$.errors[0].field")
                .isEqualTo("title")
                .jsonPath("$.errors[0].description")
                .isEqualTo("is required");
    }

    @Test
    void an_etag_conflict_is409_with_the_reason() {
        CASES.answer =
                request ->
                        StatusProto.toStatusRuntimeException(
                                com.google.rpc.Status.newBuilder()
                                        .setCode(Code.ABORTED_VALUE)
                                        .setMessage("the case was changed meanwhile")
                                        .addDetails(
                                                Any.pack(
                                                        ErrorInfo.newBuilder()
                                                                .setReason("ETAG_MISMATCH")
                                                                .setDomain("chainbreaker.org")
                                                                .build()))
                                        .build());
        post(
                        "/api/v1/cases/c1:share",
                        TOKENS.token("KR"),
                        "{\"country\":\"TH\",\"handlingCode\":\"H0\",\"etag\":\"old\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("ETAG_MISMATCH")
                .jsonPath("$.code")
                .isEqualTo("ABORTED");
    }

    @Test
    void permission_denied_is403() {
        CASES.answer =
                request ->
                        Status.PERMISSION_DENIED
                                .withDescription("only the owner may share")
                                .asRuntimeException();
        post(
                        "/api/v1/cases/c1:share",
                        TOKENS.token("KR"),
                        "{\"country\":\"TH\",\"handlingCode\":\"H0\"}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("only the owner may share");
    }

    @Test
    void internal_errors_reveal_nothing() {
        CASES.answer =
                request ->
                        Status.INTERNAL
                                .withDescription("PSQLException at db-7.internal:5432")
                                .asRuntimeException();
        get("/api/v1/cases/c1", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("PSQL").doesNotContain("db-7"));
    }

    @Test
    void a_service_that_does_not_answer_in_time_is504() {
        CASES.answer = request -> RecordingCaseService.NEVER;
        get("/api/v1/cases/c1", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEADLINE_EXCEEDED")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).doesNotContain("127.0.0.1"));
    }

    @Test
    void bad_requests_are_refused_before_the_service_is_called() {
        post("/api/v1/cases", TOKENS.token("KR"), "{\"title\":\"t\",\"category\":99}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("category");
        post("/api/v1/cases", TOKENS.token("KR"), "{\"title\":\"t\",\"ownerCountry2\":\"TH\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("ownerCountry2");
        post("/api/v1/cases", TOKENS.token("KR"), "{\"title\":")
                .exchange()
                .expectStatus()
                .isBadRequest();
        get("/api/v1/cases?pageSize=20&tenant=TH", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("tenant");
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void unknown_routes_are404_and_wrong_methods_are405_problems() {
        get("/api/v1/nothing", TOKENS.token("KR"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        client.delete()
                .uri("/api/v1/cases/c1")
                .headers(h -> h.setBearerAuth(TOKENS.token("KR")))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .value(
                        HttpHeaders.ALLOW,
                        allow -> assertThat(allow).contains("GET").doesNotContain("DELETE"))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void a_non_json_body_is415() {
        client.post()
                .uri("/api/v1/cases")
                .headers(h -> h.setBearerAuth(TOKENS.token("KR")))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("title=x")
                .exchange()
                .expectStatus()
                .isEqualTo(415);
    }
}
