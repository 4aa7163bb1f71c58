package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One case travels Keycloak -> gateway -> case-service -> PostgreSQL and back, with every part
 * real: a Keycloak started from its distribution with the repository's realm, PostgreSQL, and the
 * services and gateway as the processes an operator would run.
 */
class CaseTravelsEndToEndTest {

    static Suite suite;
    static KeycloakServer keycloak;
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static ManagedChannel caseService;
    static ManagedChannel gatewayGrpc;

    @BeforeAll
    static void startSuite() {
        // The suite of this JVM, shared with every other system test (it starts once per module
        // run).
        suite = RunningSuite.get();
        keycloak = suite.keycloak();
        caseService = RunningSuite.channel(suite.backendTarget("case-service"));
        gatewayGrpc = RunningSuite.gatewayGrpc();
    }

    private static HttpResponse<String> call(
            String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(suite.restUrl() + path))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Case parseCase(String json) throws IOException {
        Case.Builder builder = Case.newBuilder();
        JsonFormat.parser().merge(json, builder);
        return builder.build();
    }

    @Test
    void a_case_is_hidden_shared_and_revoked_through_the_gateways_rest_api() throws Exception {
        String kr = keycloak.tokenFor("kr-investigator");
        String th = keycloak.tokenFor("th-investigator");

        HttpResponse<String> created =
                call(
                        "POST",
                        "/api/v1/cases",
                        kr,
                        "{\"title\":\"Scam compound recruiting KR nationals\",\"category\":\"ONLINE_SCAM\",\"summary\":\"Reported by victims\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Case krCase = parseCase(created.body());
        assertThat(krCase.getOwnerCountry()).isEqualTo("KR");
        assertThat(krCase.getReference()).matches("KR-\\d{4}-\\d{6}");
        String path = "/api/v1/cases/" + krCase.getId();

        HttpResponse<String> hidden = call("GET", path, th, null);
        HttpResponse<String> neverExisted =
                call("GET", "/api/v1/cases/00000000-0000-4000-8000-000000000000", th, null);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(OnFace.comparable(hidden.body()))
                .isEqualTo(OnFace.comparable(neverExisted.body()));
        // A tenant header is not a way into another country's data.
        assertThat(call("GET", path, th, null, "X-Tenant", "KR", "X-Tenant-Id", "KR").statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/cases", th, null).body()).doesNotContain(krCase.getId());

        assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", path, forged(kr), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", path, expiredToken(), null).statusCode()).isEqualTo(401);

        HttpResponse<String> shared =
                call("POST", path + ":share", kr, "{\"country\":\"TH\",\"handlingCode\":\"H2\"}");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);

        HttpResponse<String> seen = call("GET", path, th, null);
        assertThat(seen.statusCode()).isEqualTo(200);
        Case seenByTh = parseCase(seen.body());
        assertThat(seenByTh.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(seenByTh.getTitle()).isEqualTo("Scam compound recruiting KR nationals");
        assertThat(call("GET", "/api/v1/cases", th, null).body()).contains(krCase.getId());

        HttpResponse<String> revoked =
                call("POST", path + ":revokeShare", kr, "{\"country\":\"TH\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(call("GET", path, th, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/cases", th, null).body()).doesNotContain(krCase.getId());
    }

    @Test
    void a_request_traced_by_the_partner_is_followed_through_the_gateway_into_the_service()
            throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        HttpResponse<String> created =
                call(
                        "POST",
                        "/api/v1/cases",
                        keycloak.tokenFor("my-investigator"),
                        "{\"title\":\"Traced across the suite\",\"category\":\"CYBERCRIME\"}",
                        "traceparent",
                        "00-" + traceId + "-b7ad6b7169203331-01");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // The service's access line carries the partner's trace id (the gateway continued the
        // trace, not a new one).
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String log;
        do {
            log = suite.process("case-service").logTail(400);
        } while (!log.contains(traceId) && System.nanoTime() < deadline && sleep(100));
        assertThat(log).contains(traceId).contains("CreateCase");
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    @Test
    void a_partner_system_with_client_credentials_acts_for_its_own_country() throws Exception {
        String partner = keycloak.clientToken("vn-partner", "vn-partner-secret");
        HttpResponse<String> created =
                call(
                        "POST",
                        "/api/v1/cases",
                        partner,
                        "{\"title\":\"Investment fraud app\",\"category\":\"INVESTMENT_FRAUD\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(parseCase(created.body()).getOwnerCountry()).isEqualTo("VN");
    }

    @Test
    void the_same_rules_hold_on_the_services_grpc_api() {
        sameRulesOver(caseService);
    }

    @Test
    void the_same_rules_hold_on_the_gateways_grpc_face_for_national_portals() {
        sameRulesOver(gatewayGrpc);
    }

    private static void sameRulesOver(ManagedChannel channel) {
        var kr = stub(channel, keycloak.tokenFor("kr-investigator"));
        var th = stub(channel, keycloak.tokenFor("th-liaison"));

        Case krCase =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle(
                                                        "Voice phishing impersonating prosecutors")
                                                .setCategory(Case.Category.VOICE_PHISHING))
                                .build());
        GetCaseRequest get = GetCaseRequest.newBuilder().setId(krCase.getId()).build();

        assertThat(codeOf(() -> th.getCase(get))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(() -> CaseServiceGrpc.newBlockingStub(channel).getCase(get)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(
                        codeOf(
                                () ->
                                        stub(channel, forged(keycloak.tokenFor("kr-investigator")))
                                                .getCase(get)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);

        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        assertThat(th.getCase(get).getHandlingCode()).isEqualTo(HandlingCode.H1);

        kr.revokeShare(
                RevokeShareRequest.newBuilder().setId(krCase.getId()).setCountry("TH").build());
        assertThat(codeOf(() -> th.getCase(get))).isEqualTo(Status.Code.NOT_FOUND);
    }

    private static CaseServiceGrpc.CaseServiceBlockingStub stub(
            ManagedChannel channel, String token) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        return CaseServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    /**
     * A real token whose payload was changed to claim another country: its signature no longer
     * matches.
     */
    private static String forged(String token) {
        String[] parts = token.split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"tenant\":\"KR\"", "\"tenant\":\"TH\"");
        return parts[0]
                + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "."
                + parts[2];
    }

    /**
     * A genuine token from the realm that has expired: issued by a copy of the CLI client (same
     * claim mappers) whose tokens live one second.
     */
    private static String expiredToken() throws Exception {
        String clientId = "e2e-short-lived";
        String admin = keycloak.adminToken();
        String clients = keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        HttpResponse<String> cli =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                clients + "?clientId=" + KeycloakServer.CLI_CLIENT))
                                .header("Authorization", "Bearer " + admin)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        ListValue.Builder found = ListValue.newBuilder();
        JsonFormat.parser().merge(cli.body(), found);
        Struct.Builder copy =
                found.getValues(0).getStructValue().toBuilder()
                        .removeFields("id")
                        .putFields("clientId", Value.newBuilder().setStringValue(clientId).build());
        Struct.Builder attributes =
                copy.getFieldsOrThrow("attributes").getStructValue().toBuilder()
                        .putFields(
                                "access.token.lifespan",
                                Value.newBuilder().setStringValue("1").build());
        copy.putFields("attributes", Value.newBuilder().setStructValue(attributes).build());
        ListValue.Builder mappers = ListValue.newBuilder();
        for (Value mapper :
                copy.getFieldsOrDefault("protocolMappers", Value.getDefaultInstance())
                        .getListValue()
                        .getValuesList()) {
            mappers.addValues(
                    Value.newBuilder()
                            .setStructValue(
                                    mapper.getStructValue().toBuilder().removeFields("id")));
        }
        copy.putFields("protocolMappers", Value.newBuilder().setListValue(mappers).build());
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(URI.create(clients))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JsonFormat.printer().print(copy)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        HttpResponse<String> token =
                http.send(
                        HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=password&client_id="
                                                        + clientId
                                                        + "&username=kr-investigator&password=kr-investigator"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        Map<String, Object> claims = KeycloakServer.claims(accessToken);
        assertThat(claims).containsEntry("tenant", "KR");
        // Everything but the expiry is right, so the refusal proves the expiry check.
        assertThat(String.valueOf(claims.get("aud"))).contains("chainbreaker-api");
        Thread.sleep(3_500);
        return accessToken;
    }
}
