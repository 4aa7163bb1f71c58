package org.chainbreaker.platform.errors;

/**
 * A refusal the client can understand and act on. Domain and application code throw these (they
 * carry no framework type); the API layer turns them into gRPC statuses, and the gateway into
 * problem+json. Messages are shown to the client: they must never name a record the caller may not
 * see.
 */
public abstract sealed class ChainbreakerException extends RuntimeException
        permits InvalidArgumentException,
                NotFoundException,
                PermissionDeniedException,
                FailedPreconditionException,
                EtagMismatchException,
                UnavailableException,
                AlreadyExistsException,
                ResourceExhaustedException {

    protected ChainbreakerException(String message) {
        super(message, null, false, false);
    }
}
