package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.v1.Arrest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.TransitionRequest;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * The notice lifecycle, optimistic concurrency, input checks, roles, operations management and
 * arrests.
 */
class NoticeLifecycleOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub th = investigator("TH");

    private static List<String> fieldsIn(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(
                        d -> {
                            try {
                                return d.unpack(BadRequest.class).getFieldViolationsList().stream()
                                        .map(BadRequest.FieldViolation::getField);
                            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                                throw new AssertionError(x);
                            }
                        })
                .toList();
    }

    private static TransitionRequest id(WantedPerson w) {
        return TransitionRequest.newBuilder().setId(w.getId()).build();
    }

    @Test
    void a_notice_goes_from_draft_through_review_to_published_and_cancelled_and_nothing_else() {
        WantedPerson draft = record(kr, person("Park Sang-hoon", 1979, 11, 2));
        assertThat(draft.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.DRAFT);
        assertThat(draft.getCustody()).isEqualTo(WantedPerson.Custody.AT_LARGE);
        assertThat(draft.getReference()).matches("KR-WP-\\d{4}-\\d{6}");

        Status early = statusOf(() -> kr.publishWantedPerson(id(draft)));
        assertThat(early.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(early.getDescription()).contains("DRAFT").contains("PUBLISHED");

        assertThat(kr.submitWantedPerson(id(draft)).getNoticeStatus())
                .isEqualTo(WantedPerson.NoticeStatus.UNDER_REVIEW);
        assertThat(kr.publishWantedPerson(id(draft)).getNoticeStatus())
                .isEqualTo(WantedPerson.NoticeStatus.PUBLISHED);
        assertThat(statusOf(() -> kr.submitWantedPerson(id(draft))).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        kr.cancelWantedPerson(
                                        CancelWantedPersonRequest.newBuilder()
                                                .setId(draft.getId())
                                                .setReason("died")
                                                .build())
                                .getNoticeStatus())
                .isEqualTo(WantedPerson.NoticeStatus.CANCELLED);
        assertThat(
                        statusOf(
                                        () ->
                                                kr.cancelWantedPerson(
                                                        CancelWantedPersonRequest.newBuilder()
                                                                .setId(draft.getId())
                                                                .setReason("again")
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(
                        statusOf(
                                        () ->
                                                kr.updateWantedPerson(
                                                        UpdateWantedPersonRequest.newBuilder()
                                                                .setWantedPerson(
                                                                        person(
                                                                                        "Park Sang-hoon",
                                                                                        1979,
                                                                                        11,
                                                                                        2)
                                                                                .setId(
                                                                                        draft
                                                                                                .getId()))
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void a_stale_etag_refuses_the_change_and_changes_nothing() {
        WantedPerson draft = record(kr, person("Choi Ji-hoon", 1988, 8, 8));
        WantedPerson updated =
                kr.updateWantedPerson(
                        UpdateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        person("Choi Ji-hoon", 1988, 8, 9)
                                                .setId(draft.getId())
                                                .setEtag(draft.getEtag()))
                                .build());
        assertThat(updated.getDateOfBirth().getDay()).isEqualTo(9);
        assertThat(updated.getEtag()).isNotEqualTo(draft.getEtag());

        StatusRuntimeException stale =
                failureOf(
                        () ->
                                kr.updateWantedPerson(
                                        UpdateWantedPersonRequest.newBuilder()
                                                .setWantedPerson(
                                                        person("Choi Ji-hoon", 1988, 8, 10)
                                                                .setId(draft.getId())
                                                                .setEtag(draft.getEtag()))
                                                .build()));
        assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(
                        statusOf(
                                        () ->
                                                kr.submitWantedPerson(
                                                        TransitionRequest.newBuilder()
                                                                .setId(draft.getId())
                                                                .setEtag(draft.getEtag())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.ABORTED);
        WantedPerson now =
                kr.getWantedPerson(
                        GetWantedPersonRequest.newBuilder().setId(draft.getId()).build());
        assertThat(now.getDateOfBirth().getDay()).isEqualTo(9);
        assertThat(now.getNoticeStatus()).isEqualTo(WantedPerson.NoticeStatus.DRAFT);
    }

    @Test
    void an_update_re_indexes_the_names_for_search() {
        WantedPerson draft = record(kr, person("Lee Seo-yeon", 1992, 0, 0));
        kr.updateWantedPerson(
                UpdateWantedPersonRequest.newBuilder()
                        .setWantedPerson(
                                person("Lee Seo-yeon", 1992, 0, 0)
                                        .setId(draft.getId())
                                        .addAliases(PersonName.newBuilder().setValue("이서연")))
                        .build());
        var matches =
                kr.searchWantedPersons(
                        SearchWantedPersonsRequest.newBuilder().setName("Rhee Seoyeon").build());
        assertThat(matches.getMatchesList())
                .anyMatch(m -> m.getWantedPerson().getId().equals(draft.getId()));
    }

    @Test
    void bad_input_names_every_wrong_field_and_records_nothing() {
        WantedPerson.Builder bad =
                WantedPerson.newBuilder()
                        .setPrimaryName(PersonName.newBuilder().setValue("").setScript("korean"))
                        .setDateOfBirth(com.google.type.Date.newBuilder().setYear(1985).setDay(12))
                        .addNationalities("Korea")
                        .addDocuments(IdentityDocument.newBuilder().setNumber(""));
        StatusRuntimeException refused =
                failureOf(
                        () ->
                                kr.createWantedPerson(
                                        CreateWantedPersonRequest.newBuilder()
                                                .setWantedPerson(bad)
                                                .setRequestId("bad id!")
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused))
                .containsExactly(
                        "wanted_person.primary_name.value",
                        "wanted_person.primary_name.script",
                        "wanted_person.date_of_birth",
                        "wanted_person.nationalities[0]",
                        "wanted_person.documents[0].type",
                        "wanted_person.documents[0].number",
                        "wanted_person.charges",
                        "wanted_person.warrant",
                        "request_id");

        assertThat(
                        fieldsIn(
                                failureOf(
                                        () ->
                                                th.searchWantedPersons(
                                                        SearchWantedPersonsRequest.newBuilder()
                                                                .build()))))
                .containsExactly("name");
        assertThat(
                        fieldsIn(
                                failureOf(
                                        () ->
                                                th.checkIdentity(
                                                        CheckIdentityRequest.newBuilder()
                                                                .setName("Kim")
                                                                .build()))))
                .containsExactly("purpose");
        assertThat(
                        fieldsIn(
                                failureOf(
                                        () ->
                                                th.reportSighting(
                                                        ReportSightingRequest.newBuilder()
                                                                .setWantedPersonId(
                                                                        UUID.randomUUID()
                                                                                .toString())
                                                                .setSighting(
                                                                        Sighting.newBuilder()
                                                                                .setCountry("XX"))
                                                                .build()))))
                .containsExactly(
                        "sighting.country",
                        "sighting.place",
                        "sighting.seen_time",
                        "sighting.confidence",
                        "sighting.source");
        assertThat(
                        fieldsIn(
                                failureOf(
                                        () ->
                                                kr.createOperation(
                                                        CreateOperationRequest.newBuilder()
                                                                .setOperation(
                                                                        Operation.newBuilder()
                                                                                .setName("x")
                                                                                .addParticipants(
                                                                                        "ZZ")
                                                                                .setStartTime(
                                                                                        timestamp(
                                                                                                Instant
                                                                                                        .now()))
                                                                                .setEndTime(
                                                                                        timestamp(
                                                                                                Instant
                                                                                                        .now()
                                                                                                        .minusSeconds(
                                                                                                                1))))
                                                                .build()))))
                .containsExactly("operation.end_time", "operation.participants[0]");
    }

    @Test
    void a_retried_create_with_the_same_request_id_records_one_person() {
        CreateWantedPersonRequest request =
                CreateWantedPersonRequest.newBuilder()
                        .setRequestId("portal-" + UUID.randomUUID())
                        .setWantedPerson(person("Jung Woo-sung", 1973, 3, 20))
                        .build();
        WantedPerson first = kr.createWantedPerson(request);
        assertThat(kr.createWantedPerson(request).getId()).isEqualTo(first.getId());
        assertThat(th.createWantedPerson(request).getId()).isNotEqualTo(first.getId());
    }

    @Test
    void only_the_owner_changes_a_record_others_that_see_it_are_denied_and_roles_decide() {
        WantedPerson published = published(kr, person("Kang Dong-won", 1981, 0, 0));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "TH");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(published.getId())
                        .setOperationId(op.getId())
                        .build());
        assertThat(
                        statusOf(
                                        () ->
                                                th.cancelWantedPerson(
                                                        CancelWantedPersonRequest.newBuilder()
                                                                .setId(published.getId())
                                                                .setReason("not mine")
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        statusOf(
                                        () ->
                                                th.addParticipant(
                                                        ChangeParticipantRequest.newBuilder()
                                                                .setId(op.getId())
                                                                .setCountry("VN")
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        statusOf(
                                        () ->
                                                investigator("VN")
                                                        .getOperation(
                                                                GetOperationRequest.newBuilder()
                                                                        .setId(op.getId())
                                                                        .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        FugitiveServiceBlockingStub analyst = fugitivesAs("KR", "kr-analyst", "analyst");
        assertThat(statusOf(() -> record(analyst, person("Anyone", 1990, 0, 0))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        statusOf(
                                        () ->
                                                operation(
                                                        investigator("KR"),
                                                        Instant.now(),
                                                        Instant.now().plusSeconds(60)))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // Publishing to an operation the owner does not take part in.
        Operation foreign =
                operation(coordinator("TH"), Instant.now(), Instant.now().plusSeconds(600), "VN");
        assertThat(
                        statusOf(
                                        () ->
                                                kr.publishToOperation(
                                                        PublishToOperationRequest.newBuilder()
                                                                .setId(published.getId())
                                                                .setOperationId(foreign.getId())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void an_arrest_by_a_country_that_sees_the_person_sets_custody_once() {
        WantedPerson published = published(kr, person("Yoon Suk-yeol", 1960, 12, 18));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "TH");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(published.getId())
                        .setOperationId(op.getId())
                        .build());
        RecordArrestRequest arrest =
                RecordArrestRequest.newBuilder()
                        .setWantedPersonId(published.getId())
                        .setArrest(
                                Arrest.newBuilder()
                                        .setPlace("Pattaya")
                                        .setArrestTime(timestamp(Instant.now().minusSeconds(600)))
                                        .setCustody(
                                                "Royal Thai Police, Immigration Detention Centre Bangkok"))
                        .build();
        assertThat(statusOf(() -> investigator("VN").recordArrest(arrest)).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        WantedPerson arrested = th.recordArrest(arrest);
        assertThat(arrested.getCustody()).isEqualTo(WantedPerson.Custody.ARRESTED);
        assertThat(
                        kr.getWantedPerson(
                                        GetWantedPersonRequest.newBuilder()
                                                .setId(published.getId())
                                                .build())
                                .getCustody())
                .isEqualTo(WantedPerson.Custody.ARRESTED);
        assertThat(statusOf(() -> th.recordArrest(arrest)).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void calls_without_a_valid_token_are_refused_before_any_work() {
        var any = GetWantedPersonRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
        assertThat(statusOf(() -> withToken("not.a.jwt").getWantedPerson(any)).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(
                        statusOf(
                                        () ->
                                                withToken(TOKENS.token("XX", "xx", "investigator"))
                                                        .getWantedPerson(any))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void health_is_served_without_a_token() {
        var health =
                io.grpc.health.v1.HealthGrpc.newBlockingStub(channel)
                        .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus())
                .isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    }
}
