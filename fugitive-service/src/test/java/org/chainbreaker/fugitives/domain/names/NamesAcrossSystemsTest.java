package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.chainbreaker.fugitives.domain.PartialDate;
import org.junit.jupiter.api.Test;

/**
 * Chinese names in Latin letters on both sides across romanisation systems, the voiced Pali values
 * of Thai letters, the Burmese spelling -ohn.
 */
class NamesAcrossSystemsTest {

    private static final PartialDate BORN = new PartialDate(1975, 2, 3);

    private static double score(String a, String b) {
        return NameMatcher.match(a, BORN, b, BORN).score();
    }

    @Test
    void a_wade_giles_name_matches_its_pinyin_in_latin_letters() {
        assertThat(score("Mao Tse-tung", "Mao Zedong"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("Teng Hsiao-p'ing", "Deng Xiaoping"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(ChineseSpellings.sameSyllables("tiao", "diao")).isTrue();
        assertThat(ChineseSpellings.sameSyllables("chienlu", "jianlu")).isTrue();
    }

    @Test
    void a_hong_kong_spelling_matches_the_pinyin_of_its_characters() {
        // 陳港生: Cantonese can gong saang, Pinyin chen gang sheng.
        assertThat(score("Chan Kong Sang", "Chen Gangsheng"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void latin_names_one_syllable_apart_across_systems_stay_apart() {
        assertThat(score("Teng Hsiao-p'ing", "Deng Xiaoming")).isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("Mao Tse-tung", "Mao Zemin")).isLessThan(NameMatcher.THRESHOLD);
        assertThat(ChineseSpellings.sameSyllables("santos", "santo")).isFalse();
    }

    @Test
    void tone_marked_twins_are_not_read_across_systems() {
        assertThat(score("Lê Văn Hùng", "Lê Văn Hưng")).isLessThan(NameMatcher.THRESHOLD);
    }

    @Test
    void a_thai_pali_spelling_keeps_the_voiced_values_of_pho_phan_and_kho_khwai() {
        assertThat(ThaiEtymology.voiced("พหิทธานุกร")).startsWith("bahiddhanuk");
        assertThat(score("ปานปรีย์ พหิทธานุกร", "Parnpree Bahiddhanukara"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void a_burmese_un_or_um_syllable_is_spelled_ohn_or_one() {
        assertThat(Mlcts.customary("prum")).isEqualTo("pyon");
        assertThat(score("အုန်းကျော်", "Ohn Kyaw")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("ပြုံးကျော်", "Pyone Kyaw")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void a_one_letter_vietnamese_name_with_a_mark_is_no_initial() {
        assertThat(score("Phạm Ý Lan", "Phạm Ý Hoa")).isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("Juan Santos", "J. Santos")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void two_names_both_written_with_tone_marks_get_no_credit_for_close_spellings() {
        assertThat(score("Đỗ Ý Chiên", "Đỗ Ý Chiến")).isLessThan(NameMatcher.THRESHOLD);
        assertThat(score("Đỗ Ý Chiến", "Do Y Chien")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }
}
