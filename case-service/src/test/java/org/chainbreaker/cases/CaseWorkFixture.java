package org.chainbreaker.cases;

import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;

/** KR's cases and leads as the case and lead work tests open them, and the partners they meet. */
abstract class CaseWorkFixture extends RunningCaseService {

    final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");
    final CaseServiceBlockingStub kh = casesAs("KH", "kh-investigator", "investigator");

    Case open(String title) {
        return kr.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD)
                                        .setSummary("secret summary")
                                        .addOperationTags("breaking-the-chains"))
                        .build());
    }

    Lead lead(Case c, Lead.Kind kind, String value) {
        return kr.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setLead(
                                Lead.newBuilder()
                                        .setKind(kind)
                                        .setValue(value)
                                        .setDescription("from the victim"))
                        .build());
    }

    static GetCaseRequest get(Case c) {
        return GetCaseRequest.newBuilder().setId(c.getId()).build();
    }

    static List<Case> allVisibleTo(CaseServiceBlockingStub as) {
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
        return all;
    }
}
