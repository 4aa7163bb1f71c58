package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ShareCaseWithOperationRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.BreakingTheChainsDemo;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.Operation;
import org.junit.jupiter.api.Test;

/**
 * The case-service working with the rest of the suite: a case shared with the members of an
 * operation the fugitive-service holds (read with the caller's token), and the "Breaking the
 * Chains" demo data loaded through the gateway with each country's token, twice, creating
 * everything once.
 */
class BreakingTheChainsEndToEndTest {

    private static Channel gateway() {
        return RunningSuite.gatewayGrpc();
    }

    private static Metadata bearer(String user) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + RunningSuite.token(user));
        return headers;
    }

    private static CaseServiceGrpc.CaseServiceBlockingStub cases(String user) {
        return CaseServiceGrpc.newBlockingStub(gateway())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(user)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Test
    void a_case_shared_with_an_operation_reaches_every_participant_until_the_operation_ends() {
        Instant end = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Operation operation =
                FugitiveServiceGrpc.newBlockingStub(gateway())
                        .withInterceptors(
                                MetadataUtils.newAttachHeadersInterceptor(
                                        bearer("interpol-liaison")))
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .createOperation(
                                CreateOperationRequest.newBuilder()
                                        .setOperation(
                                                Operation.newBuilder()
                                                        .setName(
                                                                "INFRA-SEAF case sharing "
                                                                        + end.getEpochSecond())
                                                        .addParticipants("KR")
                                                        .addParticipants("TH")
                                                        .addParticipants("VN")
                                                        .setStartTime(
                                                                Timestamp.newBuilder()
                                                                        .setSeconds(
                                                                                Instant.now()
                                                                                        .minusSeconds(
                                                                                                60)
                                                                                        .getEpochSecond()))
                                                        .setEndTime(
                                                                Timestamp.newBuilder()
                                                                        .setSeconds(
                                                                                end
                                                                                        .getEpochSecond())))
                                        .build());
        var kr = cases("kr-investigator");
        Case c =
                kr.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Fugitive's laundering network")
                                                .setCategory(Case.Category.MONEY_LAUNDERING))
                                .build());

        Case shared =
                kr.shareCaseWithOperation(
                        ShareCaseWithOperationRequest.newBuilder()
                                .setId(c.getId())
                                .setOperationId(operation.getId())
                                .setHandlingCode(HandlingCode.H1)
                                .setEtag(c.getEtag())
                                .build());

        assertThat(shared.getSharesList())
                .extracting(CaseShare::getCountry)
                .containsExactlyInAnyOrder("INTERPOL", "TH", "VN");
        assertThat(shared.getSharesList())
                .allSatisfy(
                        s -> {
                            assertThat(s.getOperationId()).isEqualTo(operation.getId());
                            assertThat(s.getOperationName()).isEqualTo(operation.getName());
                            assertThat(s.getExpireTime().getSeconds())
                                    .isEqualTo(end.getEpochSecond());
                            assertThat(s.getHandlingCode()).isEqualTo(HandlingCode.H1);
                        });
        GetCaseRequest get = GetCaseRequest.newBuilder().setId(c.getId()).build();
        assertThat(cases("vn-investigator").getCase(get).getHandlingCode())
                .isEqualTo(HandlingCode.H1);
        assertThat(cases("th-investigator").getCase(get).getId()).isEqualTo(c.getId());
        try {
            cases("ph-investigator").getCase(get);
            throw new AssertionError("PH takes no part in the operation and must not see the case");
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
        }
    }

    @Test
    void the_demo_data_loads_through_the_gateway_and_loading_it_again_changes_nothing() {
        BreakingTheChainsDemo demo = new BreakingTheChainsDemo(gateway(), RunningSuite::token);
        BreakingTheChainsDemo.Summary first = demo.load();
        assertThat(first.cases()).isEqualTo(BreakingTheChainsDemo.CASES);
        assertThat(first.leads()).isEqualTo(BreakingTheChainsDemo.LEADS);
        Map<String, Case> before = demoCases();

        BreakingTheChainsDemo.Summary again = demo.load();
        assertThat(again.changes()).isZero();
        Map<String, Case> after = demoCases();

        assertThat(after).hasSize(BreakingTheChainsDemo.CASES);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((id, c) -> assertThat(c.getEtag()).isEqualTo(before.get(id).getEtag()));
        assertThat(
                        after.values().stream()
                                .filter(c -> c.getStatus() == Case.Status.EVIDENCE_SUFFICIENT)
                                .count())
                .isEqualTo(BreakingTheChainsDemo.EVIDENCE_SUFFICIENT);
        assertThat(after.values().stream().map(Case::getOwnerCountry).distinct())
                .containsExactlyInAnyOrderElementsOf(BreakingTheChainsDemo.COUNTRIES);
        int leads = 0;
        for (Case c : after.values()) {
            leads +=
                    cases(c.getOwnerCountry().toLowerCase() + "-investigator")
                            .listLeads(ListLeadsRequest.newBuilder().setCaseId(c.getId()).build())
                            .getLeadsCount();
            assertThat(c.getSharesList()).hasSize(2);
        }
        assertThat(leads).isEqualTo(BreakingTheChainsDemo.LEADS);
    }

    /** The demo cases, as each owner lists its own: by id. */
    private static Map<String, Case> demoCases() {
        Map<String, Case> found = new HashMap<>();
        for (String country : BreakingTheChainsDemo.COUNTRIES) {
            var as = cases(country.toLowerCase() + "-investigator");
            List<Case> all = new ArrayList<>();
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
            all.stream()
                    .filter(c -> c.getOwnerCountry().equals(country))
                    .filter(c -> c.getOperationTagsList().contains(BreakingTheChainsDemo.TAG))
                    .forEach(c -> found.put(c.getId(), c));
        }
        return found;
    }
}
