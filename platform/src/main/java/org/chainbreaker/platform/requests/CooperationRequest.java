package org.chainbreaker.platform.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A cooperation request between two countries about one record of the owner, and its rules: the
 * owner answers an OPEN request (grant, partial grant, decline, or a question that hands it to the
 * requester); the requester replies to a question (the request is OPEN again with a fresh deadline)
 * or withdraws; an OPEN request past its deadline is escalated to the coordinators once. Each step
 * is decided here on the request as read under its lock.
 */
public record CooperationRequest(
        UUID id,
        String requester,
        String owner,
        Subject subject,
        String purpose,
        String legalBasis,
        Urgency urgency,
        Set<Ask> asks,
        Optional<String> thirdCountry,
        RequestStatus status,
        Instant askTime,
        Instant deadline,
        Optional<Instant> escalateTime,
        Optional<Answer> answer,
        Optional<Instant> answerTime,
        String reply,
        long version) {

    static final Set<String> HANDLING_CODES = Set.of("H0", "H1", "H2", "H3");

    public CooperationRequest {
        asks = Set.copyOf(asks);
        reply = reply == null ? "" : reply;
    }

    /** A new request as the rules make it from a checked draft: OPEN, with the owner's deadline. */
    public static CooperationRequest ask(
            UUID id, String requester, NewCooperationRequest draft, Instant now) {
        return new CooperationRequest(
                id,
                requester,
                draft.ownerCountry(),
                draft.subject(),
                draft.purpose().strip(),
                draft.legalBasis().strip(),
                draft.urgency(),
                draft.asks(),
                draft.thirdCountry(),
                RequestStatus.OPEN,
                now,
                draft.deadlineFrom(now),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "",
                1);
    }

    /**
     * The countries a grant shares the record with: the requester when it was granted INFORMATION
     * or EVIDENCE_USE, the third country when it was granted PASS_ON (in that order); nobody for an
     * answer that grants nothing (its granted set is empty).
     */
    public List<String> sharedWithBy(Answer granted) {
        List<String> countries = new ArrayList<>();
        if (granted.granted().contains(Ask.INFORMATION)
                || granted.granted().contains(Ask.EVIDENCE_USE)) {
            countries.add(requester);
        }
        if (granted.granted().contains(Ask.PASS_ON)) {
            countries.add(thirdCountry.orElseThrow());
        }
        return countries;
    }

    public boolean involves(String country) {
        return requester.equals(country) || owner.equals(country);
    }

    /**
     * The owner answers. Malformed answers are INVALID_ARGUMENT (thrown, naming the field); the
     * request's state and who answers decide the rest.
     */
    public RequestStep answer(String country, Answer given, Instant now) {
        if (!owner.equals(country)) {
            return new RequestStep.Denied(
                    "only the country asked (" + owner + ") answers this request");
        }
        checkAnswer(given, now);
        if (status != RequestStatus.OPEN) {
            return new RequestStep.Refused(
                    "the request is " + status + "; only an OPEN request is answered");
        }
        RequestStatus next =
                switch (given.kind()) {
                    case GRANT -> RequestStatus.GRANTED;
                    case PARTIAL_GRANT -> RequestStatus.PARTIALLY_GRANTED;
                    case DECLINE -> RequestStatus.DECLINED;
                    case QUESTION -> RequestStatus.QUESTIONED;
                };
        Answer kept =
                given.kind() == AnswerKind.GRANT
                        ? new Answer(
                                given.kind(),
                                given.text(),
                                given.handlingCode(),
                                given.grantUntil(),
                                asks)
                        : given;
        CooperationRequest after = with(next, deadline, Optional.of(kept), Optional.of(now), reply);
        String event =
                "cooperation_request."
                        + switch (given.kind()) {
                            case GRANT -> "granted";
                            case PARTIAL_GRANT -> "partially_granted";
                            case DECLINE -> "declined";
                            case QUESTION -> "questioned";
                        };
        return new RequestStep.Changed(this, after, event, describe(kept));
    }

    /**
     * The requester answers the owner's question: the request waits for the owner again, with a
     * fresh deadline.
     */
    public RequestStep reply(String country, String text, Instant now) {
        if (!requester.equals(country)) {
            return new RequestStep.Denied(
                    "only the requesting country (" + requester + ") replies to a question");
        }
        new FieldChecks().text(text, "text", 1, NewCooperationRequest.PURPOSE_MAX).throwIfAny();
        if (status != RequestStatus.QUESTIONED) {
            return new RequestStep.Refused(
                    "the request is " + status + "; only a QUESTIONED request takes a reply");
        }
        CooperationRequest after =
                with(
                        RequestStatus.OPEN,
                        urgency.deadlineFrom(now),
                        answer,
                        answerTime,
                        text.strip());
        return new RequestStep.Changed(
                this, after, "cooperation_request.replied", "reply: " + text.strip());
    }

    /** The requester withdraws a request not yet answered for good. */
    public RequestStep withdraw(String country) {
        if (!requester.equals(country)) {
            return new RequestStep.Denied(
                    "only the requesting country (" + requester + ") withdraws its request");
        }
        if (status.isFinal()) {
            return new RequestStep.Refused("the request is " + status + " already");
        }
        return new RequestStep.Changed(
                this,
                with(RequestStatus.WITHDRAWN, deadline, answer, answerTime, reply),
                "cooperation_request.withdrawn",
                "withdrawn");
    }

    /**
     * Whether the escalation timer is to escalate this request now: OPEN, past its deadline, not
     * escalated yet.
     */
    public boolean dueForEscalation(Instant now) {
        return status == RequestStatus.OPEN && escalateTime.isEmpty() && !now.isBefore(deadline);
    }

    /** The escalation timer's step: the coordinators see the request from now on. */
    public RequestStep escalate(Instant now) {
        if (!dueForEscalation(now)) {
            return new RequestStep.Refused(
                    "not due: "
                            + status
                            + ", deadline "
                            + deadline
                            + escalateTime.map(t -> ", escalated at " + t).orElse(""));
        }
        CooperationRequest after =
                new CooperationRequest(
                        id,
                        requester,
                        owner,
                        subject,
                        purpose,
                        legalBasis,
                        urgency,
                        asks,
                        thirdCountry,
                        status,
                        askTime,
                        deadline,
                        Optional.of(now),
                        answer,
                        answerTime,
                        reply,
                        version + 1);
        return new RequestStep.Changed(
                this,
                after,
                "cooperation_request.escalated",
                "unanswered past its deadline " + deadline + ": escalated to the coordinators");
    }

    private CooperationRequest with(
            RequestStatus next,
            Instant nextDeadline,
            Optional<Answer> nextAnswer,
            Optional<Instant> nextAnswerTime,
            String nextReply) {
        return new CooperationRequest(
                id,
                requester,
                owner,
                subject,
                purpose,
                legalBasis,
                urgency,
                asks,
                thirdCountry,
                next,
                askTime,
                nextDeadline,
                escalateTime,
                nextAnswer,
                nextAnswerTime,
                nextReply,
                version + 1);
    }

    private void checkAnswer(Answer given, Instant now) {
        FieldChecks checks =
                new FieldChecks()
                        .require(
                                given.kind() != null,
                                "answer.kind",
                                "is required: one of GRANT, PARTIAL_GRANT, DECLINE, QUESTION");
        if (given.kind() == null) {
            checks.throwIfAny();
        }
        if (given.grants()) {
            checks.require(
                            given.handlingCode().map(HANDLING_CODES::contains).orElse(false),
                            "answer.handling_code",
                            "is required for a grant: one of H0, H1, H2, H3")
                    .require(
                            given.grantUntil().map(now::isBefore).orElse(false),
                            "answer.grant_until",
                            "is required for a grant and must lie in the future");
        } else {
            checks.require(
                            given.handlingCode().isEmpty(),
                            "answer.handling_code",
                            "is only for a grant")
                    .require(
                            given.grantUntil().isEmpty(),
                            "answer.grant_until",
                            "is only for a grant");
        }
        if (given.kind() == AnswerKind.PARTIAL_GRANT) {
            checks.require(
                            !given.granted().isEmpty()
                                    && asks.containsAll(given.granted())
                                    && given.granted().size() < asks.size(),
                            "answer.granted",
                            "a partial grant names some, not all, of what was asked: " + asks)
                    .text(given.text(), "answer.text", 3, NewCooperationRequest.PURPOSE_MAX);
        } else if (given.kind() == AnswerKind.GRANT) {
            checks.require(
                            given.granted().isEmpty() || given.granted().equals(asks),
                            "answer.granted",
                            "a grant grants everything asked; name a part with PARTIAL_GRANT")
                    .optionalText(given.text(), "answer.text", NewCooperationRequest.PURPOSE_MAX);
        } else {
            checks.require(
                            given.granted().isEmpty(),
                            "answer.granted",
                            "is only for a partial grant")
                    .text(given.text(), "answer.text", 3, NewCooperationRequest.PURPOSE_MAX);
        }
        checks.throwIfAny();
    }

    private static String describe(Answer a) {
        return switch (a.kind()) {
            case GRANT, PARTIAL_GRANT ->
                    a.kind()
                            + " "
                            + a.granted()
                            + " under "
                            + a.handlingCode().orElse("")
                            + " until "
                            + a.grantUntil().map(Instant::toString).orElse("")
                            + (a.text().isEmpty() ? "" : ": " + a.text());
            case DECLINE -> "declined: " + a.text();
            case QUESTION -> "question: " + a.text();
        };
    }
}
