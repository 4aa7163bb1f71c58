package org.chainbreaker.cases.api;

import java.util.UUID;
import org.chainbreaker.cases.app.CaseRegistry;
import org.chainbreaker.cases.app.LeadRegistry;
import org.chainbreaker.cases.app.PersonRegistry;
import org.chainbreaker.cases.domain.CaseRecordId;
import org.chainbreaker.cases.domain.NewLead;
import org.chainbreaker.cases.domain.NewPerson;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.SetLeadStatusRequest;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/** The lead and person RPCs of the case-service, translated (the endpoint delegates here). */
final class LeadCalls {

    private final LeadRegistry leads;
    private final PersonRegistry persons;

    LeadCalls(LeadRegistry leads, PersonRegistry persons) {
        this.leads = leads;
        this.persons = persons;
    }

    Lead createLead(CreateLeadRequest request) {
        Caller caller = CallerContext.current();
        UUID caseId = CaseRegistry.caseId("case_id", request.getCaseId());
        var draft = request.getLead();
        NewLead lead =
                NewLead.of(
                        CaseMessages.leadKind(draft.getKind()),
                        draft.getValue(),
                        draft.getDescription(),
                        request.getRequestId());
        return CaseMessages.toMessage(leads.create(caller, caseId, lead));
    }

    Lead getLead(GetLeadRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                leads.get(
                        caller,
                        CaseRegistry.caseId("case_id", request.getCaseId()),
                        LeadRegistry.leadId(request.getId())));
    }

    ListLeadsResponse listLeads(ListLeadsRequest request) {
        Caller caller = CallerContext.current();
        var message = ListLeadsResponse.newBuilder();
        leads.list(caller, CaseRegistry.caseId("case_id", request.getCaseId()))
                .forEach(l -> message.addLeads(CaseMessages.toMessage(l)));
        return message.build();
    }

    Lead assignLead(AssignLeadRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                leads.assign(
                        caller,
                        new CaseRecordId(
                                CaseRegistry.caseId("case_id", request.getCaseId()),
                                LeadRegistry.leadId(request.getId())),
                        request.getCountry(),
                        CaseMessages.handlingCode(request.getHandlingCode()),
                        request.getEtag()));
    }

    Lead setLeadStatus(SetLeadStatusRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                leads.setStatus(
                        caller,
                        CaseRegistry.caseId("case_id", request.getCaseId()),
                        LeadRegistry.leadId(request.getId()),
                        CaseMessages.leadStatus(request.getStatus()),
                        request.getEtag()));
    }

    Lead addLeadFinding(AddLeadFindingRequest request) {
        Caller caller = CallerContext.current();
        return CaseMessages.toMessage(
                leads.addFinding(
                        caller,
                        CaseRegistry.caseId("case_id", request.getCaseId()),
                        LeadRegistry.leadId(request.getId()),
                        request.getText()));
    }

    Person addPerson(AddPersonRequest request) {
        Caller caller = CallerContext.current();
        UUID caseId = CaseRegistry.caseId("case_id", request.getCaseId());
        var draft = request.getPerson();
        NewPerson person =
                NewPerson.of(
                        CaseMessages.personRole(draft.getRole()),
                        draft.getFullName(),
                        draft.getNationality(),
                        draft.getBirthYear(),
                        draft.getDescription(),
                        draft.getContact(),
                        java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        return CaseMessages.toMessage(persons.add(caller, caseId, person));
    }

    ListPersonsResponse listPersons(ListPersonsRequest request) {
        Caller caller = CallerContext.current();
        var message = ListPersonsResponse.newBuilder();
        persons.list(caller, CaseRegistry.caseId("case_id", request.getCaseId()))
                .forEach(p -> message.addPersons(CaseMessages.toMessage(p)));
        return message.build();
    }
}
