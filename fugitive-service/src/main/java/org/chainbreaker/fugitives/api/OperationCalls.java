package org.chainbreaker.fugitives.api;

import static org.chainbreaker.fugitives.api.FugitiveMessages.operationId;

import org.chainbreaker.fugitives.app.OperationRegistry;
import org.chainbreaker.fugitives.domain.NewOperation;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * The FugitiveService contract over gRPC: translates messages to use cases and back. Errors map in
 * StatusMapping.
 */

/**
 * The operation RPCs of the fugitive-service (open, read, list, change participants), translated;
 * the endpoint delegates here.
 */
final class OperationCalls {

    private final OperationRegistry operations;

    OperationCalls(OperationRegistry operations) {
        this.operations = operations;
    }

    Operation createOperation(CreateOperationRequest request) {
        Caller caller = CallerContext.current();
        var o = request.getOperation();
        var opened =
                operations.open(
                        caller,
                        new NewOperation.Request(
                                o.getName(),
                                o.getParticipantsList(),
                                FugitiveMessages.instant(o.hasStartTime(), o.getStartTime()),
                                FugitiveMessages.instant(o.hasEndTime(), o.getEndTime()),
                                request.getRequestId()));
        return FugitiveMessages.toMessage(opened);
    }

    Operation getOperation(GetOperationRequest request) {
        Caller caller = CallerContext.current();
        return FugitiveMessages.toMessage(
                operations.get(caller, operationId("id", request.getId())));
    }

    ListOperationsResponse listOperations(ListOperationsRequest request) {
        Caller caller = CallerContext.current();
        var page = operations.list(caller, request.getPageSize(), request.getPageToken());
        var message = ListOperationsResponse.newBuilder();
        page.items().forEach(o -> message.addOperations(FugitiveMessages.toMessage(o)));
        message.setNextPageToken(page.nextToken());
        return message.build();
    }

    Operation addParticipant(ChangeParticipantRequest request) {
        Caller caller = CallerContext.current();
        return FugitiveMessages.toMessage(
                operations.addParticipant(
                        caller, operationId("id", request.getId()), request.getCountry()));
    }

    Operation removeParticipant(ChangeParticipantRequest request) {
        Caller caller = CallerContext.current();
        return FugitiveMessages.toMessage(
                operations.removeParticipant(
                        caller, operationId("id", request.getId()), request.getCountry()));
    }
}
