package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.chainbreaker.fugitives.domain.PartialDate;
import org.junit.jupiter.api.Test;

/** The rules the matcher must keep, one example each. */
class NameMatcherRulesTest {

    private static final PartialDate BORN = new PartialDate(1980, 5, 17);

    private static double score(String a, PartialDate dobA, String b, PartialDate dobB) {
        return NameMatcher.match(a, dobA, b, dobB).score();
    }

    @Test
    void a_shared_common_family_name_proves_less_than_a_shared_rare_one() {
        // One given-name syllable apart, same family name: Kim (one Korean in ten) against Tak
        // (not among the common ones), Wang against Xiang; the same in Latin spellings.
        assertThat(score("김민수", BORN, "김민호", BORN)).isLessThan(score("탁민수", BORN, "탁민호", BORN));
        assertThat(score("王志明", BORN, "王志强", BORN)).isLessThan(score("向志明", BORN, "向志强", BORN));
        assertThat(score("Kim Min Su", BORN, "Kim Min Ho", BORN))
                .isLessThan(score("Tak Min Su", BORN, "Tak Min Ho", BORN));
        // The same person still scores 1 on the name, however common it is.
        assertThat(
                        NameMatcher.match(
                                        "김민수",
                                        PartialDate.UNKNOWN,
                                        "Kim Minsu",
                                        PartialDate.UNKNOWN)
                                .score())
                .isEqualTo(1.0);
        assertThat(NameMatcher.match("김민수", BORN, "김민호", BORN).reasons())
                .anyMatch(r -> r.contains("common family name"));
    }

    @Test
    void han_characters_decide_when_both_sides_are_written_in_them_not_their_romanisation() {
        assertThat(score("張偉", BORN, "章偉", BORN)).isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("周志明", BORN, "鄒志明", BORN)).isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("張偉", BORN, "张伟", BORN)).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(NameMatcher.match("張偉", BORN, "章偉", BORN).reasons())
                .contains("\"伟\" matches as written")
                .anyMatch(r -> r.contains("no counterpart for \"zhang\""));
    }

    @Test
    void a_han_name_is_found_in_wade_giles_and_cantonese_spellings() {
        assertThat(score("張志明", BORN, "Chang Chih-ming", PartialDate.UNKNOWN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("張志明", BORN, "Cheung Chi Ming", PartialDate.UNKNOWN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("徐國強", BORN, "Tsui Kwok Keung", PartialDate.UNKNOWN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void a_birth_year_conflict_sinks_a_perfect_name_match() {
        assertThat(
                        score(
                                "Kim Min-su",
                                new PartialDate(1985, 0, 0),
                                "김민수",
                                new PartialDate(1991, 0, 0)))
                .isLessThan(NameMatcher.THRESHOLD);
        assertThat(
                        NameMatcher.check(
                                        "Kim Min-su",
                                        new PartialDate(1985, 0, 0),
                                        "김민수",
                                        new PartialDate(1991, 0, 0))
                                .score())
                .isZero();
    }

    @Test
    void thai_titles_are_not_part_of_the_name() {
        assertThat(score("นางสาวสุภาพร บุญมา", BORN, "Supaporn Boonma", BORN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("นาย สมชาย ใจดี", BORN, "Mr Somchai Jaidee", BORN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void old_indonesian_spellings_and_burmese_honorifics_are_read() {
        assertThat(score("Soekarno", BORN, "Sukarno", BORN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("Djoko Tjahjono", BORN, "Joko Cahyono", BORN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("ဦးထွန်းလွင်", BORN, "Htun Lwin", BORN))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void a_different_middle_name_or_tone_is_another_person() {
        assertThat(score("Juan Santos Dela Cruz", BORN, "Juan Reyes Dela Cruz", BORN))
                .isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("Nguyễn Văn Hùng", BORN, "Nguyễn Văn Hưng", BORN))
                .isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("Ahmad bin Ismail", BORN, "Ismail bin Ahmad", BORN))
                .isLessThan(NameMatcher.THRESHOLD);
    }
}
