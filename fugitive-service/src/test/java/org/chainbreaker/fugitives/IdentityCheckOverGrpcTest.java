package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.grpc.Status;
import java.util.UUID;
import org.chainbreaker.common.v1.AuditRecord;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.ListIdentityChecksRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * Hit/no-hit: any country checks against all published notices and learns only "ask country X about
 * R".
 */
class IdentityCheckOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kr = coordinator("KR");
    private final FugitiveServiceBlockingStub my = investigator("MY");

    private CheckIdentityResponse check(
            FugitiveServiceBlockingStub as, String name, Date dob, String purpose) {
        return as.checkIdentity(
                CheckIdentityRequest.newBuilder()
                        .setName(name)
                        .setDateOfBirth(dob)
                        .setPurpose(purpose)
                        .build());
    }

    private static Date year(int y) {
        return Date.newBuilder().setYear(y).build();
    }

    @Test
    void a_published_notice_answers_hit_with_only_owner_and_reference_across_scripts() {
        WantedPerson wanted = published(kr, person("박상훈", 1979, 11, 2));
        CheckIdentityResponse answer =
                check(my, "Park Sang-hoon", year(1979), "airport arrival check KUL, flight KE671");
        assertThat(answer.getHit()).isTrue();
        assertThat(answer.getHitsList())
                .contains(
                        IdentityHit.newBuilder()
                                .setOwnerCountry("KR")
                                .setReference(wanted.getReference())
                                .build());
        // The answer message has no room for anything else: only owner country and reference.
        assertThat(IdentityHit.getDescriptor().getFields())
                .extracting(f -> f.getName())
                .containsExactly("owner_country", "reference");
    }

    @Test
    void the_owner_learns_who_checked_when_and_why_and_others_do_not() {
        WantedPerson wanted =
                published(
                        kr,
                        person(
                                "Lim Chae-won "
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 4)
                                                .replaceAll("\\d", "q"),
                                1991,
                                0,
                                0));
        String name = wanted.getPrimaryName().getValue();
        check(my, name, year(1991), "traffic stop in Johor Bahru");

        var checks =
                kr.listIdentityChecks(
                                ListIdentityChecksRequest.newBuilder()
                                        .setId(wanted.getId())
                                        .build())
                        .getChecksList();
        assertThat(checks).hasSize(1);
        AuditRecord entry = checks.getFirst();
        assertThat(entry.getActorCountry()).isEqualTo("MY");
        assertThat(entry.getActorUser()).isEqualTo("my-investigator");
        assertThat(entry.getAction()).isEqualTo("CHECK");
        assertThat(entry.getPurpose()).isEqualTo("traffic stop in Johor Bahru");
        assertThat(entry.hasTime()).isTrue();
        assertThat(
                        statusOf(
                                        () ->
                                                my.listIdentityChecks(
                                                        ListIdentityChecksRequest.newBuilder()
                                                                .setId(wanted.getId())
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void drafts_cancelled_notices_and_incompatible_birth_dates_answer_no_hit() {
        String unique =
                "Nguyen Van Thanh "
                        + UUID.randomUUID().toString().substring(0, 5).replaceAll("\\d", "k");
        record(kr, person(unique, 1980, 0, 0));
        assertThat(check(my, unique, year(1980), "visa application").getHit()).isFalse();

        WantedPerson published = published(kr, person(unique + " Published", 1980, 5, 0));
        assertThat(check(my, unique + " Published", year(1980), "visa application").getHit())
                .isTrue();
        assertThat(check(my, unique + " Published", year(1955), "visa application").getHit())
                .isFalse();
        kr.cancelWantedPerson(
                CancelWantedPersonRequest.newBuilder()
                        .setId(published.getId())
                        .setReason("withdrawn")
                        .build());
        assertThat(check(my, unique + " Published", year(1980), "visa application").getHit())
                .isFalse();
    }

    @Test
    void a_document_number_hits_exactly_whatever_its_spacing() {
        WantedPerson wanted =
                published(
                        kr,
                        person("Han Ji-min", 1982, 0, 0)
                                .clearDocuments()
                                .addDocuments(
                                        IdentityDocument.newBuilder()
                                                .setType(IdentityDocument.Type.PASSPORT)
                                                .setNumber("M 7734-2291")
                                                .setIssuingCountry("KR")));
        CheckIdentityResponse answer =
                my.checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setDocumentNumber("m77342291")
                                .setPurpose("hotel registration check")
                                .build());
        assertThat(answer.getHitsList())
                .extracting(IdentityHit::getReference)
                .contains(wanted.getReference());
        assertThat(
                        my.checkIdentity(
                                        CheckIdentityRequest.newBuilder()
                                                .setDocumentNumber("M77342292")
                                                .setPurpose("hotel registration check")
                                                .build())
                                .getHit())
                .isFalse();
    }
}
