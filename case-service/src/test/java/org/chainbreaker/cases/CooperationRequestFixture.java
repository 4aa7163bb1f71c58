package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.code;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAnswer;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CreateCooperationRequestRequest;
import org.chainbreaker.common.v1.GetCooperationRequestRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.platform.requests.app.EscalationTimer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of cooperation requests about cases share: the countries' stubs, a KR case TH hit
 * by an identifier, and the requests and answers they exchange.
 */
abstract class CooperationRequestFixture extends RunningCaseService {

    @Autowired EscalationTimer escalation;

    final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    final CaseServiceBlockingStub interpol =
            casesAs("INTERPOL", "interpol-coordinator", "coordinator", "liaison");

    /**
     * A KR case holding a fresh phone number, and TH's identifier check that hits it ("ask KR about
     * ...").
     */
    Case krCaseHitByTh() {
        return krCaseHitBy(kr, th);
    }

    static Case krCaseHitBy(CaseServiceBlockingStub kr, CaseServiceBlockingStub th) {
        // 010-6000-0000 to 010-9999-9999: every one a valid Korean mobile (010-59xx is not).
        String phone = "+82 10 " + (6000_0000 + (long) (Math.random() * 3_999_9999L));
        Case c =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Investment fraud ring")
                                                .setCategory(Case.Category.INVESTMENT_FRAUD))
                                .build());
        kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(phone))
                        .build());
        var match =
                th.matchIdentifier(
                        MatchIdentifierRequest.newBuilder()
                                .setIdentifier(
                                        Identifier.newBuilder()
                                                .setKind(Identifier.Kind.PHONE_NUMBER)
                                                .setValue(phone))
                                .setPurpose("victim report in Bangkok")
                                .build());
        assertThat(match.getHitsList())
                .singleElement()
                .satisfies(
                        h -> {
                            assertThat(h.getOwnerCountry()).isEqualTo("KR");
                            assertThat(h.getReference()).isEqualTo(c.getReference());
                        });
        return c;
    }

    static CooperationRequest.Builder ask(String owner, String reference, Urgency urgency) {
        return CooperationRequest.newBuilder()
                .setOwnerCountry(owner)
                .setReference(reference)
                .setPurpose("the same phone defrauded 14 victims in Bangkok")
                .setLegalBasis("ASEAN MLAT 2004 art. 1")
                .setUrgency(urgency)
                .addAsks(CooperationAsk.INFORMATION);
    }

    static CreateCooperationRequestRequest create(CooperationRequest.Builder request) {
        return CreateCooperationRequestRequest.newBuilder().setRequest(request).build();
    }

    static Timestamp in(Duration d) {
        Instant t = Instant.now().plus(d);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static GetCooperationRequestRequest get(CooperationRequest r) {
        return GetCooperationRequestRequest.newBuilder().setId(r.getId()).build();
    }

    static AnswerCooperationRequestRequest grant(
            CooperationRequest r, HandlingCode code, Duration lasting) {
        return AnswerCooperationRequestRequest.newBuilder()
                .setId(r.getId())
                .setAnswer(
                        CooperationAnswer.newBuilder()
                                .setKind(AnswerKind.GRANT)
                                .setHandlingCode(code)
                                .setGrantUntil(in(lasting)))
                .build();
    }

    static List<String> idsListed(CaseServiceBlockingStub as) {
        return as
                .listCaseCooperationRequests(
                        ListCooperationRequestsRequest.newBuilder().setPageSize(200).build())
                .getRequestsList()
                .stream()
                .map(CooperationRequest::getId)
                .toList();
    }
}
