package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CustodyTransfer;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * RecordCustodyTransfer: who may, exactly once per person, idempotent by repatriation reference.
 */
class CustodyTransferOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = investigator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");

    /** Wanted by KR, seen in TH, arrested by TH; VN sees it through an operation. */
    private WantedPerson arrestedInThailand() {
        WantedPerson published = published(kr, person("Park Ji-hoon", 1985, 3, 1));
        kr.reportSighting(
                ReportSightingRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setSighting(
                                Sighting.newBuilder()
                                        .setCountry("TH")
                                        .setPlace("Pattaya")
                                        .setSource("informant")
                                        .setConfidence(Sighting.Confidence.CONFIRMED)
                                        .setSeenTime(timestamp(Instant.now().minusSeconds(7200))))
                        .build());
        Operation op =
                operation(
                        coordinator("KR"),
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(3600),
                        "VN");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(published.getId())
                        .setOperationId(op.getId())
                        .build());
        return th.recordArrest(
                RecordArrestRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setArrest(
                                Arrest.newBuilder()
                                        .setPlace("Pattaya")
                                        .setArrestTime(timestamp(Instant.now().minusSeconds(3600)))
                                        .setCustody("Immigration Detention Centre Bangkok"))
                        .build());
    }

    private static RecordCustodyTransferRequest transfer(
            WantedPerson w, String reference, String from, String to) {
        return RecordCustodyTransferRequest.newBuilder()
                .setWantedPersonId(w.getId())
                .setTransfer(
                        CustodyTransfer.newBuilder()
                                .setRepatriationReference(reference)
                                .setHandoverTime(timestamp(Instant.now().minusSeconds(60)))
                                .setFromCountry(from)
                                .setToCountry(to))
                .build();
    }

    @Test
    void countries_other_than_the_owner_and_the_arresting_one_are_refused_or_told_nothing_exists() {
        WantedPerson arrested = arrestedInThailand();
        var request = transfer(arrested, "rep-1", "TH", "KR");
        // VN sees the record through the operation but custody does not pass through it.
        assertThat(statusOf(() -> investigator("VN").recordCustodyTransfer(request)).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // PH does not see it at all.
        assertThat(statusOf(() -> investigator("PH").recordCustodyTransfer(request)).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        // An analyst of the owner may not record it either.
        assertThat(
                        statusOf(
                                        () ->
                                                fugitivesAs("KR", "kr-analyst", "analyst")
                                                        .recordCustodyTransfer(request))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(kr.getWantedPerson(get(arrested)).getCustody())
                .isEqualTo(WantedPerson.Custody.ARRESTED);
    }

    @Test
    void an_impossible_transfer_is_refused_field_by_field_and_a_person_at_large_is_not_transferred()
            throws Exception {
        WantedPerson arrested = arrestedInThailand();
        var wrongOrigin =
                failureOf(() -> kr.recordCustodyTransfer(transfer(arrested, "rep-2", "VN", "KR")));
        assertThat(wrongOrigin.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(wrongOrigin)).contains("transfer.from_country");
        var empty =
                failureOf(
                        () ->
                                kr.recordCustodyTransfer(
                                        RecordCustodyTransferRequest.newBuilder()
                                                .setWantedPersonId(arrested.getId())
                                                .setTransfer(
                                                        CustodyTransfer.newBuilder()
                                                                .setFromCountry("TH")
                                                                .setToCountry("TH"))
                                                .build()));
        assertThat(fields(empty))
                .contains(
                        "transfer.repatriation_reference",
                        "transfer.handover_time",
                        "transfer.to_country");

        WantedPerson atLarge = published(kr, person("Lee Dong-wook", 1981, 11, 6));
        assertThat(
                        statusOf(
                                        () ->
                                                kr.recordCustodyTransfer(
                                                        transfer(atLarge, "rep-3", "KR", "TH")))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void a_transfer_happens_once_a_repeat_changes_nothing_and_another_repatriation_is_refused()
            throws Exception {
        WantedPerson arrested = arrestedInThailand();
        WantedPerson transferred =
                th.recordCustodyTransfer(transfer(arrested, "rep-4", "TH", "KR"));
        assertThat(transferred.getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
        assertThat(transferred.getCustodyTransfer().getRepatriationReference()).isEqualTo("rep-4");
        assertThat(transferred.getCustodyTransfer().getRecordedByCountry()).isEqualTo("TH");

        WantedPerson repeated = kr.recordCustodyTransfer(transfer(arrested, "rep-4", "TH", "KR"));
        assertThat(repeated.getEtag()).isEqualTo(kr.getWantedPerson(get(arrested)).getEtag());
        assertThat(repeated.getCustodyTransfer().getRecordedByCountry()).isEqualTo("TH");
        assertThat(
                        statusOf(
                                        () ->
                                                kr.recordCustodyTransfer(
                                                        transfer(arrested, "rep-5", "TH", "KR")))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);

        assertThat(eventsOf(arrested.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(auditActionsOn(arrested.getId()))
                .filteredOn("TRANSFER_CUSTODY"::equals)
                .hasSize(1);
    }

    @Test
    void the_same_transfer_sent_at_once_from_both_countries_is_recorded_once() throws Exception {
        WantedPerson arrested = arrestedInThailand();
        CyclicBarrier together = new CyclicBarrier(4);
        List<Callable<WantedPerson>> calls = new ArrayList<>();
        for (FugitiveServiceBlockingStub as : List.of(kr, th, kr, th)) {
            calls.add(
                    () -> {
                        together.await();
                        return as.recordCustodyTransfer(transfer(arrested, "rep-6", "TH", "KR"));
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<WantedPerson> answer : pool.invokeAll(calls)) {
                assertThat(answer.get().getCustody()).isEqualTo(WantedPerson.Custody.TRANSFERRED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf(arrested.getId()))
                .filteredOn("wanted_person.transferred"::equals)
                .hasSize(1);
        assertThat(auditActionsOn(arrested.getId()))
                .filteredOn("TRANSFER_CUSTODY"::equals)
                .hasSize(1);
    }

    private static GetWantedPersonRequest get(WantedPerson w) {
        return GetWantedPersonRequest.newBuilder().setId(w.getId()).build();
    }

    private static List<String> fields(io.grpc.StatusRuntimeException e) throws Exception {
        for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                        .map(BadRequest.FieldViolation::getField)
                        .toList();
            }
        }
        return List.of();
    }

    static List<String> eventsOf(String recordId) throws SQLException {
        return column(
                "select event_type from outbox_events where record_id = ? order by id", recordId);
    }

    static List<String> auditActionsOn(String recordId) throws SQLException {
        return column("select action from audit_log where record_id = ? order by seq", recordId);
    }

    private static List<String> column(String sql, String recordId) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection owner =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                var statement = owner.prepareStatement(sql)) {
            statement.setString(1, recordId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
