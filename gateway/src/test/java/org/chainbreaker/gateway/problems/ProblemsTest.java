package org.chainbreaker.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void grpc_codes_map_to_http_by_the_standard_table() {
        Map<Status.Code, Integer> expected =
                Map.ofEntries(
                        Map.entry(Status.Code.OK, 200),
                        Map.entry(Status.Code.CANCELLED, 499),
                        Map.entry(Status.Code.UNKNOWN, 500),
                        Map.entry(Status.Code.INVALID_ARGUMENT, 400),
                        Map.entry(Status.Code.DEADLINE_EXCEEDED, 504),
                        Map.entry(Status.Code.NOT_FOUND, 404),
                        Map.entry(Status.Code.ALREADY_EXISTS, 409),
                        Map.entry(Status.Code.PERMISSION_DENIED, 403),
                        Map.entry(Status.Code.UNAUTHENTICATED, 401),
                        Map.entry(Status.Code.RESOURCE_EXHAUSTED, 429),
                        Map.entry(Status.Code.FAILED_PRECONDITION, 400),
                        Map.entry(Status.Code.ABORTED, 409),
                        Map.entry(Status.Code.OUT_OF_RANGE, 400),
                        Map.entry(Status.Code.UNIMPLEMENTED, 501),
                        Map.entry(Status.Code.INTERNAL, 500),
                        Map.entry(Status.Code.UNAVAILABLE, 503),
                        Map.entry(Status.Code.DATA_LOSS, 500));
        assertThat(expected).hasSize(Status.Code.values().length);
        expected.forEach(
                (code, http) ->
                        assertThat(Problems.httpStatus(code)).as(code.name()).isEqualTo(http));
    }

    @Test
    void internal_unknown_and_data_loss_hide_their_detail() {
        for (Status.Code code :
                List.of(Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS)) {
            Problem problem =
                    Problems.of(code, "java.sql.SQLException: relation cases at db-1.internal");
            assertThat(problem.detail()).doesNotContain("SQLException").doesNotContain("db-1");
            assertThat(problem.status()).isEqualTo(500);
        }
        assertThat(Problems.of(Status.Code.NOT_FOUND, "no such case").detail())
                .isEqualTo("no such case");
    }

    @Test
    void a_problem_renders_as_rfc9457_json() {
        Problem problem =
                Problems.invalidArgument(
                        "title: is required",
                        List.of(
                                new Problem.FieldError("title", "is required"),
                                new Problem.FieldError("note", "has a \"quote\"\n")));
        assertThat(problem.toJson())
                .isEqualTo(
                        "{\"type\":\"https://chainbreaker.org/problems/invalid-argument\","
                                + "\"title\":\"Invalid argument\",\"status\":400,\"detail\":\"title: is required\",\"code\":\"INVALID_ARGUMENT\","
                                + "\"errors\":[{\"field\":\"title\",\"description\":\"is required\"},"
                                + "{\"field\":\"note\",\"description\":\"has a \\\"quote\\\"\\n\"}]}");
    }

    @Test
    void problem_types_are_stable_per_code() {
        assertThat(Problems.generic(Status.Code.NOT_FOUND).type())
                .isEqualTo("https://chainbreaker.org/problems/not-found");
        assertThat(Problems.generic(Status.Code.FAILED_PRECONDITION).type())
                .isEqualTo("https://chainbreaker.org/problems/failed-precondition");
        assertThat(Problems.methodNotAllowed().status()).isEqualTo(405);
        assertThat(Problems.notFound().code()).isEqualTo("NOT_FOUND");
    }
}
