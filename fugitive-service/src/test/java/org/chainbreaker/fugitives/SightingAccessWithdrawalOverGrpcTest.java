package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WithdrawSightingAccessRequest;
import org.junit.jupiter.api.Test;

/**
 * The access an owner's sighting gives the country where the person was seen lasts until the owner
 * withdraws it; the database itself refuses sightings that would pass the record on or place a
 * person in custody.
 */
class SightingAccessWithdrawalOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");
    private final FugitiveServiceBlockingStub kh = investigator("KH");

    private WantedPerson publishedWithTh() {
        WantedPerson w =
                published(
                        kr,
                        person(
                                "Withdrawn Park " + UUID.randomUUID().toString().substring(0, 6),
                                1979,
                                9,
                                9));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(30)),
                        "TH");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(w.getId())
                        .setOperationId(op.getId())
                        .build());
        return w;
    }

    private static ReportSightingRequest seen(WantedPerson w, String country) {
        return ReportSightingRequest.newBuilder()
                .setWantedPersonId(w.getId())
                .setSighting(
                        Sighting.newBuilder()
                                .setCountry(country)
                                .setPlace("Poipet, border market")
                                .setSeenTime(timestamp(Instant.now().minusSeconds(600)))
                                .setConfidence(Sighting.Confidence.CONFIRMED)
                                .setSource("border police"))
                .build();
    }

    private static WithdrawSightingAccessRequest withdraw(WantedPerson w, Sighting s) {
        return WithdrawSightingAccessRequest.newBuilder()
                .setWantedPersonId(w.getId())
                .setSightingId(s.getId())
                .build();
    }

    private static java.util.List<String> listed(FugitiveServiceBlockingStub as) {
        return as
                .listWantedPersons(ListWantedPersonsRequest.newBuilder().setPageSize(200).build())
                .getWantedPersonsList()
                .stream()
                .map(WantedPerson::getId)
                .toList();
    }

    @Test
    void the_owner_withdraws_the_access_its_sighting_gave_and_the_country_sees_nothing_any_more() {
        WantedPerson w = publishedWithTh();
        Sighting granting = kr.reportSighting(seen(w, "KH"));
        assertThat(granting.getAccessCountry()).isEqualTo("KH");
        assertThat(
                        kh.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(w.getId())
                                                .build())
                                .getId())
                .isEqualTo(w.getId());

        assertThat(statusOf(() -> th.withdrawSightingAccess(withdraw(w, granting))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(() -> kh.withdrawSightingAccess(withdraw(w, granting))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        Sighting withdrawn = kr.withdrawSightingAccess(withdraw(w, granting));
        assertThat(withdrawn.getAccessCountry()).isEmpty();
        assertThat(withdrawn.hasAccessWithdrawTime()).isTrue();
        assertThat(withdrawn.getCountry()).isEqualTo("KH");

        Status hidden =
                statusOf(
                        () ->
                                kh.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(w.getId())
                                                .build()));
        Status missing =
                statusOf(
                        () ->
                                kh.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));
        assertThat(hidden.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getDescription()).isEqualTo(missing.getDescription());
        assertThat(listed(kh)).doesNotContain(w.getId());
        // The report itself stays with the owner, and a repeat changes nothing.
        assertThat(kr.withdrawSightingAccess(withdraw(w, granting)).getAccessWithdrawTime())
                .isEqualTo(withdrawn.getAccessWithdrawTime());
        assertThat(
                        kr.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(w.getId())
                                                .build())
                                .getLastKnownLocation()
                                .getCountry())
                .isEqualTo("KH");
    }

    @Test
    void
            a_sighting_by_another_country_has_no_access_to_withdraw_and_an_unknown_sighting_does_not_exist() {
        WantedPerson w = publishedWithTh();
        Sighting byTh = th.reportSighting(seen(w, "TH"));
        assertThat(byTh.getAccessCountry()).isEmpty();
        assertThat(statusOf(() -> kr.withdrawSightingAccess(withdraw(w, byTh))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        statusOf(
                                        () ->
                                                kr.withdrawSightingAccess(
                                                        WithdrawSightingAccessRequest.newBuilder()
                                                                .setWantedPersonId(w.getId())
                                                                .setSightingId(
                                                                        UUID.randomUUID()
                                                                                .toString())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    /** One statement as the application role of a tenant, in its own transaction (rolled back). */
    private static int asApp(String tenant, String sql) throws SQLException {
        try (Connection c = AppRoleSession.open(DATABASE, tenant)) {
            try {
                return c.createStatement().executeUpdate(sql);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void
            row_level_security_and_constraints_refuse_sightings_that_pass_the_record_on_or_place_a_person_in_custody()
                    throws SQLException {
        WantedPerson w = publishedWithTh();
        String insert =
                """
                insert into sightings (id, wanted_person_id, owner_country, seen_country, country, reporter_country,
                                       place, seen_time, confidence, source, report_time)
                values (gen_random_uuid(), '%s', 'KR', '%s', %s, '%s', 'x', now(), 'CONFIRMED', 'x', now())""";
        // In a third country, or granting anyone: refused whatever the service would have said.
        assertThatThrownBy(() -> asApp("TH", insert.formatted(w.getId(), "KH", "null", "TH")))
                .hasMessageContaining("sightings_in_the_reporters_country");
        assertThatThrownBy(() -> asApp("TH", insert.formatted(w.getId(), "TH", "'TH'", "TH")))
                .hasMessageContaining("sightings_grant_only_from_the_owner");
        // Its own, granting nothing: allowed (the service would store exactly this).
        assertThat(asApp("TH", insert.formatted(w.getId(), "TH", "null", "TH"))).isEqualTo(1);

        Sighting granting = kr.reportSighting(seen(w, "KH"));
        // Only the owner withdraws; nobody re-grants, not even the owner by hand.
        assertThat(
                        asApp(
                                "TH",
                                "update sightings set country = null where id = '"
                                        + granting.getId()
                                        + "'"))
                .isZero();
        assertThat(
                        asApp(
                                "KH",
                                "update sightings set country = null where id = '"
                                        + granting.getId()
                                        + "'"))
                .isZero();
        kr.withdrawSightingAccess(withdraw(w, granting));
        assertThatThrownBy(
                        () ->
                                asApp(
                                        "KR",
                                        "update sightings set country = 'KH', access_withdraw_time = null where id = '"
                                                + granting.getId()
                                                + "'"))
                .hasMessageContaining("row-level security");

        th.recordArrest(
                RecordArrestRequest.newBuilder()
                        .setWantedPersonId(w.getId())
                        .setArrest(
                                Arrest.newBuilder()
                                        .setPlace("Bangkok")
                                        .setArrestTime(timestamp(Instant.now().minusSeconds(60)))
                                        .setCustody("remand"))
                        .build());
        // A person in custody is not sighted, by the owner either.
        assertThatThrownBy(() -> asApp("KR", insert.formatted(w.getId(), "PH", "'PH'", "KR")))
                .hasMessageContaining("row-level security");
    }
}
