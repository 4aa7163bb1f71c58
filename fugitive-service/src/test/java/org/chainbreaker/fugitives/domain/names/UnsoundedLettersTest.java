package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Letters written but not sounded, which name spellings leave out: a final h after a vowel, a Khmer
 * subscript ending a word under its final consonant.
 */
class UnsoundedLettersTest {

    @Test
    void an_h_closing_a_word_after_a_vowel_folds_away() {
        assertThat(Fold.phonetic("Poh")).isEqualTo(Fold.phonetic("po"));
        assertThat(Fold.phonetic("Fatimah")).isEqualTo(Fold.phonetic("Fatima"));
        assertThat(Fold.phonetic("Thanh")).endsWith("h");
    }

    @Test
    void a_khmer_subscript_ending_the_word_under_a_final_is_not_read() {
        assertThat(KhmerRomanizer.word("ចន្ទ")).isEqualTo("chan");
        assertThat(KhmerRomanizer.word("ប្រាជ្ញ")).isEqualTo("prach");
        assertThat(KhmerRomanizer.word("ប្រសិទ្ធ")).startsWith("pra");
    }
}
