package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.cases.v1.ListLeadsRequest;
import org.chainbreaker.cases.v1.ListLeadsResponse;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.ListPersonsResponse;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * Every country's views of cases, leads and the persons of a case (victim protection) compared with
 * the model: reads by id (NOT_FOUND with the text of an id that never existed for those who may not
 * see), the fields only some may see, first pages of listings.
 */
abstract class IsolationCaseViews extends IsolationViews {

    IsolationCaseViews(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void checkCase(CaseM c, String viewer, Face face) {
        if (c.tainted) {
            return;
        }
        channel(GETS);
        viewChecks.incrementAndGet();
        GetCaseRequest request = GetCaseRequest.newBuilder().setId(c.id).build();
        Outcome out = call(face, investigator(viewer), Faces.CASES, "GetCase", request);
        if (!c.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "GetCase",
                    GetCaseRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    c.id);
            return;
        }
        expectOk(
                out,
                viewer
                        + " reads case "
                        + c.id
                        + " of "
                        + c.owner
                        + " shared with "
                        + c.shares.keySet());
        Case seen = out.as(Case.parser());
        expect(seen.getOwnerCountry().equals(c.owner), "owner of " + c.id);
        Map<String, HandlingCode> shares = new TreeMap<>();
        for (CaseShare share : seen.getSharesList()) {
            shares.put(share.getCountry(), share.getHandlingCode());
        }
        boolean headerOnly = c.headerOnlyFor(viewer);
        expect(
                seen.getHeaderOnly() == headerOnly,
                viewer
                        + " sees case "
                        + c.id
                        + (seen.getHeaderOnly() ? " as a header" : " whole")
                        + ", the model: "
                        + (headerOnly ? "a header (assigned a lead)" : "whole"));
        if (viewer.equals(c.owner)) {
            expect(
                    shares.equals(new TreeMap<>(c.shares)),
                    "the owner "
                            + viewer
                            + " sees shares "
                            + shares
                            + " of "
                            + c.id
                            + ", the model "
                            + c.shares);
        } else if (headerOnly) {
            expect(
                    shares.isEmpty()
                            && seen.getSummary().isEmpty()
                            && seen.getHandlingCode() == HandlingCode.HANDLING_CODE_UNSPECIFIED,
                    viewer
                            + " sees more than the header of case "
                            + c.id
                            + " through an assigned lead: shares "
                            + shares
                            + ", summary '"
                            + seen.getSummary()
                            + "', handling code "
                            + seen.getHandlingCode());
        } else {
            expect(
                    shares.keySet().stream().allMatch(viewer::equals),
                    viewer
                            + " sees the shares of case "
                            + c.id
                            + " with other countries: "
                            + shares.keySet());
            expect(
                    seen.getHandlingCode() == c.shares.get(viewer),
                    viewer
                            + " sees handling code "
                            + seen.getHandlingCode()
                            + " on case "
                            + c.id
                            + ", granted "
                            + c.shares.get(viewer));
        }
    }

    void listCasesFirstPage(String viewer, Face face, int pageSize) {
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.CASES,
                        "ListCases",
                        ListCasesRequest.newBuilder().setPageSize(pageSize).build());
        trace(
                "ListCases by "
                        + viewer
                        + " size "
                        + pageSize
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(LISTS);
        expectOk(out, "ListCases by " + viewer);
        ListCasesResponse page = out.as(ListCasesResponse.parser());
        expect(
                page.getCasesCount() <= pageSize,
                "a page of " + pageSize + " has " + page.getCasesCount() + " cases");
        List<String> ids = new ArrayList<>();
        Instant oldest = null;
        for (Case c : page.getCasesList()) {
            ids.add(c.getId());
            CaseM m = allCases.get(c.getId());
            if (m != null && !m.tainted) {
                expect(
                        m.visibleTo(viewer),
                        viewer
                                + " lists case "
                                + m.id
                                + " of "
                                + m.owner
                                + " shared with "
                                + m.shares.keySet());
            }
            Instant t = instant(c.getCreateTime());
            expect(oldest == null || !t.isAfter(oldest), "ListCases is not newest first");
            oldest = t;
        }
        expect(new HashSet<>(ids).size() == ids.size(), "ListCases repeats a case");
        if (page.getNextPageToken().isEmpty()) {
            // The whole listing fitted: it holds every case the model lets this country see.
            Set<String> expected = visibleCases(viewer);
            expected.removeAll(ids);
            expect(
                    expected.isEmpty(),
                    viewer + " misses cases " + expected + " in a complete listing");
        }
    }

    void checkLead(LeadM l, String viewer, Face face) {
        channel(GETS);
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.CASES,
                        "GetLead",
                        GetLeadRequest.newBuilder().setCaseId(l.c.id).setId(l.id).build());
        if (!l.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "GetLead",
                    GetLeadRequest.newBuilder()
                            .setCaseId(UUID.randomUUID().toString())
                            .setId(UUID.randomUUID().toString())
                            .build(),
                    l.id);
            return;
        }
        expectOk(
                out,
                viewer + " reads lead " + l.id + " of " + l.c.owner + " assigned to " + l.assigned);
        Lead seen = out.as(Lead.parser());
        expect(
                seen.getOwnerCountry().equals(l.c.owner) && seen.getCaseId().equals(l.c.id),
                "owner or case of lead " + l.id);
        expect(
                seen.getStatus() == l.status,
                viewer + " sees lead status " + seen.getStatus() + ", the model " + l.status);
        if (viewer.equals(l.c.owner) || viewer.equals(l.assigned)) {
            expect(
                    seen.getAssignedCountry().equals(l.assigned == null ? "" : l.assigned),
                    viewer
                            + " sees the lead assigned to '"
                            + seen.getAssignedCountry()
                            + "', the model "
                            + l.assigned);
        }
    }

    void checkLeads(CaseM c, String viewer, Face face) {
        channel(LISTS);
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.CASES,
                        "ListLeads",
                        ListLeadsRequest.newBuilder().setCaseId(c.id).build());
        trace(
                "ListLeads "
                        + c.id
                        + " of "
                        + c.owner
                        + " by "
                        + viewer
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        if (!c.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "ListLeads",
                    ListLeadsRequest.newBuilder().setCaseId(UUID.randomUUID().toString()).build(),
                    c.id);
            return;
        }
        expectOk(out, "ListLeads by " + viewer);
        Set<String> seen = new HashSet<>();
        out.as(ListLeadsResponse.parser()).getLeadsList().forEach(lead -> seen.add(lead.getId()));
        boolean headerOnly = c.headerOnlyFor(viewer);
        Set<String> expected = new HashSet<>();
        c.leads.stream()
                .filter(l -> !headerOnly || viewer.equals(l.assigned))
                .forEach(l -> expected.add(l.id));
        expect(
                seen.equals(expected),
                viewer
                        + (headerOnly ? " (header only)" : "")
                        + " lists leads "
                        + seen
                        + " of case "
                        + c.id
                        + ", the model "
                        + expected);
    }

    /**
     * Victims are protected: a partner sees victims only under H0 or H1 and as investigator (not as
     * analyst), their contacts only where the owner disclosed them; a country seeing only the
     * header sees no one.
     */
    void checkPersons(CaseM c, String viewer, Face face, boolean asAnalyst) {
        channel(PERSONS);
        String user = viewer.toLowerCase() + (asAnalyst ? "-analyst" : "-investigator");
        Outcome out =
                call(
                        face,
                        RunningSuite.token(user),
                        Faces.CASES,
                        "ListPersons",
                        ListPersonsRequest.newBuilder().setCaseId(c.id).build());
        trace(
                "ListPersons "
                        + c.id
                        + " of "
                        + c.owner
                        + " by "
                        + user
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        if (!c.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "ListPersons",
                    ListPersonsRequest.newBuilder().setCaseId(UUID.randomUUID().toString()).build(),
                    c.id);
            return;
        }
        expectOk(out, "ListPersons by " + user);
        boolean owner = viewer.equals(c.owner);
        HandlingCode code = c.shares.get(viewer);
        boolean victimCode = code == HandlingCode.H0 || code == HandlingCode.H1;
        Map<String, String> expected = new HashMap<>();
        for (PersonM p : c.persons) {
            boolean victim = p.role() == org.chainbreaker.cases.v1.Person.Role.VICTIM;
            boolean entry = owner || (code != null && (!victim || (victimCode && !asAnalyst)));
            if (entry) {
                boolean contact =
                        owner || !victim || (victimCode && c.contactsDisclosed.contains(viewer));
                expected.put(p.id(), contact ? p.contact() : null);
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (org.chainbreaker.cases.v1.Person p :
                out.as(ListPersonsResponse.parser()).getPersonsList()) {
            expect(
                    !p.getContactWithheld() || p.getContact().isEmpty(),
                    user + " sees a withheld contact of " + p.getId());
            seen.put(p.getId(), p.getContactWithheld() ? null : p.getContact());
        }
        expect(
                seen.keySet().equals(expected.keySet()),
                user
                        + " (share "
                        + code
                        + ") sees persons "
                        + seen.keySet()
                        + " of case "
                        + c.id
                        + " of "
                        + c.owner
                        + ", the model "
                        + expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            expect(
                    Objects.equals(seen.get(e.getKey()), e.getValue()),
                    user
                            + " (share "
                            + code
                            + ", contacts "
                            + (c.contactsDisclosed.contains(viewer) ? "disclosed" : "not disclosed")
                            + ") sees contact '"
                            + seen.get(e.getKey())
                            + "' of person "
                            + e.getKey()
                            + ", the model '"
                            + e.getValue()
                            + "'");
        }
    }
}
