package org.chainbreaker.gateway.security;

import io.grpc.Status;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;
import org.chainbreaker.platform.security.TokenRejectedException;

/**
 * 401 for a token that proves nothing, 403 for a tenant not served here, 503 when keys cannot be
 * fetched.
 */
final class TokenProblems {

    private TokenProblems() {}

    static Problem of(TokenRejectedException e) {
        Status.Code code =
                switch (e.reason()) {
                    case UNKNOWN_TENANT -> Status.Code.PERMISSION_DENIED;
                    case KEYS_UNAVAILABLE -> Status.Code.UNAVAILABLE;
                    default -> Status.Code.UNAUTHENTICATED;
                };
        Problem problem = Problems.of(code, e.getMessage());
        return new Problem(
                problem.type(),
                problem.title(),
                problem.status(),
                problem.detail(),
                problem.code(),
                problem.errors(),
                e.reason().name());
    }
}
