package org.chainbreaker.platform.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequestStatus;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsResponse;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.Etags;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.requests.Answer;
import org.chainbreaker.platform.requests.AnswerKind;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.CooperationRequest;
import org.chainbreaker.platform.requests.NewCooperationRequest;
import org.chainbreaker.platform.requests.Subject;
import org.chainbreaker.platform.requests.Urgency;

/**
 * Cooperation requests as contract messages, the same in every service (translation only; rules in
 * the domain).
 */
public final class CooperationMessages {

    private CooperationMessages() {}

    public static NewCooperationRequest draft(
            org.chainbreaker.common.v1.CreateCooperationRequestRequest request,
            String subjectKind) {
        var r = request.getRequest();
        FieldChecks checks = new FieldChecks();
        Set<Ask> asks = asks(r.getAsksList(), "asks", checks);
        String kind = subjectKind(r.getSubjectKind(), subjectKind);
        checks.require(
                kind != null,
                "subject_kind",
                "must be one of "
                        + Arrays.toString(CooperationSubjectKind.values())
                        + " or unset for the service's main record");
        checks.throwIfAny();
        return new NewCooperationRequest(
                r.getOwnerCountry(),
                new Subject(kind, r.getReference()),
                r.getPurpose(),
                r.getLegalBasis(),
                urgency(r.getUrgency()),
                asks,
                Optional.of(r.getThirdCountry()),
                r.hasDeadline() ? Optional.of(instant(r.getDeadline())) : Optional.empty(),
                request.getRequestId());
    }

    public static Answer answer(CooperationAnswer a) {
        FieldChecks checks = new FieldChecks();
        Set<Ask> granted = asks(a.getGrantedList(), "answer.granted", checks);
        AnswerKind kind =
                switch (a.getKind()) {
                    case GRANT -> AnswerKind.GRANT;
                    case PARTIAL_GRANT -> AnswerKind.PARTIAL_GRANT;
                    case DECLINE -> AnswerKind.DECLINE;
                    case QUESTION -> AnswerKind.QUESTION;
                    default -> null;
                };
        checks.throwIfAny();
        Optional<String> code =
                a.getHandlingCode() == HandlingCode.HANDLING_CODE_UNSPECIFIED
                                || a.getHandlingCode() == HandlingCode.UNRECOGNIZED
                        ? Optional.empty()
                        : Optional.of(a.getHandlingCode().name());
        return new Answer(
                kind,
                a.getText(),
                code,
                a.hasGrantUntil() ? Optional.of(instant(a.getGrantUntil())) : Optional.empty(),
                granted);
    }

    public static org.chainbreaker.common.v1.CooperationRequest toMessage(CooperationRequest r) {
        var m =
                org.chainbreaker.common.v1.CooperationRequest.newBuilder()
                        .setId(r.id().toString())
                        .setRequesterCountry(r.requester())
                        .setOwnerCountry(r.owner())
                        .setReference(r.subject().reference())
                        .setPurpose(r.purpose())
                        .setLegalBasis(r.legalBasis())
                        .setUrgency(org.chainbreaker.common.v1.Urgency.valueOf(r.urgency().name()))
                        .setThirdCountry(r.thirdCountry().orElse(""))
                        .setDeadline(timestamp(r.deadline()))
                        .setStatus(CooperationRequestStatus.valueOf(r.status().name()))
                        .setAskTime(timestamp(r.askTime()))
                        .setReply(r.reply())
                        .setEtag(Etags.of(r.id(), r.version()))
                        .setSubjectKind(subjectKind(r.subject().kind()));
        r.asks().stream().sorted().forEach(a -> m.addAsks(CooperationAsk.valueOf(a.name())));
        r.escalateTime().ifPresent(t -> m.setEscalateTime(timestamp(t)));
        r.answer()
                .ifPresent(
                        a -> {
                            var am =
                                    CooperationAnswer.newBuilder()
                                            .setKind(
                                                    org.chainbreaker.common.v1.AnswerKind.valueOf(
                                                            a.kind().name()))
                                            .setText(a.text());
                            a.handlingCode()
                                    .ifPresent(c -> am.setHandlingCode(HandlingCode.valueOf(c)));
                            a.grantUntil().ifPresent(t -> am.setGrantUntil(timestamp(t)));
                            a.granted().stream()
                                    .sorted()
                                    .forEach(g -> am.addGranted(CooperationAsk.valueOf(g.name())));
                            r.answerTime().ifPresent(t -> am.setAnswerTime(timestamp(t)));
                            m.setAnswer(am);
                        });
        return m.build();
    }

    public static ListCooperationRequestsResponse toMessage(Page<CooperationRequest> page) {
        var m = ListCooperationRequestsResponse.newBuilder();
        page.items().forEach(r -> m.addRequests(toMessage(r)));
        m.setNextPageToken(page.nextToken());
        return m.build();
    }

    /**
     * The stored kind named by the contract's kind (unset: the service's main record); null for an
     * undefined value.
     */
    static String subjectKind(CooperationSubjectKind given, String serviceDefault) {
        return switch (given) {
            case COOPERATION_SUBJECT_KIND_UNSPECIFIED -> serviceDefault;
            case SUBJECT_CASE -> "case";
            case SUBJECT_NOTICE -> "notice";
            case SUBJECT_SCAM_CENTRE -> "scam_centre";
            case SUBJECT_LEAD -> "lead";
            case UNRECOGNIZED -> null;
        };
    }

    static CooperationSubjectKind subjectKind(String stored) {
        return switch (stored) {
            case "case" -> CooperationSubjectKind.SUBJECT_CASE;
            case "notice" -> CooperationSubjectKind.SUBJECT_NOTICE;
            case "scam_centre" -> CooperationSubjectKind.SUBJECT_SCAM_CENTRE;
            case "lead" -> CooperationSubjectKind.SUBJECT_LEAD;
            default -> CooperationSubjectKind.COOPERATION_SUBJECT_KIND_UNSPECIFIED;
        };
    }

    private static Urgency urgency(org.chainbreaker.common.v1.Urgency u) {
        return switch (u) {
            case ROUTINE -> Urgency.ROUTINE;
            case URGENT -> Urgency.URGENT;
            case IMMEDIATE -> Urgency.IMMEDIATE;
            default -> null;
        };
    }

    private static Set<Ask> asks(List<CooperationAsk> given, String field, FieldChecks checks) {
        Set<Ask> asks = new LinkedHashSet<>();
        for (CooperationAsk a : given) {
            boolean known =
                    a != CooperationAsk.COOPERATION_ASK_UNSPECIFIED
                            && a != CooperationAsk.UNRECOGNIZED;
            checks.require(known, field, "each must be one of " + Arrays.toString(Ask.values()));
            if (known) {
                asks.add(Ask.valueOf(a.name()));
            }
        }
        return asks;
    }

    static Instant instant(Timestamp timestamp) {
        long seconds =
                Math.max(-62_135_596_800L, Math.min(253_402_300_799L, timestamp.getSeconds()));
        return Instant.ofEpochSecond(
                seconds, Math.max(0, Math.min(999_999_999, timestamp.getNanos())));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
