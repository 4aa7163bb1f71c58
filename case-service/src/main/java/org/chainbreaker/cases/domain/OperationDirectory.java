package org.chainbreaker.cases.domain;

import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * Where operations are read, as the caller (its token, its visibility): the fugitive-service owns
 * them. Empty when the caller's country neither coordinates nor takes part in such an operation;
 * throws {@link org.chainbreaker.platform.errors.UnavailableException} when the directory cannot
 * answer now.
 */
public interface OperationDirectory {

    Optional<Operation> find(Caller caller, UUID operationId);
}
