package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.KeycloakServer;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.TokensAtRest;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No bearer token at rest, with the REAL Keycloak (the realm of the repository, its token exchange)
 * and the REAL fugitive-service: a deferred call stores who asked, no token; it is made after the
 * asker's own token expired, with a token the realm hands the repatriation-service's client for
 * that user and the fugitive-service's audience only; that token is refused everywhere else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DeferredCallsThroughTheRealmTest extends RepatriationCalls {

    static final String OWN_DATABASE_NAME = "repatriation_realm";
    static final PostgresServer.DatabaseAccess OWN_DATABASE =
            PostgresServer.shared().provision(OWN_DATABASE_NAME);
    static final PostgresServer.DatabaseAccess FUGITIVES_DATABASE =
            PostgresServer.shared().provision("fugitives_realm");
    static final KeycloakServer REALM = KeycloakServer.shared();
    static final int OWN_PORT = freePort();
    static final int FUGITIVES_PORT = freePort();
    static final CuttingProxy PROXY = new CuttingProxy(FUGITIVES_PORT);

    /** Users' tokens live this long here (the realm's default is 300 s). */
    static final int USER_TOKEN_SECONDS = 4;

    static ServiceProcess fugitiveService;
    static ManagedChannel fugitivesChannel;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        serviceProperties(registry, OWN_PORT, OWN_DATABASE, "127.0.0.1:" + PROXY.port());
        registry.add("chainbreaker.security.issuer", REALM::issuer);
        registry.add("chainbreaker.security.clock-skew", () -> "1s");
    }

    @BeforeAll
    static void start() throws Exception {
        shortenUserTokens();
        List<String> args = new ArrayList<>();
        Suite.serviceProperties(FUGITIVES_PORT, FUGITIVES_DATABASE, REALM.issuer())
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--chainbreaker.security.clock-skew=1s");
        fugitiveService =
                ServiceProcess.start(
                                "fugitive-service",
                                ServiceProcess.execJar("fugitive-service"),
                                ServiceProcess.QUICK_START,
                                args,
                                Path.of("target", "fugitive-service-for-realm-tests.log"))
                        .awaitGrpcHealthy(FUGITIVES_PORT);
        fugitivesChannel =
                ManagedChannelBuilder.forAddress("127.0.0.1", FUGITIVES_PORT)
                        .usePlaintext()
                        .build();
        connectTo(OWN_PORT);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        disconnectChannel();
        PROXY.close();
        fugitivesChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fugitiveService.stop();
    }

    @Test
    void a_deferred_check_stores_no_token_and_is_made_for_the_user_after_their_token_expired()
            throws Exception {
        WantedPerson person = arrestedInThailand();

        PROXY.refusing.set(true);
        PROXY.dropConnections();
        String asked = REALM.tokenFor("kr-investigator");
        Instant expires = Instant.ofEpochSecond(expiry(asked));
        Repatriation pending;
        try {
            pending =
                    create(
                            withToken(asked),
                            suspectTransfer("TH", "KR").setWantedPersonId(person.getId()));
            assertThat(pending.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.PENDING);
            // Queued: who asked, no token (nothing shaped like one, not the user's).
            assertThat(
                            column(
                                    OWN_DATABASE,
                                    "select actor_user from fugitive_checks where repatriation_id = ?::uuid",
                                    pending.getId()))
                    .containsExactly("kr-investigator");
            assertThat(TokensAtRest.find(OWN_DATABASE_NAME, List.of(asked))).isEmpty();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1500);
        } finally {
            PROXY.refusing.set(false);
        }
        // The user's own token is no longer good anywhere.
        assertThat(
                        statusOf(
                                        () ->
                                                fugitivesWith(asked)
                                                        .getWantedPerson(
                                                                GetWantedPersonRequest.newBuilder()
                                                                        .setId(person.getId())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        // The check is made on KR's behalf all the same: only KR (the owner) sees the person as
        // arrested in Thailand, so CONFIRMED proves the call carried the user's country.
        Repatriation checked = pending;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (checked.getFugitiveCheck() == Repatriation.FugitiveCheck.PENDING
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            checked =
                    withToken(REALM.tokenFor("kr-investigator"))
                            .getRepatriation(
                                    GetRepatriationRequest.newBuilder()
                                            .setId(pending.getId())
                                            .build());
        }
        assertThat(checked.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        assertThat(
                        column(
                                OWN_DATABASE,
                                "select repatriation_id::text from fugitive_checks where repatriation_id = ?::uuid",
                                pending.getId()))
                .isEmpty();
        assertThat(TokensAtRest.find(OWN_DATABASE_NAME, List.of(asked))).isEmpty();
    }

    @Test
    void an_exchanged_token_serves_its_one_audience_and_methods_and_nothing_else()
            throws Exception {
        WantedPerson person = arrestedInThailand();
        TokenExchange exchange = exchange(KeycloakServer.REPATRIATION_CLIENT_SECRET);
        TokenExchange.Exchanged forKr = exchange.onBehalfOf("kr-investigator", "fugitive-service");
        assertThat(forKr.tenant()).isEqualTo("KR");
        assertThat(KeycloakServer.claims(forKr.token()).get("aud")).isEqualTo("fugitive-service");
        long lifetime =
                ((Number) KeycloakServer.claims(forKr.token()).get("exp")).longValue()
                        - ((Number) KeycloakServer.claims(forKr.token()).get("iat")).longValue();
        assertThat(lifetime).isBetween(1L, 60L);

        // Good for the deferred calls' methods of the fugitive-service, as the user (KR, owner).
        assertThat(
                        fugitivesWith(forKr.token())
                                .getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(person.getId())
                                                .build())
                                .getOwnerCountry())
                .isEqualTo("KR");
        // Another method of the same service: refused.
        assertThat(
                        statusOf(
                                        () ->
                                                fugitivesWith(forKr.token())
                                                        .listWantedPersons(
                                                                ListWantedPersonsRequest
                                                                        .getDefaultInstance()))
                                .getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        // Another service (the repatriation-service's own API): refused.
        assertThat(
                        statusOf(
                                        () ->
                                                withToken(forKr.token())
                                                        .getRepatriation(
                                                                GetRepatriationRequest.newBuilder()
                                                                        .setId(
                                                                                java.util
                                                                                        .UUID
                                                                                        .randomUUID()
                                                                                        .toString())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        // The service's client gets no token of the API's audience, and nothing with a wrong
        // secret.
        assertThatThrownBy(() -> exchange.onBehalfOf("kr-investigator", "chainbreaker-api"))
                .isInstanceOfSatisfying(
                        TokenExchange.ExchangeFailedException.class,
                        e -> assertThat(e.refused()).isTrue());
        assertThatThrownBy(
                        () ->
                                exchange("not-the-secret")
                                        .onBehalfOf("kr-investigator", "fugitive-service"))
                .isInstanceOf(TokenExchange.ExchangeFailedException.class);
        // A country carried is the user's own: TH's liaison is TH.
        assertThat(exchange.onBehalfOf("th-liaison", "fugitive-service").tenant()).isEqualTo("TH");
    }

    static TokenExchange exchange(String secret) {
        return new TokenExchange(
                new TokenExchange.Settings(
                        URI.create(REALM.tokenEndpoint()),
                        "repatriation-service",
                        secret,
                        Duration.ofSeconds(10)));
    }

    static long expiry(String token) {
        return ((Number) KeycloakServer.claims(token).get("exp")).longValue();
    }

    static FugitiveServiceBlockingStub fugitivesWith(String token) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + token);
        return FugitiveServiceGrpc.newBlockingStub(fugitivesChannel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    static FugitiveServiceBlockingStub fugitives(String user) {
        return fugitivesWith(REALM.tokenFor(user));
    }

    /** Wanted by KR, published, seen in TH and arrested there. */
    static WantedPerson arrestedInThailand() {
        WantedPerson draft =
                fugitives("kr-investigator")
                        .createWantedPerson(
                                CreateWantedPersonRequest.newBuilder()
                                        .setWantedPerson(
                                                WantedPerson.newBuilder()
                                                        .setPrimaryName(
                                                                PersonName.newBuilder()
                                                                        .setValue("Kang Min-jae"))
                                                        .addCharges("fraud (investment scam)")
                                                        .setWarrant(
                                                                Warrant.newBuilder()
                                                                        .setReference(
                                                                                "2026-R-"
                                                                                        + System
                                                                                                .nanoTime())
                                                                        .setIssuingAuthority(
                                                                                "Busan District Court")))
                                        .build());
        var on =
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder()
                        .setId(draft.getId())
                        .build();
        fugitives("kr-investigator").submitWantedPerson(on);
        fugitives("kr-investigator").publishWantedPerson(on);
        fugitives("kr-investigator")
                .reportSighting(
                        ReportSightingRequest.newBuilder()
                                .setWantedPersonId(draft.getId())
                                .setSighting(
                                        Sighting.newBuilder()
                                                .setCountry("TH")
                                                .setPlace("Chiang Mai")
                                                .setSource("informant")
                                                .setConfidence(Sighting.Confidence.CONFIRMED)
                                                .setSeenTime(
                                                        timestamp(
                                                                Instant.now()
                                                                        .minus(
                                                                                Duration.ofDays(
                                                                                        3)))))
                                .build());
        return fugitives("th-investigator")
                .recordArrest(
                        RecordArrestRequest.newBuilder()
                                .setWantedPersonId(draft.getId())
                                .setArrest(
                                        Arrest.newBuilder()
                                                .setPlace("Chiang Mai")
                                                .setArrestTime(
                                                        timestamp(
                                                                Instant.now()
                                                                        .minus(Duration.ofDays(2))))
                                                .setCustody("Immigration Detention Centre Bangkok"))
                                .build());
    }

    /** Users' tokens of this realm live a few seconds (Keycloak's admin API; this JVM's realm). */
    static void shortenUserTokens() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        REALM.baseUrl()
                                                                + "/admin/realms/"
                                                                + KeycloakServer.REALM))
                                        .header("Authorization", "Bearer " + REALM.adminToken())
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"accessTokenLifespan\": "
                                                                + USER_TOKEN_SECONDS
                                                                + "}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
