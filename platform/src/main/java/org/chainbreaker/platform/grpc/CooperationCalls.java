package org.chainbreaker.platform.grpc;

import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.common.v1.ReplyCooperationRequestRequest;
import org.chainbreaker.common.v1.WithdrawCooperationRequestRequest;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.requests.app.CooperationDesk;
import org.chainbreaker.platform.tenancy.Caller;

/**
 * The cooperation-request RPCs of one service, translated to its desk; each service's endpoint
 * delegates here.
 */
public final class CooperationCalls {

    private final CooperationDesk desk;
    private final String subjectKind;

    public CooperationCalls(CooperationDesk desk, String subjectKind) {
        this.desk = desk;
        this.subjectKind = subjectKind;
    }

    public CooperationRequest create(Caller caller, CreateCooperationRequestRequest request) {
        try {
            return CooperationMessages.toMessage(
                    desk.ask(caller, CooperationMessages.draft(request, subjectKind)));
        } catch (InvalidArgumentException e) {
            // The rules name the request's own fields; the contract's path starts at the create's
            // `request` field.
            throw new InvalidArgumentException(
                    e.violations().stream()
                            .map(
                                    v ->
                                            new InvalidArgumentException.FieldViolation(
                                                    v.field().isEmpty()
                                                            ? ""
                                                            : "request." + v.field(),
                                                    v.description()))
                            .toList());
        }
    }

    public CooperationRequest get(Caller caller, GetCooperationRequestRequest request) {
        return CooperationMessages.toMessage(
                desk.get(caller, CooperationDesk.requestId(request.getId())));
    }

    public ListCooperationRequestsResponse list(
            Caller caller, ListCooperationRequestsRequest request) {
        return CooperationMessages.toMessage(
                desk.list(caller, request.getPageSize(), request.getPageToken()));
    }

    public CooperationRequest answer(Caller caller, AnswerCooperationRequestRequest request) {
        return CooperationMessages.toMessage(
                desk.answer(
                        caller,
                        CooperationDesk.requestId(request.getId()),
                        CooperationMessages.answer(request.getAnswer())));
    }

    public CooperationRequest reply(Caller caller, ReplyCooperationRequestRequest request) {
        return CooperationMessages.toMessage(
                desk.reply(caller, CooperationDesk.requestId(request.getId()), request.getText()));
    }

    public CooperationRequest withdraw(Caller caller, WithdrawCooperationRequestRequest request) {
        return CooperationMessages.toMessage(
                desk.withdraw(caller, CooperationDesk.requestId(request.getId())));
    }
}
