package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

class CaseSharingOverGrpcTest extends RunningCaseService {

    private final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    private final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    private final CaseServiceBlockingStub vn = casesAs("VN", "vn-liaison", "liaison");

    private Case open(CaseServiceBlockingStub as, String title) {
        return as.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.ONLINE_SCAM)
                                        .setSummary("s"))
                        .build());
    }

    private static Status statusOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void another_countrys_unshared_case_answers_exactly_like_one_that_never_existed() {
        Case krCase = open(kr, "Scam compound in Myawaddy");

        Status hidden =
                statusOf(
                        () ->
                                th.getCase(
                                        GetCaseRequest.newBuilder().setId(krCase.getId()).build()));
        Status missing =
                statusOf(
                        () ->
                                th.getCase(
                                        GetCaseRequest.newBuilder()
                                                .setId(UUID.randomUUID().toString())
                                                .build()));

        assertThat(hidden.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(hidden.getCode()).isEqualTo(missing.getCode());
        assertThat(hidden.getDescription()).isEqualTo(missing.getDescription());
        assertThat(allVisibleTo(th)).extracting(Case::getId).doesNotContain(krCase.getId());
    }

    @Test
    void a_partner_cannot_share_or_revoke_what_it_cannot_see_and_learns_nothing() {
        Case krCase = open(kr, "Money mule network");
        Status share =
                statusOf(
                        () ->
                                th.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .setCountry("VN")
                                                .setHandlingCode(HandlingCode.H0)
                                                .build()));
        Status revoke =
                statusOf(
                        () ->
                                th.revokeShare(
                                        RevokeShareRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .setCountry("TH")
                                                .build()));

        assertThat(share.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(revoke.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(
                        kr.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build())
                                .getSharesList())
                .isEmpty();
    }

    @Test
    void sharing_makes_the_case_visible_with_its_handling_code_and_revoking_hides_it_again() {
        Case krCase = open(kr, "Romance scam ring");
        GetCaseRequest get = GetCaseRequest.newBuilder().setId(krCase.getId()).build();

        Case shared =
                kr.shareCase(
                        ShareCaseRequest.newBuilder()
                                .setId(krCase.getId())
                                .setCountry("TH")
                                .setHandlingCode(HandlingCode.H2)
                                .setEtag(krCase.getEtag())
                                .build());
        assertThat(shared.getSharesList())
                .extracting(s -> s.getCountry() + ":" + s.getHandlingCode())
                .containsExactly("TH:H2");
        assertThat(shared.getEtag()).isNotEqualTo(krCase.getEtag());

        Case seenByTh = th.getCase(get);
        assertThat(seenByTh.getTitle()).isEqualTo("Romance scam ring");
        assertThat(seenByTh.getHandlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(seenByTh.getOwnerCountry()).isEqualTo("KR");
        assertThat(allVisibleTo(th)).extracting(Case::getId).contains(krCase.getId());
        assertThat(statusOf(() -> vn.getCase(get)).getCode()).isEqualTo(Status.Code.NOT_FOUND);

        kr.revokeShare(
                RevokeShareRequest.newBuilder().setId(krCase.getId()).setCountry("TH").build());
        assertThat(statusOf(() -> th.getCase(get)).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(allVisibleTo(th)).extracting(Case::getId).doesNotContain(krCase.getId());
    }

    @Test
    void a_partner_sees_only_its_own_grant_and_may_not_pass_the_case_on_under_h2() {
        Case krCase = open(kr, "Crypto laundering route");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("VN")
                        .setHandlingCode(HandlingCode.H3)
                        .build());

        Case seenByTh = th.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build());
        assertThat(seenByTh.getSharesList()).extracting(s -> s.getCountry()).containsExactly("TH");

        Status onward =
                statusOf(
                        () ->
                                th.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .setCountry("PH")
                                                .setHandlingCode(HandlingCode.H0)
                                                .build()));
        assertThat(onward.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(
                        kr.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build())
                                .getSharesList())
                .extracting(s -> s.getCountry())
                .containsExactlyInAnyOrder("TH", "VN");
    }

    @Test
    void a_stale_etag_refuses_the_share_and_changes_nothing() {
        Case krCase = open(kr, "Voice phishing call centre");
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H0)
                        .build());

        Status stale =
                statusOf(
                        () ->
                                kr.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .setCountry("VN")
                                                .setHandlingCode(HandlingCode.H0)
                                                .setEtag(krCase.getEtag())
                                                .build()));
        assertThat(stale.getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(
                        kr.getCase(GetCaseRequest.newBuilder().setId(krCase.getId()).build())
                                .getSharesList())
                .extracting(s -> s.getCountry())
                .containsExactly("TH");
    }

    @Test
    void bad_input_names_every_field_and_changes_nothing() {
        int before = allVisibleTo(kr).size();
        StatusRuntimeException refused =
                catchStatus(
                        () ->
                                kr.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setTitle("")
                                                                .setCategoryValue(99))
                                                .setRequestId("bad id!")
                                                .build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fieldsIn(refused)).containsExactly("case.title", "case.category", "request_id");

        refused =
                catchStatus(
                        () ->
                                kr.createCase(
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setTitle("")
                                                                .setCategoryValue(99))
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("case.title", "case.category");

        Case krCase = open(kr, "Valid case");
        refused =
                catchStatus(
                        () ->
                                kr.shareCase(
                                        ShareCaseRequest.newBuilder()
                                                .setId(krCase.getId())
                                                .setCountry("ZZ")
                                                .build()));
        assertThat(fieldsIn(refused)).containsExactly("country", "handling_code");
        assertThat(
                        statusOf(
                                        () ->
                                                kr.listCases(
                                                        ListCasesRequest.newBuilder()
                                                                .setPageToken("garbage")
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(allVisibleTo(kr)).hasSize(before + 1);
    }

    @Test
    void a_retried_create_with_the_same_request_id_opens_one_case() {
        String requestId = "portal-" + UUID.randomUUID();
        CreateCaseRequest request =
                CreateCaseRequest.newBuilder()
                        .setRequestId(requestId)
                        .setCase(
                                Case.newBuilder()
                                        .setTitle("Retried")
                                        .setCategory(Case.Category.CYBERCRIME))
                        .build();
        Case first = kr.createCase(request);
        Case second = kr.createCase(request);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getReference()).isEqualTo(first.getReference());
        // The same key used by another country is its own key: no conflict reveals KR's case.
        Case thCase = th.createCase(request);
        assertThat(thCase.getId()).isNotEqualTo(first.getId());
        assertThat(thCase.getOwnerCountry()).isEqualTo("TH");
    }

    @Test
    void references_count_per_owner_and_year() {
        Case a = open(kr, "A");
        Case b = open(kr, "B");
        int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear();
        assertThat(a.getReference()).matches("KR-" + year + "-\\d{6}");
        long seqA = Long.parseLong(a.getReference().substring(8));
        assertThat(b.getReference()).isEqualTo("KR-%d-%06d".formatted(year, seqA + 1));
    }

    @Test
    void pages_walk_every_visible_case_once() {
        CaseServiceBlockingStub ph = casesAs("PH", "ph-investigator", "investigator");
        // Other classes sharing this service may own PH cases too: the walk must meet ours once
        // each, and only PH's.
        List<String> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            opened.add(open(ph, "PH case " + i).getId());
        }
        List<Case> all = new java.util.ArrayList<>();
        String token = "";
        do {
            ListCasesResponse page =
                    ph.listCases(
                            ListCasesRequest.newBuilder()
                                    .setPageSize(3)
                                    .setPageToken(token)
                                    .build());
            assertThat(page.getCasesCount()).isLessThanOrEqualTo(3);
            all.addAll(page.getCasesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertThat(all).extracting(Case::getId).doesNotHaveDuplicates().containsAll(opened);
        // Other classes may share cases with PH (directly or through a group): every case of
        // another country in the walk is one PH may read.
        assertThat(all)
                .filteredOn(c -> !c.getOwnerCountry().equals("PH"))
                .allSatisfy(
                        c ->
                                assertThat(
                                                ph.getCase(
                                                                GetCaseRequest.newBuilder()
                                                                        .setId(c.getId())
                                                                        .build())
                                                        .getId())
                                        .isEqualTo(c.getId()));
    }

    @Test
    void roles_decide_who_opens_and_who_shares() {
        CaseServiceBlockingStub analyst = casesAs("KR", "kr-analyst", "analyst");
        assertThat(statusOf(() -> open(analyst, "no")).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        Case krCase = open(kr, "Shared by liaison");
        CaseServiceBlockingStub liaison = casesAs("KR", "kr-liaison", "liaison");
        liaison.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(krCase.getId())
                        .setCountry("SG")
                        .setHandlingCode(HandlingCode.H0)
                        .build());
        assertThat(
                        statusOf(
                                        () ->
                                                analyst.shareCase(
                                                        ShareCaseRequest.newBuilder()
                                                                .setId(krCase.getId())
                                                                .setCountry("MY")
                                                                .setHandlingCode(HandlingCode.H0)
                                                                .build()))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void calls_without_a_valid_token_are_refused_before_any_work() {
        Supplier<GetCaseRequest> any =
                () -> GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
        assertThat(statusOf(() -> withToken("").getCase(any.get())).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> withToken("not.a.jwt").getCase(any.get())).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        String expired =
                TOKENS.sign(
                        TOKENS.claims("KR", "kr-investigator", List.of("investigator"))
                                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                                .build());
        assertThat(statusOf(() -> withToken(expired).getCase(any.get())).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        String unknownTenant = TOKENS.token("XX", "xx-investigator", "investigator");
        assertThat(statusOf(() -> withToken(unknownTenant).getCase(any.get())).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        String wrongAudience =
                TOKENS.sign(
                        TOKENS.claims("KR", "kr-investigator", List.of("investigator"))
                                .audience("account")
                                .build());
        assertThat(statusOf(() -> withToken(wrongAudience).getCase(any.get())).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void health_is_served_without_a_token() {
        HealthCheckResponse health =
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private static List<Case> allVisibleTo(CaseServiceBlockingStub as) {
        List<Case> all = new java.util.ArrayList<>();
        String token = "";
        do {
            ListCasesResponse page =
                    as.listCases(
                            ListCasesRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            all.addAll(page.getCasesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static List<String> fieldsIn(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(
                        d -> {
                            try {
                                return d.unpack(BadRequest.class).getFieldViolationsList().stream();
                            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                                throw new AssertionError(x);
                            }
                        })
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }
}
