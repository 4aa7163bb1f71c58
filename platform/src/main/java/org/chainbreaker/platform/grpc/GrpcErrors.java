package org.chainbreaker.platform.grpc;

import io.grpc.StatusException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Spring gRPC's exception handler for the services: every exception an endpoint throws goes through
 * {@link StatusMapping}.
 */
public final class GrpcErrors implements GrpcExceptionHandler {

    @Override
    public StatusException handleException(Throwable exception) {
        return StatusMapping.toStatusException(exception);
    }
}
