package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's text and path rules on their own; the documents it makes are tested against the
 * suite's contract ({@link OpenApiSuiteContractTest}) and a contract with every mapping rule
 * ({@link OpenApiMappingRulesTest}).
 */
class OpenApiGeneratorTest {

    @Test
    void a_summary_is_the_description_up_to_its_first_full_stop() {
        assertThat(OpenApiGenerator.firstSentence("Reads a case. Owner only."))
                .isEqualTo("Reads a case.");
        assertThat(
                        OpenApiGenerator.firstSentence(
                                "Opens a case owned by the caller's country.\nIdempotent."))
                .isEqualTo("Opens a case owned by the caller's country.");
        assertThat(OpenApiGenerator.firstSentence("e.g.KR-2026 stays"))
                .isEqualTo("e.g.KR-2026 stays");
    }

    @Test
    void path_templates() {
        List<HttpBinding.PathVariable> variables = new ArrayList<>();
        assertThat(
                        HttpBinding.openApiPath(
                                "/v1/{name=shelves/*}/books/{book.id}:publish", variables))
                .isEqualTo("/v1/{name}/books/{book.id}:publish");
        assertThat(variables)
                .containsExactly(
                        new HttpBinding.PathVariable("name", "shelves/*"),
                        new HttpBinding.PathVariable("book.id", null));
        assertThat(new HttpBinding.PathVariable("name", "files/**").pattern())
                .isEqualTo("^\\Qfiles\\E/.+$");
    }
}
