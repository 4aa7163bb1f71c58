package org.chainbreaker.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.protobuf.StatusProto;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.platform.grpc.StatusMapping;
import org.chainbreaker.platform.records.RequestKey;
import org.junit.jupiter.api.Test;

/**
 * A service's refusal of an idempotency key reused for a different request, as a REST client reads
 * it.
 */
class KeyReuseProblemTest {

    @Test
    void a_reused_key_is_a_409_problem_naming_the_key_with_its_reason() {
        RequestKey key = RequestKey.of("ph-rescue-7", "a different request").orElseThrow();
        HttpRoute route =
                ((RouteTable.Matched)
                                TestContract.suiteTable().resolve("cases", "POST", "/api/v1/cases"))
                        .route();
        Problem problem =
                GrpcFailures.toProblem(
                        StatusProto.toStatusRuntimeException(StatusMapping.toStatus(key.refusal())),
                        route);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("ALREADY_EXISTS");
        assertThat(problem.type()).isEqualTo("https://chainbreaker.org/problems/already-exists");
        assertThat(problem.reason()).isEqualTo(RequestKey.REUSED);
        assertThat(problem.detail())
                .contains("requestId \"ph-rescue-7\"")
                .contains("Idempotency-Key");
        assertThat(problem.toJson()).contains("\"reason\":\"REQUEST_ID_REUSED\"");
    }
}
