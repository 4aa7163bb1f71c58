package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.chainbreaker.fugitives.domain.PartialDate;
import org.junit.jupiter.api.Test;

/**
 * Burmese read by MLCTS beside the customary table (and syllables outside the table read through
 * MLCTS rather than letter by letter), Thai read with the linking vowel of compounds as passports
 * and RTGS write it, and with final consonants as passports spell them.
 */
class BurmeseAndThaiReadingsTest {

    private static final PartialDate BORN = new PartialDate(1975, 2, 3);

    private static double score(String a, String b) {
        return NameMatcher.match(a, BORN, b, BORN).score();
    }

    @Test
    void burmese_syllables_are_read_by_mlcts() {
        assertThat(Mlcts.syllables("အောင်ဆန်းစုကြည်"))
                .containsExactly("aung", "hcan", "cu", "krany");
        assertThat(Mlcts.syllables("ညွန့်ရွှေလှိုင်ချစ်"))
                .containsExactly("nywan", "hrwe", "hluing", "hkyac");
        assertThat(Mlcts.syllables("ဦးသော်")).containsExactly("u", "sau");
    }

    @Test
    void an_mlcts_syllable_has_its_conventional_spelling() {
        assertThat(Mlcts.customary("htwan")).isEqualTo("htun");
        assertThat(Mlcts.customary("krany")).isEqualTo("kyi");
        assertThat(Mlcts.customary("hkyac")).isEqualTo("chit");
        assertThat(Mlcts.customary("sin")).isEqualTo("thein");
        assertThat(Mlcts.customary("hprui")).isEqualTo("phyo");
        assertThat(Mlcts.customary("je")).isEqualTo("zay");
    }

    @Test
    void a_burmese_name_matches_its_mlcts_transcription() {
        assertThat(score("ဒေါ်အောင်ဆန်းစုကြည်", "Aung Hcan Cu Krany"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("ဦးသိန်းစိန်", "Sin Cin")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("ဦးသိန်းစိန်", "Sin Hcan")).isLessThan(NameMatcher.THRESHOLD);
    }

    @Test
    void a_burmese_syllable_outside_the_table_is_read_by_its_conventional_spelling() {
        // ဟိန်း (Hein) and ဇေ (Zay) are not in the customary table.
        assertThat(score("ဟိန်းဇေ", "Hein Zay")).isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }

    @Test
    void a_thai_compound_is_read_with_its_linking_vowel() {
        assertThat(Romanizers.thaiWord("อรทัย", true)).isEqualTo("orathai");
        assertThat(Romanizers.thaiWord("ณรงค์", true)).isEqualTo("narong");
        assertThat(Romanizers.thaiWord("ไพโรจน์", false, true)).isEqualTo("phairoj");
        assertThat(score("นางสาวอรทัย ทวีสิน", "Orathai Thavisin"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
        assertThat(score("นายณรงค์ ศรีสวัสดิ์", "NARONG Srisawat"))
                .isGreaterThanOrEqualTo(NameMatcher.THRESHOLD);
    }
}
