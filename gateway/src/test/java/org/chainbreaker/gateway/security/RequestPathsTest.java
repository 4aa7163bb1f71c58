package org.chainbreaker.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathsTest {

    private static String canonical(String raw) {
        RequestPaths.Reading reading = RequestPaths.read(raw);
        assertThat(reading).as(raw).isInstanceOf(RequestPaths.Canonical.class);
        return ((RequestPaths.Canonical) reading).path();
    }

    @Test
    void encoded_unreserved_characters_are_read_as_the_characters_themselves() {
        assertThat(canonical("/%61pi/v1/cases")).isEqualTo("/api/v1/cases");
        assertThat(canonical("/%61%70%69/%76%31/c%61ses/KR-1%7E2"))
                .isEqualTo("/api/v1/cases/KR-1~2");
        assertThat(canonical("/api/v1/cases/1%2e5")).isEqualTo("/api/v1/cases/1.5");
        // Reserved and other characters stay encoded, hex in upper case; an encoded slash is data,
        // not a separator.
        assertThat(canonical("/api/v1/cases/KR-2026%2f000123"))
                .isEqualTo("/api/v1/cases/KR-2026%2F000123");
        assertThat(canonical("/api/v1/cases/a%3ab%20c%C3%A9"))
                .isEqualTo("/api/v1/cases/a%3Ab%20c%C3%A9");
        assertThat(canonical("/api/v1/cases/1:share")).isEqualTo("/api/v1/cases/1:share");
        assertThat(canonical("/API/v1/cases")).as("case is kept").isEqualTo("/API/v1/cases");
        assertThat(canonical("/docs/")).isEqualTo("/docs/");
        assertThat(canonical("")).isEqualTo("/");
    }

    @Test
    void forms_that_components_read_differently_are_refused() {
        for (String raw :
                List.of(
                        "/x/../api/v1/cases",
                        "/./api/v1/cases",
                        "/x/%2e%2e/api/v1/cases",
                        "/x/%2E%2E/api/v1/cases",
                        "/x/.%2e/api",
                        "/%2e/api",
                        "/api/v1/cases/.",
                        "/api/v1/cases/..",
                        "//api/v1/cases",
                        "/api//v1/cases",
                        "/api;x=1/v1/cases",
                        "/api/v1/cases;jsessionid=1",
                        "/;/api",
                        "/api%5Cv1/cases",
                        "/api\\v1/cases",
                        "/api/v1/cases%00",
                        "/api/v1/cases%0d%0aX-Tenant:%20TH",
                        "/%6",
                        "/%zz/api",
                        "/api/v1/cases/%",
                        "/api/v1/cases/%\u0663\u0663",
                        "/api/v1/cases/\u00e9",
                        "/api/v1/cases/a b",
                        "api/v1/cases",
                        "/actuator/health/..%2F..%2Fapi",
                        "/docs/x%2F..%2F..%2Fapi",
                        "/api/v1/cases/1%2F.",
                        "/api/v1/cases/%2e%2e%2f1")) {
            assertThat(RequestPaths.read(raw)).as(raw).isInstanceOf(RequestPaths.Refused.class);
        }
    }

    @Test
    void only_health_and_the_documentation_are_open() {
        assertThat(RequestPaths.isOpenRaw("/actuator/health/liveness")).isTrue();
        assertThat(RequestPaths.isOpenRaw("/openapi.json")).isTrue();
        assertThat(RequestPaths.isOpenRaw("/%6Fpenapi.json")).isTrue();
        assertThat(RequestPaths.isOpenRaw("/docs/swagger-ui.css")).isTrue();
        for (String raw :
                List.of(
                        "/api/v1/cases",
                        "/%61pi/v1/cases",
                        "/API/v1/cases",
                        "/docs/../api/v1/cases",
                        "/docs%2F..%2Fapi/v1/cases",
                        "/openapi.json/../api/v1/cases",
                        "/actuator/health/../../api/v1/cases",
                        "/actuator/health/..%2F..%2Fapi",
                        "/actuator",
                        "/actuator/env",
                        "/",
                        "/favicon.ico",
                        "/docsx",
                        "/openapi.jsonx")) {
            assertThat(RequestPaths.isOpenRaw(raw)).as(raw).isFalse();
        }
    }
}
