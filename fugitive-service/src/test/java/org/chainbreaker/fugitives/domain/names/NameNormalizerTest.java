package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-script readings the matcher relies on. */
class NameNormalizerTest {

    @Test
    void hangul_is_read_by_syllable_with_the_family_name_apart() {
        assertThat(NameNormalizer.normalize("김민수").parts()).containsExactly("gim", "minsu");
        assertThat(NameNormalizer.normalize("박상훈").parts()).containsExactly("bak", "sanghun");
        assertThat(NameNormalizer.normalize("남궁민수").parts()).containsExactly("namgung", "minsu");
    }

    @Test
    void chinese_is_read_in_pinyin_for_names_with_the_given_name_joined_and_split() {
        NormalizedName name = NameNormalizer.normalize("陈志明");
        assertThat(name.parts()).containsExactly("chen", "zhiming");
        assertThat(name.tokenizations()).contains(java.util.List.of("chen", "zhi", "ming"));
    }

    @Test
    void thai_khmer_and_burmese_get_readings_of_their_own() {
        assertThat(NameNormalizer.normalize("สมชาย ใจดี").parts())
                .containsExactly("somchai", "chaidi");
        assertThat(NameNormalizer.normalize("สุภาพร บุญมา").parts())
                .containsExactly("suphaphon", "bunma");
        assertThat(NameNormalizer.normalize("សុខ ចាន់").parts()).containsExactly("sok", "chan");
        assertThat(NameNormalizer.normalize("ဒေါ်အောင်ဆန်းစုကြည်").parts())
                .containsExactly("daw", "aung", "san", "su", "kyi");
        assertThat(NameNormalizer.normalize("ဒေါ်အောင်ဆန်းစုကြည်").optional())
                .containsExactly("daw");
    }

    @Test
    void han_names_get_search_keys_in_wade_giles_and_cantonese_too() {
        java.util.Set<String> han = NameNormalizer.keys(NameNormalizer.normalize("張志明"));
        assertThat(han)
                .containsAnyElementsOf(
                        NameNormalizer.keys(NameNormalizer.normalize("Cheung Chi Ming")));
        assertThat(han)
                .containsAnyElementsOf(
                        NameNormalizer.keys(NameNormalizer.normalize("Chang Chih-ming")));
        assertThat(han)
                .containsAnyElementsOf(
                        NameNormalizer.keys(NameNormalizer.normalize("Zhang Zhiming")));
    }

    @Test
    void keys_are_canonical_and_order_insensitive() {
        assertThat(NameNormalizer.keys(NameNormalizer.normalize("Minsu Kim")))
                .containsAnyElementsOf(NameNormalizer.keys(NameNormalizer.normalize("김민수")));
        assertThat(NameNormalizer.keys(NameNormalizer.normalize("Tan Chee Beng")))
                .containsAnyElementsOf(NameNormalizer.keys(NameNormalizer.normalize("陈志明")));
        assertThat(NameNormalizer.normalize("Ahmad bin Ismail").patronymicAt()).isEqualTo(1);
        assertThat(NameNormalizer.normalize("Juan de la Cruz").parts())
                .containsExactly("juan", "delacruz");
    }
}
