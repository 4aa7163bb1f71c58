package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.type.Date;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.chainbreaker.devstack.AppRoleSession;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed identity check follows the matcher's rules although the checking country never sees
 * the notices' names: where both names are written in one script the characters decide (traditional
 * and simplified Han folded), not their romanisation; titles are no part of a name; a birth-year
 * conflict is no hit. The names as written are stored beside the search keys, readable only by
 * their owner, and compared inside the database (V10).
 */
class IdentityCheckDecidedByTheCharactersOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub sg = coordinator("SG");
    private final FugitiveServiceBlockingStub my = investigator("MY");
    private static boolean warm;

    @BeforeEach
    void warmUpOnce() {
        // The first writes of a freshly started service may exceed their deadline on a loaded
        // machine (as in
        // DatabaseAttackTest): one throwaway draft, tried up to three times, before the first
        // test's own calls.
        for (int attempt = 1; !warm; attempt++) {
            try {
                record(sg, person("Warm Up Draft", 1950, 1, 1));
                warm = true;
            } catch (io.grpc.StatusRuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private List<String> hits(String name, int year, int month, int day) {
        return my
                .checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setName(name)
                                .setDateOfBirth(
                                        Date.newBuilder().setYear(year).setMonth(month).setDay(day))
                                .setPurpose("border crossing at Poipet")
                                .build())
                .getHitsList()
                .stream()
                .map(IdentityHit::getReference)
                .toList();
    }

    @Test
    void the_same_pinyin_written_with_other_characters_is_another_person() {
        WantedPerson zhang = published(sg, person("章偉", 1963, 7, 21));
        // 張 and 章 are both Zhang: the check used to answer hit on the romanised key alone.
        assertThat(hits("張偉", 1963, 7, 21)).doesNotContain(zhang.getReference());
        assertThat(hits("Zhang Wei", 1963, 7, 21)).contains(zhang.getReference());
        assertThat(hits("章伟", 1963, 7, 21)).contains(zhang.getReference());
    }

    @Test
    void chau_written_as_zhou_or_zou_are_two_people() {
        WantedPerson zou = published(sg, person("鄒志明", 1958, 2, 9));
        assertThat(hits("周志明", 1958, 2, 9)).doesNotContain(zou.getReference());
        assertThat(hits("邹志明", 1958, 2, 9)).contains(zou.getReference());
    }

    @Test
    void traditional_and_simplified_characters_of_one_name_hit() {
        WantedPerson chen = published(sg, person("陳國強", 1966, 11, 30));
        assertThat(hits("陈国强", 1966, 11, 30)).contains(chen.getReference());
        assertThat(hits("陳國強", 1966, 0, 0)).contains(chen.getReference());
    }

    @Test
    void a_birth_year_conflict_is_no_hit_even_for_the_same_characters() {
        WantedPerson huang = published(sg, person("黃德華", 1961, 5, 5));
        assertThat(hits("黄德华", 1961, 5, 5)).contains(huang.getReference());
        assertThat(hits("黄德华", 1979, 5, 5)).doesNotContain(huang.getReference());
    }

    @Test
    void a_thai_title_before_the_name_is_no_part_of_it() {
        WantedPerson supaporn =
                published(coordinator("TH"), person("นางสาวสุภาพร บุญมาก", 1977, 4, 2));
        assertThat(hits("สุภาพร บุญมาก", 1977, 4, 2)).contains(supaporn.getReference());
        assertThat(hits("สุภาพร บุญมี", 1977, 4, 2)).doesNotContain(supaporn.getReference());
    }

    @Test
    void the_owners_search_ranks_by_the_characters_too() {
        WantedPerson zhou = record(sg, person("周建國", 1970, 1, 3));
        WantedPerson zou = record(sg, person("鄒建國", 1970, 1, 3));
        List<String> found =
                sg
                        .searchWantedPersons(
                                SearchWantedPersonsRequest.newBuilder()
                                        .setName("周建国")
                                        .setDateOfBirth(
                                                Date.newBuilder()
                                                        .setYear(1970)
                                                        .setMonth(1)
                                                        .setDay(3))
                                        .build())
                        .getMatchesList()
                        .stream()
                        .map(m -> m.getWantedPerson().getId())
                        .toList();
        assertThat(found).contains(zhou.getId()).doesNotContain(zou.getId());
    }

    @Test
    void the_application_role_reads_no_other_countrys_written_names() throws SQLException {
        WantedPerson li = published(sg, person("李小龍", 1940, 11, 27));
        String owned =
                "select array_to_string(syllables, ' ') from wanted_person_written_names where wanted_person_id = '"
                        + li.getId()
                        + "'";
        try (Connection asOwner = AppRoleSession.open(DATABASE, "SG")) {
            assertThat(AppRoleSession.column(asOwner, owned))
                    .containsExactly("Hani:李 Hani:小 Hani:龙");
        }
        try (Connection asOther = AppRoleSession.open(DATABASE, "MY")) {
            assertThat(AppRoleSession.column(asOther, owned)).isEmpty();
            assertThat(
                            AppRoleSession.column(
                                    asOther,
                                    "select count(*) from wanted_person_written_names where owner_country <> 'MY'"))
                    .containsExactly("0");
        }
        // Nor can it ask the comparison directly, one guessed name at a time: only the check
        // (hit/no-hit) does.
        try (Connection asOther = AppRoleSession.open(DATABASE, "MY")) {
            assertThatThrownBy(
                            () ->
                                    AppRoleSession.column(
                                            asOther,
                                            "select fugitives_written_agrees('"
                                                    + li.getId()
                                                    + "', array['Hani:李','Hani:小','Hani:龙'], 0.7)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void the_application_role_reads_no_other_countrys_name_forms_nor_scores_them()
            throws SQLException {
        WantedPerson bruce = published(sg, person("Lee Jun Fan", 1940, 11, 27));
        String forms =
                "select name_no from wanted_person_name_forms where wanted_person_id = '"
                        + bruce.getId()
                        + "'";
        try (Connection asOwner = AppRoleSession.open(DATABASE, "SG")) {
            assertThat(AppRoleSession.column(asOwner, forms)).containsExactly("0");
        }
        try (Connection asOther = AppRoleSession.open(DATABASE, "MY")) {
            assertThat(AppRoleSession.column(asOther, forms)).isEmpty();
            assertThat(
                            AppRoleSession.column(
                                    asOther,
                                    "select count(*) from wanted_person_name_forms where owner_country <> 'MY'"))
                    .containsExactly("0");
            // A form of another country's record cannot be planted (it would change that record's
            // checks).
            assertThatThrownBy(
                            () ->
                                    AppRoleSession.column(
                                            asOther,
                                            "insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)"
                                                    + " values ('"
                                                    + bruce.getId()
                                                    + "', 'MY', 9, '{}') returning name_no"))
                    .hasMessageContaining("row-level security");
        }
        // Nor can it score guessed names against a form itself: only the check (hit/no-hit) does.
        try (Connection asOther = AppRoleSession.open(DATABASE, "MY")) {
            assertThatThrownBy(
                            () ->
                                    AppRoleSession.column(
                                            asOther,
                                            "select fugitives_name_score('{\"pa\":-1,\"t\":[],\"p\":[]}',"
                                                    + " '{\"pa\":-1,\"t\":[],\"p\":[]}')"))
                    .hasMessageContaining("permission denied");
        }
    }
}
