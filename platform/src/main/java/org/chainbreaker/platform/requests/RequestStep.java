package org.chainbreaker.platform.requests;

/**
 * What a request's rules answer to a step: the request as the step leaves it (with the event both
 * parties receive and the audit note), or a refusal because of the request's state
 * (FAILED_PRECONDITION) or of who asks (PERMISSION_DENIED). The application stores a change
 * conditionally on {@code before.status()}.
 */
public sealed interface RequestStep
        permits RequestStep.Changed, RequestStep.Refused, RequestStep.Denied {

    record Changed(CooperationRequest before, CooperationRequest after, String event, String note)
            implements RequestStep {}

    record Refused(String reason) implements RequestStep {}

    record Denied(String reason) implements RequestStep {}
}
