package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.ServiceProcess;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.repatriation.v1.TransitionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Arrest to draft transfer with both REAL services: the fugitive-service runs as a process from its
 * executable jar on a database of its own, its arrest relay calling this repatriation-service
 * through a proxy that can refuse connections (the repatriation-service unreachable), and this
 * repatriation-service asking the fugitive-service directly. Tokens come from the local issuer,
 * which also plays the realm's token exchange for both services' clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ArrestToDraftAcrossServicesTest extends RepatriationCalls {

    static final PostgresServer.DatabaseAccess OWN_DATABASE =
            PostgresServer.shared().provision("repatriation_arrests");
    static final PostgresServer.DatabaseAccess FUGITIVES_DATABASE =
            PostgresServer.shared().provision("fugitives_arrests");
    static final int OWN_PORT = freePort();
    static final int FUGITIVES_PORT = freePort();

    /** The arrest relay's way to this repatriation-service. */
    static final CuttingProxy TO_REPATRIATION = new CuttingProxy(OWN_PORT);

    /** How long an arrest may take to become a draft here (the relay looks every 300 ms). */
    static final Duration BOUND = Duration.ofSeconds(20);

    static ServiceProcess fugitiveService;
    static ManagedChannel fugitivesChannel;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        serviceProperties(registry, OWN_PORT, OWN_DATABASE, "127.0.0.1:" + FUGITIVES_PORT);
    }

    @BeforeAll
    static void startFugitiveService() {
        fugitiveService = startFugitives();
        fugitivesChannel =
                ManagedChannelBuilder.forAddress("127.0.0.1", FUGITIVES_PORT)
                        .usePlaintext()
                        .build();
        connectTo(OWN_PORT);
    }

    @AfterAll
    static void stopFugitiveService() throws InterruptedException {
        disconnectChannel();
        TO_REPATRIATION.close();
        fugitivesChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fugitiveService.stop();
    }

    static ServiceProcess startFugitives() {
        List<String> args = new ArrayList<>();
        Suite.serviceProperties(FUGITIVES_PORT, FUGITIVES_DATABASE, TOKENS.issuer())
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--chainbreaker.upstreams.repatriation=127.0.0.1:" + TO_REPATRIATION.port());
        args.add("--chainbreaker.fugitives.arrest-relay.interval=300ms");
        args.add("--chainbreaker.fugitives.arrest-relay.deadline=1s");
        args.add("--chainbreaker.fugitives.arrest-relay.open-for=300ms");
        Path log = Path.of("target", "fugitive-service-for-arrest-tests.log");
        // Started (and restarted) for a few calls: start-up time is what counts.
        return ServiceProcess.start(
                        "fugitive-service",
                        ServiceProcess.execJar("fugitive-service"),
                        ServiceProcess.QUICK_START,
                        args,
                        log)
                .awaitGrpcHealthy(FUGITIVES_PORT);
    }

    static FugitiveServiceBlockingStub fugitives(String tenant) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer "
                        + TOKENS.token(
                                tenant, tenant.toLowerCase() + "-investigator", "investigator"));
        return FugitiveServiceGrpc.newBlockingStub(fugitivesChannel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers), DEADLINE_PER_CALL);
    }

    static final Instant ARRESTED_AT =
            Instant.now()
                    .minus(Duration.ofHours(6))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    /** Wanted by KR, seen in TH: published, not yet arrested. */
    static WantedPerson wantedByKoreaSeenInThailand() {
        FugitiveServiceBlockingStub kr = fugitives("KR");
        WantedPerson draft =
                kr.createWantedPerson(
                        CreateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        WantedPerson.newBuilder()
                                                .setPrimaryName(
                                                        PersonName.newBuilder()
                                                                .setValue("Park Ji-hoon"))
                                                .addCharges("fraud (investment scam)")
                                                .setWarrant(
                                                        Warrant.newBuilder()
                                                                .setReference(
                                                                        "2026-W-"
                                                                                + System.nanoTime())
                                                                .setIssuingAuthority(
                                                                        "Busan District Court")))
                                .build());
        var on =
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder()
                        .setId(draft.getId())
                        .build();
        kr.submitWantedPerson(on);
        kr.publishWantedPerson(on);
        kr.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(draft.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("TH")
                                        .setPlace("Bangkok")
                                        .setSource("informant")
                                        .setConfidence(Sighting.Confidence.CONFIRMED)
                                        .setSeenTime(
                                                timestamp(Instant.now().minus(Duration.ofDays(1)))))
                        .build());
        return draft;
    }

    static void arrestInThailand(WantedPerson person) {
        fugitives("TH")
                .recordArrest(
                        RecordArrestRequest.newBuilder()
                                .setWantedPersonId(person.getId())
                                .setArrest(
                                        Arrest.newBuilder()
                                                .setPlace("Bangkok, Sukhumvit Soi 11")
                                                .setArrestTime(timestamp(ARRESTED_AT))
                                                .setCustody("Royal Thai Police, Lumpini"))
                                .build());
    }

    /** The ids of the transfers of this person, read as the owner of the tables. */
    static List<String> transfersOf(WantedPerson person) throws SQLException {
        return column(
                OWN_DATABASE,
                "select id::text from repatriations where wanted_person_id = ?::uuid",
                person.getId());
    }

    /** The draft TH sees for this person, once the relay opened it; polled up to the bound. */
    static Repatriation awaitDraft(WantedPerson person) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Repatriation> found =
                    investigator("TH")
                            .listRepatriations(
                                    ListRepatriationsRequest.newBuilder().setPageSize(200).build())
                            .getRepatriationsList()
                            .stream()
                            .filter(r -> r.getWantedPersonId().equals(person.getId()))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no draft transfer within " + BOUND);
    }

    static SyncArrestTransferRequest sync(WantedPerson person) {
        return SyncArrestTransferRequest.newBuilder().setWantedPersonId(person.getId()).build();
    }

    @Test
    void a_recorded_arrest_becomes_a_draft_of_the_arresting_country_seen_by_the_two_countries_only()
            throws Exception {
        WantedPerson person = wantedByKoreaSeenInThailand();
        long start = System.nanoTime();
        arrestInThailand(person);
        Repatriation draft = awaitDraft(person);
        System.out.printf(
                "arrest to draft: %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(draft.getStatus()).isEqualTo(Repatriation.Status.DRAFT);
        assertThat(draft.getKind()).isEqualTo(Repatriation.Kind.SUSPECT_TRANSFER);
        assertThat(draft.getOwnerCountry()).isEqualTo("TH");
        assertThat(draft.getSendingCountry()).isEqualTo("TH");
        assertThat(draft.getReceivingCountry()).isEqualTo("KR");
        assertThat(draft.getFugitiveCheck()).isEqualTo(Repatriation.FugitiveCheck.CONFIRMED);
        assertThat(draft.getWantedPersonReference()).isEqualTo(person.getReference());
        assertThat(draft.getArrest().getPlace()).isEqualTo("Bangkok, Sukhumvit Soi 11");
        assertThat(draft.getArrest().getArrestTime()).isEqualTo(timestamp(ARRESTED_AT));
        // The arresting officer opened it (acted for by the relay, token exchange).
        assertThat(draft.getHistory(0).getActorCountry()).isEqualTo("TH");
        assertThat(draft.getHistory(0).getActorUser()).isEqualTo("th-investigator");
        // The notice owner sees it as its counterpart.
        assertThat(
                        investigator("KR")
                                .getRepatriation(
                                        GetRepatriationRequest.newBuilder()
                                                .setId(draft.getId())
                                                .build())
                                .getArrest()
                                .getPlace())
                .isEqualTo("Bangkok, Sukhumvit Soi 11");
        // A third country: no such transfer, not listed, and no such wanted person to sync.
        Status third =
                statusOf(
                        () ->
                                investigator("VN")
                                        .getRepatriation(
                                                GetRepatriationRequest.newBuilder()
                                                        .setId(draft.getId())
                                                        .build()));
        Status never =
                statusOf(
                        () ->
                                investigator("VN")
                                        .getRepatriation(
                                                GetRepatriationRequest.newBuilder()
                                                        .setId(
                                                                java.util
                                                                        .UUID
                                                                        .randomUUID()
                                                                        .toString())
                                                        .build()));
        assertThat(third.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(third.getDescription()).isEqualTo(never.getDescription());
        assertThat(
                        investigator("VN")
                                .listRepatriations(
                                        ListRepatriationsRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getRepatriationsList())
                .noneMatch(r -> r.getWantedPersonId().equals(person.getId()));
        Status thirdSync = statusOf(() -> investigator("VN").syncArrestTransfer(sync(person)));
        Status neverSync =
                statusOf(
                        () ->
                                investigator("VN")
                                        .syncArrestTransfer(
                                                SyncArrestTransferRequest.newBuilder()
                                                        .setWantedPersonId(
                                                                java.util
                                                                        .UUID
                                                                        .randomUUID()
                                                                        .toString())
                                                        .build()));
        assertThat(thirdSync.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(thirdSync.getDescription()).isEqualTo(neverSync.getDescription());
        // A human completes it through the existing workflow.
        assertThat(
                        investigator("TH")
                                .submitRepatriation(
                                        TransitionRequest.newBuilder().setId(draft.getId()).build())
                                .getStatus())
                .isEqualTo(Repatriation.Status.REQUESTED);
    }

    @Test
    void replays_and_syncs_by_either_country_make_one_draft() throws Exception {
        WantedPerson person = wantedByKoreaSeenInThailand();
        arrestInThailand(person);
        Repatriation draft = awaitDraft(person);
        // The relay's call again (as by a redelivery), and both countries asking.
        assertThat(investigator("TH").syncArrestTransfer(sync(person)).getId())
                .isEqualTo(draft.getId());
        assertThat(investigator("TH").syncArrestTransfer(sync(person)).getId())
                .isEqualTo(draft.getId());
        assertThat(investigator("KR").syncArrestTransfer(sync(person)).getId())
                .isEqualTo(draft.getId());
        assertThat(transfersOf(person)).containsExactly(draft.getId());
        assertThat(
                        column(
                                OWN_DATABASE,
                                "select event_type from outbox_events where record_id = ?",
                                draft.getId()))
                .filteredOn("repatriation.opened_from_arrest"::equals)
                .hasSize(1);
        // The handoff is gone once answered.
        assertThat(handoffsOf(person)).isEmpty();
    }

    @Test
    void
            an_arrest_while_the_repatriation_service_is_unreachable_survives_a_restart_of_the_fugitive_service_and_becomes_one_draft()
                    throws Exception {
        WantedPerson person = wantedByKoreaSeenInThailand();
        TO_REPATRIATION.refusing.set(true);
        TO_REPATRIATION.dropConnections();
        try {
            arrestInThailand(person);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (attemptsOf(person) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(attemptsOf(person)).as("the relay tried and failed").isPositive();
            assertThat(transfersOf(person)).isEmpty();
            fugitiveService.stop();
            fugitiveService = startFugitives();
        } finally {
            TO_REPATRIATION.refusing.set(false);
        }
        Repatriation draft = awaitDraft(person);
        assertThat(transfersOf(person)).containsExactly(draft.getId());
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!handoffsOf(person).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(handoffsOf(person)).isEmpty();
        assertThat(transfersOf(person)).containsExactly(draft.getId());
    }

    @Test
    void a_cancelled_notice_closes_the_draft_with_an_event() throws Exception {
        WantedPerson person = wantedByKoreaSeenInThailand();
        arrestInThailand(person);
        Repatriation draft = awaitDraft(person);
        fugitives("KR")
                .cancelWantedPerson(
                        CancelWantedPersonRequest.newBuilder()
                                .setId(person.getId())
                                .setReason("warrant withdrawn by the court")
                                .build());
        long deadline = System.nanoTime() + BOUND.toNanos();
        Repatriation seen = draft;
        while (seen.getStatus() == Repatriation.Status.DRAFT && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen =
                    investigator("TH")
                            .getRepatriation(
                                    GetRepatriationRequest.newBuilder()
                                            .setId(draft.getId())
                                            .build());
        }
        assertThat(seen.getStatus()).isEqualTo(Repatriation.Status.CANCELLED);
        assertThat(seen.getStatusReason()).contains("notice was cancelled");
        assertThat(
                        column(
                                OWN_DATABASE,
                                "select event_type from outbox_events where record_id = ?",
                                draft.getId()))
                .contains("repatriation.cancelled");
    }

    static List<String> handoffsOf(WantedPerson person) throws SQLException {
        return column(
                FUGITIVES_DATABASE,
                "select id::text from arrest_handoffs where wanted_person_id = ?::uuid",
                person.getId());
    }

    static int attemptsOf(WantedPerson person) throws SQLException {
        return column(
                        FUGITIVES_DATABASE,
                        "select attempts::text from arrest_handoffs where wanted_person_id = ?::uuid",
                        person.getId())
                .stream()
                .mapToInt(Integer::parseInt)
                .max()
                .orElse(0);
    }
}
