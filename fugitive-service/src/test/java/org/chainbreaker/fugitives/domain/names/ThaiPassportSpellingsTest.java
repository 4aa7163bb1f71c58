package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Thai reading rules, each on a word whose reading it changes: RTGS and passport spellings of the
 * names eval6 and eval7's development halves missed.
 */
class ThaiPassportSpellingsTest {

    @Test
    void double_r_before_a_syllable_with_its_own_vowel_is_an() {
        assertThat(ThaiRomanizer.word("บรรทัดฐาน")).isEqualTo("banthatthan");
        assertThat(ThaiRomanizer.word("สุวรรณ")).isEqualTo("suwan");
    }

    @Test
    void r_after_a_letter_that_begins_no_cluster_opens_its_own_syllable() {
        assertThat(ThaiRomanizer.word("อุไรวรรณ")).isEqualTo("uraiwan");
    }

    @Test
    void a_sonorant_ending_the_word_closes_a_syllable_of_its_own_after_a_short_vowel() {
        assertThat(ThaiRomanizer.word("อนุพงษ์")).isEqualTo("anuphong");
        assertThat(ThaiRomanizer.word("พุทธ")).isEqualTo("phut");
    }

    @Test
    void an_initial_without_its_vowel_before_a_closed_last_syllable_takes_a() {
        assertThat(ThaiRomanizer.word("จักรพงษ์")).isEqualTo("chakraphong");
        assertThat(ThaiRomanizer.word("ณรงค์")).isEqualTo("narong");
    }

    @Test
    void a_sibilant_closing_one_syllable_and_opening_the_next_is_t_then_s() {
        assertThat(ThaiRomanizer.word("วาสนา", true)).isEqualTo("watsana");
        assertThat(NameNormalizer.normalize("วาสนา").readingsOf("watna")).contains("wasana");
    }

    @Test
    void rtgs_leaves_the_r_of_sri_unsounded() {
        assertThat(NameNormalizer.normalize("ศรีแก้ว").readingsOf("srikaeo")).contains("sikaeo");
    }

    @Test
    void a_short_vowel_on_the_last_consonant_of_a_word_is_unsounded() {
        assertThat(NameNormalizer.normalize("เผ่าภูมิ").readingsOf("phaophumi"))
                .contains("phaophum");
        assertThat(NameNormalizer.normalize("กิตติ").readingsOf("kitti")).doesNotContain("kitt");
    }

    @Test
    void passports_spell_a_final_bo_bai_mai_as_b() {
        assertThat(ThaiRomanizer.word("ชิดชอบ", false, true)).isEqualTo("chidchob");
    }

    @Test
    void the_pali_reading_keeps_the_inherent_a_of_the_last_consonant() {
        assertThat(ThaiEtymology.etymological("สาวนายน", false, true)).isEqualTo("savanayana");
        assertThat(ThaiEtymology.etymological("สาวนายน", false, false)).isEqualTo("savanayon");
    }

    @Test
    void an_unsounded_r_after_a_long_a_folds_away() {
        assertThat(Fold.phonetic("Parnpree")).isEqualTo(Fold.phonetic("panpri"));
        assertThat(Fold.phonetic("Bwar")).isEqualTo(Fold.phonetic("bwa"));
        assertThat(Fold.phonetic("Arroyo")).isNotEqualTo(Fold.phonetic("ayo"));
        assertThat(Fold.phonetic("Marites")).contains("r");
    }
}
