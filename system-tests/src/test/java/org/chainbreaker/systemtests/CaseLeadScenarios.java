package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.investigator;

import io.grpc.Status;
import java.util.List;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of leads: create, read, list, assign, status, findings. */
final class CaseLeadScenarios {

    private CaseLeadScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "CreateLead",
                on -> {
                    Fixture f = fixture(on);
                    Lead lead =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "CreateLead",
                                    CreateLeadRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setLead(
                                                    Lead.newBuilder()
                                                            .setKind(Lead.Kind.PHONE_NUMBER)
                                                            .setValue(thaiPhone()))
                                            .build(),
                                    Lead.parser());
                    assertThat(lead.getNormalizedValue()).startsWith("phone:+66");
                    assertThat(lead.getStatus()).isEqualTo(Lead.Status.NEW);
                    on.deniedTo(
                            READERS,
                            S,
                            "CreateLead",
                            CreateLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setLead(
                                            Lead.newBuilder()
                                                    .setKind(Lead.Kind.OTHER)
                                                    .setValue("planted"))
                                    .build());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "CreateLead",
                            id ->
                                    CreateLeadRequest.newBuilder()
                                            .setCaseId(id)
                                            .setLead(
                                                    Lead.newBuilder()
                                                            .setKind(Lead.Kind.OTHER)
                                                            .setValue("planted"))
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "CreateLead",
                            CreateLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setLead(
                                            Lead.newBuilder()
                                                    .setKind(Lead.Kind.PHONE_NUMBER)
                                                    .setValue("call me maybe"))
                                    .build(),
                            () -> leads(on, OWNER, f.id()),
                            "lead.value");
                });

        scenarios.add(
                S,
                "GetLead",
                on -> {
                    Fixture f = fixture(on);
                    assertThat(getLead(on, OWNER, f, f.unassigned()).getValue())
                            .isEqualTo(f.unassigned().getValue());
                    assertThat(getLead(on, PARTNER, f, f.unassigned()).getValue())
                            .isEqualTo(f.unassigned().getValue());
                    assertThat(getLead(on, ASSIGNEE, f, f.assigned()).getAssignedCountry())
                            .isEqualTo(ASSIGNEE);
                    // The assignee sees its lead only, not the others of the case.
                    on.hidden(
                            investigator(ASSIGNEE),
                            S,
                            "GetLead",
                            id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                            f.unassigned().getId());
                    for (String nobody : List.of(STRANGER, REVOKED)) {
                        on.hidden(
                                investigator(nobody),
                                S,
                                "GetLead",
                                id ->
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(f.id())
                                                .setId(id)
                                                .build(),
                                f.assigned().getId());
                        on.hidden(
                                investigator(nobody),
                                S,
                                "GetLead",
                                id ->
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(id)
                                                .setId(f.assigned().getId())
                                                .build(),
                                f.id());
                    }
                });

        scenarios.add(
                S,
                "ListLeads",
                on -> {
                    Fixture f = fixture(on);
                    List<String> all = List.of(f.assigned().getId(), f.unassigned().getId());
                    assertThat(leads(on, OWNER, f.id()))
                            .extracting(Lead::getId)
                            .containsExactlyElementsOf(all);
                    assertThat(leads(on, PARTNER, f.id()))
                            .extracting(Lead::getId)
                            .containsExactlyElementsOf(all);
                    assertThat(leads(on, ASSIGNEE, f.id()))
                            .extracting(Lead::getId)
                            .containsExactly(f.assigned().getId());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "ListLeads",
                            id -> ListLeadsRequest.newBuilder().setCaseId(id).build(),
                            f.id());
                });

        scenarios.add(
                S,
                "AssignLead",
                on -> {
                    Fixture f = fixture(on);
                    on.hidden(
                            investigator("KH"),
                            S,
                            "GetLead",
                            id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                            f.assigned().getId());
                    Lead moved = assign(on, f.id(), f.assigned().getId(), "KH");
                    assertThat(moved.getAssignedCountry()).isEqualTo("KH");
                    assertThat(getLead(on, "KH", f, f.assigned()).getId())
                            .isEqualTo(f.assigned().getId());
                    // Reassigned: LA's grant ends at once.
                    on.hidden(
                            investigator(ASSIGNEE),
                            S,
                            "GetLead",
                            id -> GetLeadRequest.newBuilder().setCaseId(f.id()).setId(id).build(),
                            f.assigned().getId());
                    on.hidden(
                            investigator(ASSIGNEE),
                            S,
                            "GetCase",
                            CaseServiceScenarios::get,
                            f.id());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "AssignLead",
                            AssignLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.unassigned().getId())
                                    .setCountry(PARTNER)
                                    .setHandlingCode(HandlingCode.H0)
                                    .build());
                    for (String nobody : List.of(STRANGER, REVOKED)) {
                        on.hidden(
                                investigator(nobody),
                                S,
                                "AssignLead",
                                id ->
                                        AssignLeadRequest.newBuilder()
                                                .setCaseId(f.id())
                                                .setId(id)
                                                .setCountry(nobody)
                                                .setHandlingCode(HandlingCode.H0)
                                                .build(),
                                f.unassigned().getId());
                    }
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "AssignLead",
                            AssignLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.unassigned().getId())
                                    .setCountry("ZZ")
                                    .build(),
                            () -> getLead(on, OWNER, f, f.unassigned()),
                            "country",
                            "handling_code");
                });

        scenarios.add(
                S,
                "SetLeadStatus",
                on -> {
                    Fixture f = fixture(on);
                    Lead working =
                            on.ok(
                                    investigator(ASSIGNEE),
                                    S,
                                    "SetLeadStatus",
                                    SetLeadStatusRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setId(f.assigned().getId())
                                            .setStatus(Lead.Status.IN_PROGRESS)
                                            .build(),
                                    Lead.parser());
                    assertThat(working.getStatus()).isEqualTo(Lead.Status.IN_PROGRESS);
                    on.ok(
                            investigator(OWNER),
                            S,
                            "SetLeadStatus",
                            SetLeadStatusRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.assigned().getId())
                                    .setStatus(Lead.Status.CONFIRMED)
                                    .build(),
                            Lead.parser());
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "SetLeadStatus",
                            SetLeadStatusRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.unassigned().getId())
                                    .setStatus(Lead.Status.DISMISSED)
                                    .build());
                    on.hidden(
                            investigator(ASSIGNEE),
                            S,
                            "SetLeadStatus",
                            id ->
                                    SetLeadStatusRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setId(id)
                                            .setStatus(Lead.Status.DISMISSED)
                                            .build(),
                            f.unassigned().getId());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "SetLeadStatus",
                            id ->
                                    SetLeadStatusRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setId(id)
                                            .setStatus(Lead.Status.DISMISSED)
                                            .build(),
                            f.assigned().getId());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "SetLeadStatus",
                            SetLeadStatusRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.unassigned().getId())
                                    .build(),
                            () -> getLead(on, OWNER, f, f.unassigned()),
                            "status");
                });

        scenarios.add(
                S,
                "AddLeadFinding",
                on -> {
                    Fixture f = fixture(on);
                    Lead found =
                            on.ok(
                                    investigator(ASSIGNEE),
                                    S,
                                    "AddLeadFinding",
                                    AddLeadFindingRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setId(f.assigned().getId())
                                            .setText("Handle registered from a Lao number")
                                            .build(),
                                    Lead.parser());
                    assertThat(found.getFindingsList())
                            .singleElement()
                            .satisfies(x -> assertThat(x.getCountry()).isEqualTo(ASSIGNEE));
                    on.refused(
                            Status.Code.PERMISSION_DENIED,
                            investigator(PARTNER),
                            S,
                            "AddLeadFinding",
                            AddLeadFindingRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.assigned().getId())
                                    .setText("mine too")
                                    .build());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "AddLeadFinding",
                            id ->
                                    AddLeadFindingRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setId(id)
                                            .setText("planted")
                                            .build(),
                            f.assigned().getId());
                    on.invalid(
                            investigator(ASSIGNEE),
                            S,
                            "AddLeadFinding",
                            AddLeadFindingRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setId(f.assigned().getId())
                                    .setText("")
                                    .build(),
                            () -> getLead(on, OWNER, f, f.assigned()),
                            "text");
                });
    }
}
