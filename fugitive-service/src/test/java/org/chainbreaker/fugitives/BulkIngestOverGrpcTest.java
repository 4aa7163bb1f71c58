package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IngestResult;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.IngestWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * A national portal streams many records in one call; each is answered on its own and the good ones
 * are kept.
 */
class BulkIngestOverGrpcTest extends RunningFugitiveService {

    private IngestWantedPersonsResponse ingest(
            String tenant, List<IngestWantedPersonsRequest> records) throws Exception {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer "
                        + TOKENS.token(
                                tenant, tenant.toLowerCase() + "-investigator", "investigator"));
        var stub =
                FugitiveServiceGrpc.newStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        CompletableFuture<IngestWantedPersonsResponse> answer = new CompletableFuture<>();
        StreamObserver<IngestWantedPersonsRequest> upload =
                stub.ingestWantedPersons(
                        new StreamObserver<>() {
                            public void onNext(IngestWantedPersonsResponse value) {
                                answer.complete(value);
                            }

                            public void onError(Throwable t) {
                                answer.completeExceptionally(t);
                            }

                            public void onCompleted() {}
                        });
        records.forEach(upload::onNext);
        upload.onCompleted();
        return answer.get(60, TimeUnit.SECONDS);
    }

    private static IngestWantedPersonsRequest item(WantedPerson.Builder person, String requestId) {
        return IngestWantedPersonsRequest.newBuilder()
                .setWantedPerson(person)
                .setRequestId(requestId)
                .build();
    }

    @Test
    void every_record_gets_its_own_answer_and_the_good_ones_are_kept() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<IngestWantedPersonsRequest> records =
                List.of(
                        item(person("Somchai Jaidee", 1980, 0, 0), batch + "-0"),
                        item(person("", 1980, 0, 0).clearCharges(), batch + "-1"),
                        item(person("สุภาพร บุญมา", 1990, 4, 5), batch + "-2"),
                        item(person("Bad Request Id", 1990, 0, 0), "bad id!"));
        IngestWantedPersonsResponse response = ingest("TH", records);

        assertThat(response.getResultsList())
                .extracting(IngestResult::getIndex)
                .containsExactly(0, 1, 2, 3);
        assertThat(response.getRecorded()).isEqualTo(2);
        assertThat(response.getRefused()).isEqualTo(2);
        IngestResult refused = response.getResults(1);
        assertThat(refused.getId()).isEmpty();
        assertThat(refused.getError().getCode())
                .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
        assertThat(
                        refused.getError()
                                .getDetails(0)
                                .unpack(BadRequest.class)
                                .getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("wanted_person.primary_name.value", "wanted_person.charges");
        assertThat(
                        response.getResults(3)
                                .getError()
                                .getDetails(0)
                                .unpack(BadRequest.class)
                                .getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("request_id");

        var th = investigator("TH");
        WantedPerson kept =
                th.getWantedPerson(
                        GetWantedPersonRequest.newBuilder()
                                .setId(response.getResults(2).getId())
                                .build());
        assertThat(kept.getReference()).isEqualTo(response.getResults(2).getReference());
        assertThat(kept.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.DRAFT);
        assertThat(
                        th.searchWantedPersons(
                                        SearchWantedPersonsRequest.newBuilder()
                                                .setName("Supaporn Boonma")
                                                .build())
                                .getMatchesList())
                .anyMatch(m -> m.getWantedPerson().getId().equals(kept.getId()));

        // Sending the same file again answers with the same records instead of duplicating them.
        IngestWantedPersonsResponse again = ingest("TH", records);
        assertThat(again.getResults(0).getId()).isEqualTo(response.getResults(0).getId());
        assertThat(again.getResults(2).getReference())
                .isEqualTo(response.getResults(2).getReference());
    }

    /**
     * A client stream passes the platform's interceptor unchecked: each record is checked against
     * the contract's field rules on its own, so one record breaking a rule is refused naming its
     * field and the others are kept.
     */
    @Test
    void a_record_breaking_a_contract_rule_is_refused_alone_naming_the_field() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<IngestWantedPersonsRequest> records =
                List.of(
                        item(person("Arunee Srisuk", 1985, 0, 0), batch + "-0"),
                        item(person("Undefined Sex", 1985, 0, 0).setSexValue(99), batch + "-1"),
                        item(
                                person("Too Many Nationalities", 1985, 0, 0)
                                        .addAllNationalities(
                                                List.of("TH", "KH", "LA", "MM", "VN", "MY")),
                                batch + "-2"),
                        item(person("Preecha Wongsa", 1979, 0, 0), batch + "-3"));
        IngestWantedPersonsResponse response = ingest("TH", records);

        assertThat(response.getRecorded()).isEqualTo(2);
        assertThat(response.getResults(0).getId()).isNotEmpty();
        assertThat(response.getResults(3).getId()).isNotEmpty();
        for (int refused : new int[] {1, 2}) {
            assertThat(response.getResults(refused).getId()).isEmpty();
            assertThat(response.getResults(refused).getError().getCode())
                    .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
        }
        assertThat(
                        response.getResults(1)
                                .getError()
                                .getDetails(0)
                                .unpack(BadRequest.class)
                                .getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("wanted_person.sex");
        assertThat(
                        response.getResults(2)
                                .getError()
                                .getDetails(0)
                                .unpack(BadRequest.class)
                                .getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("wanted_person.nationalities");
    }

    @Test
    void a_load_larger_than_one_batch_is_answered_in_full() throws Exception {
        List<IngestWantedPersonsRequest> records = new java.util.ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            records.add(item(person("Bulk Person " + i, 1960 + i % 40, 0, 0), ""));
        }
        IngestWantedPersonsResponse response = ingest("PH", records);
        assertThat(response.getRecorded()).isEqualTo(1_200);
        assertThat(response.getResultsList())
                .extracting(IngestResult::getId)
                .doesNotContain("")
                .doesNotHaveDuplicates();
    }

    @Test
    void bulk_loaded_records_get_their_written_names_and_name_forms() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        IngestWantedPersonsResponse response =
                ingest("TH", List.of(item(person("李小龍", 1940, 11, 27), batch + "-li")));
        String id = response.getResults(0).getId();
        try (java.sql.Connection owner =
                org.chainbreaker.devstack.AppRoleSession.open(DATABASE, "TH")) {
            assertThat(
                            org.chainbreaker.devstack.AppRoleSession.column(
                                    owner,
                                    "select array_to_string(syllables, ' ') from wanted_person_written_names"
                                            + " where wanted_person_id = '"
                                            + id
                                            + "'"))
                    .containsExactly("Hani:李 Hani:小 Hani:龙");
            assertThat(
                            org.chainbreaker.devstack.AppRoleSession.column(
                                    owner,
                                    "select name_no from wanted_person_name_forms where wanted_person_id = '"
                                            + id
                                            + "'"))
                    .containsExactly("0");
        }
        // The deployed identity check scores the bulk-loaded record by those forms (V19).
        var th = investigator("TH");
        th.submitWantedPerson(
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder().setId(id).build());
        th.publishWantedPerson(
                org.chainbreaker.fugitives.v1.TransitionRequest.newBuilder().setId(id).build());
        assertThat(
                        investigator("MY")
                                .checkIdentity(
                                        org.chainbreaker.fugitives.v1.CheckIdentityRequest
                                                .newBuilder()
                                                .setName("李小龙")
                                                .setDateOfBirth(
                                                        com.google.type.Date.newBuilder()
                                                                .setYear(1940))
                                                .setPurpose("border crossing at Bukit Kayu Hitam")
                                                .build())
                                .getHitsList())
                .extracting(org.chainbreaker.fugitives.v1.IdentityHit::getReference)
                .contains(response.getResults(0).getReference());
    }
}
