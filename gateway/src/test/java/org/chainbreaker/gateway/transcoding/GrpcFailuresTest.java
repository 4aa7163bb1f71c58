package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import org.chainbreaker.gateway.problems.Problem;
import org.junit.jupiter.api.Test;

class GrpcFailuresTest {

    private final RouteTable suite = TestContract.suiteTable();

    private HttpRoute route(String method, String path) {
        return ((RouteTable.Matched) suite.resolve("cases", method, path)).route();
    }

    @Test
    void field_violations_become_errors_in_json_names_relative_to_the_body() {
        var status =
                com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT_VALUE)
                        .setMessage("case.title: is required")
                        .addDetails(
                                Any.pack(
                                        BadRequest.newBuilder()
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField("case.title")
                                                                .setDescription("is required"))
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField("request_id")
                                                                .setDescription("too long"))
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField(
                                                                        "case.shares[0].handling_code")
                                                                .setDescription("bad"))
                                                .build()))
                        .build();
        Problem problem =
                GrpcFailures.toProblem(
                        StatusProto.toStatusRuntimeException(status),
                        route("POST", "/api/v1/cases"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.detail()).isEqualTo("title: is required");
        assertThat(problem.errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("title", "requestId", "shares[0].handlingCode");
    }

    @Test
    void error_info_gives_the_reason() {
        var status =
                com.google.rpc.Status.newBuilder()
                        .setCode(Code.ABORTED_VALUE)
                        .setMessage("the case changed")
                        .addDetails(
                                Any.pack(
                                        ErrorInfo.newBuilder()
                                                .setReason("ETAG_MISMATCH")
                                                .setDomain("chainbreaker.org")
                                                .build()))
                        .build();
        Problem problem =
                GrpcFailures.toProblem(
                        StatusProto.toStatusRuntimeException(status),
                        route("POST", "/api/v1/cases/c:share"));
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.reason()).isEqualTo("ETAG_MISMATCH");
        assertThat(problem.toJson()).contains("\"reason\":\"ETAG_MISMATCH\"");
    }

    @Test
    void internal_messages_are_never_shown() {
        Problem problem =
                GrpcFailures.toProblem(
                        Status.INTERNAL
                                .withDescription("NullPointerException at org.x.Y")
                                .asRuntimeException(),
                        route("GET", "/api/v1/cases/c"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("NullPointer").doesNotContain("org.x");
    }

    @Test
    void transport_failures_do_not_reveal_hosts() {
        Problem unreachable =
                GrpcFailures.toProblem(
                        Status.UNAVAILABLE
                                .withDescription("io exception")
                                .withCause(
                                        new IOException(
                                                "Connection refused: case-service.internal/10.0.0.7:9091"))
                                .asRuntimeException(),
                        route("GET", "/api/v1/cases/c"));
        assertThat(unreachable.status()).isEqualTo(503);
        assertThat(unreachable.toJson())
                .doesNotContain("10.0.0.7")
                .doesNotContain("case-service.internal");
        Problem late =
                GrpcFailures.toProblem(
                        Status.DEADLINE_EXCEEDED
                                .withDescription(
                                        "deadline exceeded after 9.9s [remote_addr=case-service/10.0.0.7:9091]")
                                .asRuntimeException(),
                        route("GET", "/api/v1/cases/c"));
        assertThat(late.status()).isEqualTo(504);
        assertThat(late.toJson()).doesNotContain("10.0.0.7");
    }

    @Test
    void service_messages_are_shown_for_client_errors() {
        Problem problem =
                GrpcFailures.toProblem(
                        Status.NOT_FOUND.withDescription("no such case").asRuntimeException(),
                        route("GET", "/api/v1/cases/c"));
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("no such case");
        assertThat(problem.type()).isEqualTo("https://chainbreaker.org/problems/not-found");
    }
}
