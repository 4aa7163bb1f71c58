package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void literal_paths_match_only_themselves() {
        PathTemplate template = PathTemplate.parse("/api/v1/cases");
        assertThat(template.match("/api/v1/cases")).isEmpty();
        assertThat(template.match("/api/v1/cases/")).isNull();
        assertThat(template.match("/api/v1/case")).isNull();
        assertThat(template.match("/api/v1/cases/x")).isNull();
    }

    @Test
    void a_variable_binds_one_non_empty_segment() {
        PathTemplate template = PathTemplate.parse("/api/v1/cases/{id}");
        assertThat(template.variables())
                .singleElement()
                .extracting(PathTemplate.Variable::dotted)
                .isEqualTo("id");
        assertThat(template.match("/api/v1/cases/abc-123")).containsExactly("abc-123");
        assertThat(template.match("/api/v1/cases/")).isNull();
        assertThat(template.match("/api/v1/cases/a/b")).isNull();
    }

    @Test
    void nested_field_paths_are_variables() {
        PathTemplate template = PathTemplate.parse("/v1/labels/{inner.label}/things");
        assertThat(template.variables().getFirst().fieldPath()).containsExactly("inner", "label");
        assertThat(template.match("/v1/labels/red/things")).containsExactly("red");
    }

    @Test
    void equals_patterns_bind_several_segments_with_their_literals() {
        PathTemplate template = PathTemplate.parse("/v1/{name=shelves/*/books/*}");
        assertThat(template.match("/v1/shelves/s1/books/b2"))
                .containsExactly("shelves/s1/books/b2");
        assertThat(template.match("/v1/shelves/s1/records/b2")).isNull();
        assertThat(template.match("/v1/shelves/s1/books")).isNull();
    }

    @Test
    void double_wildcard_matches_the_rest_of_the_path() {
        PathTemplate template = PathTemplate.parse("/v1/{name=things/**}");
        assertThat(template.match("/v1/things/a/b/c")).containsExactly("things/a/b/c");
        assertThat(template.match("/v1/things/a")).containsExactly("things/a");
        assertThat(template.match("/v1/things")).containsExactly("things");
        assertThat(template.match("/v1/other/a")).isNull();
        assertThat(PathTemplate.parse("/v1/files/**").match("/v1/files/x/y")).isEmpty();
    }

    @Test
    void a_verb_is_the_final_colon_literal() {
        PathTemplate share = PathTemplate.parse("/api/v1/cases/{id}:share");
        PathTemplate get = PathTemplate.parse("/api/v1/cases/{id}");
        assertThat(share.hasVerb()).isTrue();
        assertThat(share.match("/api/v1/cases/abc:share")).containsExactly("abc");
        assertThat(share.match("/api/v1/cases/abc")).isNull();
        assertThat(share.match("/api/v1/cases/abc:revokeShare")).isNull();
        assertThat(share.match("/api/v1/cases/:share")).isNull();
        // Without a verb in the template, a colon is part of the value.
        assertThat(get.match("/api/v1/cases/abc:share")).containsExactly("abc:share");
        // A colon inside the value stays in the value; only the last ':share' is the verb.
        assertThat(share.match("/api/v1/cases/a:b:share")).containsExactly("a:b");
    }

    @Test
    void variables_of_one_segment_are_fully_url_decoded() {
        PathTemplate template = PathTemplate.parse("/api/v1/cases/{id}");
        assertThat(template.match("/api/v1/cases/KR%2D2026%20x")).containsExactly("KR-2026 x");
        assertThat(template.match("/api/v1/cases/a%2Fb")).containsExactly("a/b");
        assertThat(template.match("/api/v1/cases/%ED%95%9C")).containsExactly("한");
        assertThat(template.match("/api/v1/cases/bad%zz")).isNull();
        assertThat(template.match("/api/v1/cases/a+b")).containsExactly("a+b");
    }

    @Test
    void variables_of_several_segments_keep_encoded_slashes() {
        PathTemplate template = PathTemplate.parse("/v1/{name=things/**}");
        assertThat(template.match("/v1/things/a%2Fb/c%20d")).containsExactly("things/a%2Fb/c d");
    }

    @Test
    void literal_segments_compare_decoded() {
        assertThat(PathTemplate.parse("/api/v1/cases").match("/api/v1/c%61ses")).isEmpty();
    }

    @Test
    void malformed_templates_are_refused_at_start_up() {
        assertThatThrownBy(() -> PathTemplate.parse("api/v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1/{id"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1/**/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1/{a={b}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1/{id}/{id}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1/x:"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/v1//x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
