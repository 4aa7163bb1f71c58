package org.chainbreaker.cases;

import java.util.UUID;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.AssignTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.LinkScamCentreCaseRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;

/**
 * The rows {@link DatabaseAttackTest} attacks, made through the service as its users would: by PH
 * (owner) and ID (partner, assignee, reporter, checker).
 */
final class DatabaseAttackSeed {

    /** PH's case and scam centre that ID does not see, and the group PH shared a centre with. */
    record Seeded(Case phCase, ScamCentre phCentre, String group) {}

    private DatabaseAttackSeed() {}

    static Seeded seed() {
        CaseServiceGrpc.CaseServiceBlockingStub ph =
                RunningCaseService.casesAs("PH", "ph-investigator", "investigator");
        CaseServiceGrpc.CaseServiceBlockingStub id =
                RunningCaseService.casesAs("ID", "id-investigator", "investigator");
        String phone = "+63 917 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        Case shared =
                ph.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Seeded, shared")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        Case hidden =
                ph.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Seeded, hidden")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        ph.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(shared.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H0)
                        .setDiscloseVictimContacts(true)
                        .build());
        for (Person.Role role : new Person.Role[] {Person.Role.VICTIM, Person.Role.SUSPECT}) {
            ph.addPerson(
                    AddPersonRequest.newBuilder()
                            .setCaseId(shared.getId())
                            .setPerson(
                                    Person.newBuilder()
                                            .setRole(role)
                                            .setFullName("Seeded " + role)
                                            .setContact("contact of " + role))
                            .build());
        }
        Lead lead =
                ph.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(shared.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.PHONE_NUMBER)
                                                .setValue(phone))
                                .build());
        ph.createLead(
                CreateLeadRequest.newBuilder()
                        .setCaseId(hidden.getId())
                        .setLead(Lead.newBuilder().setKind(Lead.Kind.PHONE_NUMBER).setValue(phone))
                        .build());
        ph.assignLead(
                AssignLeadRequest.newBuilder()
                        .setCaseId(shared.getId())
                        .setId(lead.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        id.addLeadFinding(
                AddLeadFindingRequest.newBuilder()
                        .setCaseId(shared.getId())
                        .setId(lead.getId())
                        .setText("Seeded finding")
                        .build());
        ScamCentre centre =
                ph.createScamCentre(
                        CreateScamCentreRequest.newBuilder()
                                .setScamCentre(
                                        ScamCentre.newBuilder()
                                                .setName("Seeded compound")
                                                .setLocation(
                                                        ScamCentre.Location.newBuilder()
                                                                .setCountry("MM")
                                                                .setProvince("Kayin State")
                                                                .setCity("Myawaddy")))
                                .build());
        ph.shareScamCentre(
                ShareScamCentreRequest.newBuilder()
                        .setId(centre.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        ph.linkScamCentreCase(
                LinkScamCentreCaseRequest.newBuilder()
                        .setId(centre.getId())
                        .setCaseId(shared.getId())
                        .build());
        TechnicalAnalysis analysis =
                ph.createTechnicalAnalysis(
                        CreateTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(hidden.getId())
                                .setTechnicalAnalysis(
                                        TechnicalAnalysis.newBuilder()
                                                .setKind(TechnicalAnalysis.Kind.MALWARE)
                                                .setTitle("Seeded analysis"))
                                .build());
        ph.assignTechnicalAnalysis(
                AssignTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(hidden.getId())
                        .setId(analysis.getId())
                        .setCountry("ID")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        id.registerScamReport(
                RegisterScamReportRequest.newBuilder()
                        .setRequestId("seed-" + UUID.randomUUID())
                        .setScamReport(
                                ScamReport.newBuilder()
                                        .setChannel(ScamReport.Channel.MESSAGING_APP)
                                        .setMethod(ScamReport.Method.INVESTMENT)
                                        .setNarrative("Seeded report")
                                        .addIdentifiers(
                                                Identifier.newBuilder()
                                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                                        .setValue(phone)))
                        .build());
        // A hit on the hidden case: its owner is told by an event of record type case_reference.
        id.matchIdentifier(
                MatchIdentifierRequest.newBuilder()
                        .setIdentifier(
                                Identifier.newBuilder()
                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                        .setValue(phone))
                        .setPurpose("seeded check")
                        .build());
        // A cooperation request of ID about the hidden case it hit.
        id.createCaseCooperationRequest(
                org.chainbreaker.common.v1.CreateCooperationRequestRequest.newBuilder()
                        .setRequest(
                                org.chainbreaker.common.v1.CooperationRequest.newBuilder()
                                        .setOwnerCountry("PH")
                                        .setReference(hidden.getReference())
                                        .setPurpose("seeded request")
                                        .setLegalBasis("seeded basis")
                                        .setUrgency(org.chainbreaker.common.v1.Urgency.ROUTINE)
                                        .addAsks(
                                                org.chainbreaker.common.v1.CooperationAsk
                                                        .INFORMATION))
                        .build());
        // A country group of PH and ID that PH shares a case and its centre with.
        var group =
                RunningCaseService.casesAs("INTERPOL", "interpol-liaison", "liaison", "coordinator")
                        .createCountryGroup(
                                org.chainbreaker.cases.v1.CreateCountryGroupRequest.newBuilder()
                                        .setGroup(
                                                org.chainbreaker.cases.v1.CountryGroup.newBuilder()
                                                        .setName("Seeded group")
                                                        .addMembers("PH")
                                                        .addMembers("ID"))
                                        .build());
        Case grouped =
                ph.createCase(
                        CreateCaseRequest.newBuilder()
                                .setCase(
                                        Case.newBuilder()
                                                .setTitle("Seeded, shared with a group")
                                                .setCategory(Case.Category.OTHER))
                                .build());
        ph.shareCaseWithGroup(
                org.chainbreaker.cases.v1.ShareCaseWithGroupRequest.newBuilder()
                        .setId(grouped.getId())
                        .setGroupId(group.getId())
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        ph.shareScamCentreWithGroup(
                org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest.newBuilder()
                        .setId(centre.getId())
                        .setGroupId(group.getId())
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        return new Seeded(hidden, centre, group.getId());
    }
}
