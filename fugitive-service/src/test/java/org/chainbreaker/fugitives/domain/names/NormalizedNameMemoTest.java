package org.chainbreaker.fugitives.domain.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizedNameMemoTest {

    @Test
    void
            a_remembered_name_reads_exactly_as_the_normaliser_reads_it_and_the_script_is_part_of_the_key() {
        NormalizedNameMemo memo = new NormalizedNameMemo(10);
        NormalizedName first = memo.normalize("김민수", "Hang");

        assertThat(first).isEqualTo(NameNormalizer.normalize("김민수", "Hang"));
        assertThat(memo.normalize("김민수", "Hang")).isSameAs(first);
        assertThat(memo.normalize("Nguyễn Văn An", "Latn"))
                .isEqualTo(NameNormalizer.normalize("Nguyễn Văn An", "Latn"));
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void the_memo_never_holds_more_names_than_its_capacity() {
        NormalizedNameMemo memo = new NormalizedNameMemo(3);
        for (String name :
                new String[] {
                    "Kim Minsu", "Lee Jiwoo", "Park Jisung", "Choi Yuna", "Tan Wei Ming"
                }) {
            memo.normalize(name, "Latn");
            assertThat(memo.size()).isLessThanOrEqualTo(3);
        }
        assertThat(memo.normalize("Tan Wei Ming", "Latn"))
                .isEqualTo(NameNormalizer.normalize("Tan Wei Ming", "Latn"));
    }
}
