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
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityResponse;
import org.chainbreaker.fugitives.v1.GetOperationRequest;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.ListOperationsRequest;
import org.chainbreaker.fugitives.v1.ListOperationsResponse;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WantedPersonMatch;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The checker of one sequence: after each step, every country's views of the records it touched
 * (gets, listings, searches, identity checks, persons, event streams, full listings) compared with
 * the model.
 */
abstract class IsolationViews {

    final int sequence;
    final List<Step> steps;
    final List<CaseM> cases = new ArrayList<>();
    final List<WantedM> wanted = new ArrayList<>();
    final List<OpM> ops = new ArrayList<>();
    final List<LeadM> leads = new ArrayList<>();
    final List<RepM> reps = new ArrayList<>();
    final List<String> trace = new ArrayList<>();
    int index;

    IsolationViews(int sequence, List<Step> steps) {
        this.sequence = sequence;
        this.steps = steps;
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

    void checkWanted(WantedM w, String viewer, Face face) {
        if (w.tainted) {
            return;
        }
        channel(GETS);
        viewChecks.incrementAndGet();
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.FUGITIVES,
                        "GetWantedPerson",
                        GetWantedPersonRequest.newBuilder().setId(w.id).build());
        if (!w.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.FUGITIVES,
                    "GetWantedPerson",
                    GetWantedPersonRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    w.id);
            return;
        }
        expectOk(
                out,
                viewer + " reads wanted person " + w.id + " of " + w.owner + " (" + w.status + ")");
        WantedPerson seen = out.as(WantedPerson.parser());
        expect(
                seen.getOwnerCountry().equals(w.owner) && seen.getReference().equals(w.reference),
                "owner or reference of " + w.id);
        expect(
                seen.getNoticeStatus() == w.status,
                viewer
                        + " sees status "
                        + seen.getNoticeStatus()
                        + " of "
                        + w.id
                        + ", the model "
                        + w.status);
        if (!viewer.equals(w.owner)) {
            expect(
                    seen.getOperationIdsCount() == 0,
                    viewer + " sees the operations of a record of " + w.owner);
            if (seen.hasLastKnownLocation()) {
                Sighting last = seen.getLastKnownLocation();
                expect(
                        last.getCountry().equals(viewer)
                                || last.getReporterCountry().equals(viewer),
                        viewer
                                + " sees a last known location it may not see: "
                                + last.getCountry()
                                + " reported by "
                                + last.getReporterCountry());
            }
        }
    }

    void checkSightings(WantedM w, String viewer, Face face) {
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.FUGITIVES,
                        "ListSightings",
                        ListSightingsRequest.newBuilder().setWantedPersonId(w.id).build());
        trace("ListSightings " + w.id + " by " + viewer + " via " + face + " -> " + brief(out));
        channel(LISTS);
        if (w.tainted) {
            return;
        }
        if (!w.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.FUGITIVES,
                    "ListSightings",
                    ListSightingsRequest.newBuilder()
                            .setWantedPersonId(UUID.randomUUID().toString())
                            .build(),
                    w.id);
            return;
        }
        expectOk(out, "ListSightings by " + viewer);
        List<Sighting> seen = out.as(ListSightingsResponse.parser()).getSightingsList();
        long expected =
                w.sightings.stream()
                        .filter(
                                s ->
                                        viewer.equals(w.owner)
                                                || (s.grants() && s.country().equals(viewer))
                                                || s.reporter().equals(viewer))
                        .count();
        expect(
                seen.size() == expected,
                viewer
                        + " sees "
                        + seen.size()
                        + " sightings of "
                        + w.id
                        + ", the model "
                        + expected);
        for (Sighting s : seen) {
            expect(
                    viewer.equals(w.owner)
                            || s.getCountry().equals(viewer)
                            || s.getReporterCountry().equals(viewer),
                    viewer
                            + " sees a sighting in "
                            + s.getCountry()
                            + " reported by "
                            + s.getReporterCountry());
        }
    }

    void listWantedFirstPage(String viewer, Face face, int pageSize) {
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.FUGITIVES,
                        "ListWantedPersons",
                        ListWantedPersonsRequest.newBuilder().setPageSize(pageSize).build());
        trace(
                "ListWantedPersons by "
                        + viewer
                        + " size "
                        + pageSize
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(LISTS);
        expectOk(out, "ListWantedPersons by " + viewer);
        ListWantedPersonsResponse page = out.as(ListWantedPersonsResponse.parser());
        expect(
                page.getWantedPersonsCount() <= pageSize,
                "a page of " + pageSize + " has " + page.getWantedPersonsCount());
        List<String> ids = new ArrayList<>();
        for (WantedPerson p : page.getWantedPersonsList()) {
            ids.add(p.getId());
            WantedM m = allWanted.get(p.getId());
            if (m != null && !m.tainted) {
                expect(
                        m.visibleTo(viewer),
                        viewer
                                + " lists wanted person "
                                + m.id
                                + " of "
                                + m.owner
                                + " ("
                                + m.status
                                + ")");
                expect(
                        viewer.equals(m.owner) || p.getOperationIdsCount() == 0,
                        viewer + " sees operations of a listed record");
            }
        }
        expect(new HashSet<>(ids).size() == ids.size(), "ListWantedPersons repeats a record");
        if (page.getNextPageToken().isEmpty()) {
            Set<String> expected = visibleWanted(viewer);
            expected.removeAll(ids);
            expect(
                    expected.isEmpty(),
                    viewer + " misses wanted persons " + expected + " in a complete listing");
        }
    }

    void search(String viewer, Face face, WantedM target) {
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.FUGITIVES,
                        "SearchWantedPersons",
                        SearchWantedPersonsRequest.newBuilder()
                                .setName(target.name)
                                .setPageSize(100)
                                .build());
        trace(
                "SearchWantedPersons '"
                        + target.name
                        + "' by "
                        + viewer
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(SEARCHES);
        expectOk(out, "SearchWantedPersons by " + viewer);
        Set<String> found = new HashSet<>();
        for (WantedPersonMatch match :
                out.as(SearchWantedPersonsResponse.parser()).getMatchesList()) {
            found.add(match.getWantedPerson().getId());
            WantedM m = allWanted.get(match.getWantedPerson().getId());
            if (m != null && !m.tainted) {
                expect(
                        m.visibleTo(viewer),
                        viewer
                                + " finds wanted person "
                                + m.id
                                + " of "
                                + m.owner
                                + " ("
                                + m.status
                                + ") by name");
            }
        }
        if (!target.tainted) {
            expect(
                    found.contains(target.id) == target.visibleTo(viewer),
                    viewer
                            + " searching the exact name '"
                            + target.name
                            + "' "
                            + (found.contains(target.id) ? "finds" : "misses")
                            + " "
                            + target.id
                            + " of "
                            + target.owner
                            + " ("
                            + target.status
                            + ")");
        }
    }

    void checkIdentity(String viewer, Face face, WantedM target, boolean byName) {
        CheckIdentityRequest.Builder request =
                CheckIdentityRequest.newBuilder().setPurpose("border control (generated)");
        if (byName) {
            request.setName(target.name);
        } else {
            request.setDocumentNumber(target.document);
        }
        Outcome out =
                call(face, investigator(viewer), Faces.FUGITIVES, "CheckIdentity", request.build());
        trace(
                "CheckIdentity "
                        + (byName ? "name '" + target.name + "'" : "document " + target.document)
                        + " by "
                        + viewer
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(HITS);
        expectOk(out, "CheckIdentity by " + viewer);
        CheckIdentityResponse answer = out.as(CheckIdentityResponse.parser());
        expect(answer.getHit() == (answer.getHitsCount() > 0), "hit flag and hits disagree");
        // "Hit, ask country X about reference R" or "no hit": nothing else, on either face.
        if (out.face() == Face.REST) {
            Set<String> members = new HashSet<>();
            java.util.regex.Matcher m = JSON_MEMBER.matcher(out.text());
            while (m.find()) {
                members.add(m.group(1));
            }
            expect(
                    Set.of("hit", "hits", "ownerCountry", "reference").containsAll(members),
                    "an identity check answers more than hit and who to ask: " + out.text());
        } else {
            expect(
                    answer.getUnknownFields().asMap().isEmpty()
                            && answer.getHitsList().stream()
                                    .allMatch(h -> h.getUnknownFields().asMap().isEmpty()),
                    "an identity check answers unknown fields");
        }
        Set<String> references = new HashSet<>();
        for (IdentityHit hit : answer.getHitsList()) {
            references.add(hit.getReference());
            WantedM m = wantedByReference.get(hit.getReference());
            if (m != null && !m.tainted) {
                expect(
                        m.owner.equals(hit.getOwnerCountry()),
                        "a hit names " + hit.getOwnerCountry() + " as owner of " + m.reference);
                expect(
                        m.status == WantedPerson.NoticeStatus.PUBLISHED,
                        "an identity check hits a " + m.status + " notice " + m.reference);
            } else if (!byName && m == null) {
                throw new Violation(
                        "a document check for "
                                + target.document
                                + " hits "
                                + hit.getReference()
                                + " which does not carry it");
            }
            if (!byName && m != null) {
                expect(
                        m.document.equals(target.document),
                        "a document check for "
                                + target.document
                                + " hits "
                                + m.reference
                                + " which carries "
                                + m.document);
            }
        }
        if (!target.tainted) {
            boolean expected = target.status == WantedPerson.NoticeStatus.PUBLISHED;
            expect(
                    references.contains(target.reference) == expected,
                    "an identity check by "
                            + viewer
                            + " of "
                            + (byName ? "name" : "document")
                            + " of "
                            + target.reference
                            + " ("
                            + target.status
                            + ") "
                            + (expected ? "misses it" : "hits it"));
            if (!byName) {
                // A number recorded by several countries hits each published notice carrying it, no
                // more.
                Set<String> carriers = new HashSet<>();
                allWanted.values().stream()
                        .filter(
                                w ->
                                        w.document.equals(target.document)
                                                && w.status == WantedPerson.NoticeStatus.PUBLISHED)
                        .forEach(w -> carriers.add(w.reference));
                expect(
                        references.equals(carriers),
                        "a document check for "
                                + target.document
                                + " hits "
                                + references
                                + ", the model "
                                + carriers);
            }
        }
    }

    void checkOperation(OpM o, String viewer, Face face) {
        if (o.tainted) {
            return;
        }
        channel(GETS);
        viewChecks.incrementAndGet();
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.FUGITIVES,
                        "GetOperation",
                        GetOperationRequest.newBuilder().setId(o.id).build());
        if (!o.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.FUGITIVES,
                    "GetOperation",
                    GetOperationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    o.id);
            return;
        }
        expectOk(out, viewer + " reads operation " + o.id + " with " + o.participants);
        Operation seen = out.as(Operation.parser());
        expect(
                new HashSet<>(seen.getParticipantsList()).equals(o.participants),
                viewer
                        + " sees participants "
                        + seen.getParticipantsList()
                        + ", the model "
                        + o.participants);
    }

    void listOperations(String viewer, Face face) {
        channel(LISTS);
        List<String> ids = new ArrayList<>();
        String token = "";
        do {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.FUGITIVES,
                            "ListOperations",
                            ListOperationsRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, "ListOperations by " + viewer);
            ListOperationsResponse page = out.as(ListOperationsResponse.parser());
            page.getOperationsList().forEach(op -> ids.add(op.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        trace("ListOperations by " + viewer + " via " + face + " -> " + ids.size());
        compareListing(
                viewer,
                "operations",
                ids,
                allOps.values().stream()
                        .filter(o -> !o.tainted)
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        o -> o.id, o -> o.visibleTo(viewer))));
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

    /**
     * The two countries and coordinators see it all; transit countries without names and support
     * needs.
     */
    void checkRepatriation(RepM r, String viewer, Face face) {
        channel(GETS);
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.REPATRIATION,
                        "GetRepatriation",
                        GetRepatriationRequest.newBuilder().setId(r.id).build());
        if (!r.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.REPATRIATION,
                    "GetRepatriation",
                    GetRepatriationRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    r.id);
            return;
        }
        expectOk(
                out,
                viewer
                        + " reads repatriation "
                        + r.id
                        + " "
                        + r.sending
                        + "->"
                        + r.receiving
                        + " via "
                        + r.transit);
        Repatriation seen = out.as(Repatriation.parser());
        expect(
                seen.getStatus() == r.status
                        && seen.getOwnerCountry().equals(r.owner)
                        && seen.getSendingCountry().equals(r.sending)
                        && seen.getReceivingCountry().equals(r.receiving)
                        && new HashSet<>(seen.getTransitCountriesList()).equals(r.transit),
                viewer
                        + " sees repatriation "
                        + r.id
                        + " as "
                        + seen.getStatus()
                        + " "
                        + seen.getSendingCountry()
                        + "->"
                        + seen.getReceivingCountry()
                        + ", the model "
                        + r.status
                        + " "
                        + r.sending
                        + "->"
                        + r.receiving);
        boolean withheld = !r.party(viewer) && r.transit.contains(viewer);
        expect(
                seen.getLogistics().getPersonsCount() == 1,
                viewer + " sees " + seen.getLogistics().getPersonsCount() + " persons");
        org.chainbreaker.repatriation.v1.Person person = seen.getLogistics().getPersons(0);
        if (withheld) {
            expect(
                    person.getFullName().isEmpty()
                            && person.getSupportNeedsCount() == 0
                            && seen.getVictimGroup().getSupportNeedsCount() == 0,
                    "the transit country "
                            + viewer
                            + " sees the name or support needs of a person: "
                            + person);
        } else {
            expect(
                    person.getFullName().equals(r.personName)
                            && person.getSupportNeedsList().equals(List.of(r.supportNeed)),
                    viewer
                            + " sees the person as "
                            + person.getFullName()
                            + " "
                            + person.getSupportNeedsList());
        }
    }

    void listRepatriationsFirstPage(String viewer, Face face, int pageSize) {
        channel(LISTS);
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.REPATRIATION,
                        "ListRepatriations",
                        ListRepatriationsRequest.newBuilder().setPageSize(pageSize).build());
        trace(
                "ListRepatriations by "
                        + viewer
                        + " size "
                        + pageSize
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        expectOk(out, "ListRepatriations by " + viewer);
        ListRepatriationsResponse page = out.as(ListRepatriationsResponse.parser());
        expect(
                page.getRepatriationsCount() <= pageSize,
                "a page of " + pageSize + " has " + page.getRepatriationsCount());
        List<String> ids = new ArrayList<>();
        for (Repatriation r : page.getRepatriationsList()) {
            ids.add(r.getId());
            RepM m = allReps.get(r.getId());
            if (m != null) {
                expect(
                        m.visibleTo(viewer),
                        viewer
                                + " lists repatriation "
                                + m.id
                                + " "
                                + m.sending
                                + "->"
                                + m.receiving
                                + " via "
                                + m.transit);
                if (!m.party(viewer) && m.transit.contains(viewer)) {
                    expect(
                            r.getLogistics().getPersonsList().stream()
                                    .allMatch(p -> p.getFullName().isEmpty()),
                            "the transit country " + viewer + " lists a person's name");
                }
            }
        }
        expect(new HashSet<>(ids).size() == ids.size(), "ListRepatriations repeats a record");
        if (page.getNextPageToken().isEmpty()) {
            Set<String> expected = new HashSet<>();
            allReps.values().stream()
                    .filter(r -> r.visibleTo(viewer))
                    .forEach(r -> expected.add(r.id));
            expected.removeAll(ids);
            expect(
                    expected.isEmpty(),
                    viewer + " misses repatriations " + expected + " in a complete listing");
        }
    }

    List<String> listAllRepatriations(String viewer, Face face) {
        List<String> ids = new ArrayList<>();
        String token = "";
        do {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.REPATRIATION,
                            "ListRepatriations",
                            ListRepatriationsRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, "ListRepatriations by " + viewer);
            ListRepatriationsResponse page = out.as(ListRepatriationsResponse.parser());
            page.getRepatriationsList().forEach(r -> ids.add(r.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return ids;
    }

    /**
     * Reads the tenant's stream of one service from its last cursor up to a beacon provoked now.
     * Nothing else changes meanwhile, so each event was filtered by the service in the state the
     * model now describes: every event must be about a record the tenant may see now (a
     * cancellation: that it could see when cancelled).
     */
    void drain(String service, String tenant, Face face) {
        channel(EVENTS);
        Beacon beacon = beacon(service, tenant);
        String key = service + "/" + tenant;
        List<Event> events =
                EventStreamProbe.readUntilBeacon(
                        face,
                        service,
                        investigator(tenant),
                        cursors.getOrDefault(key, ""),
                        beacon.provoke(),
                        e -> e.getRecordId().equals(beacon.recordId()));
        cursors.put(key, events.getLast().getCursor());
        streamsRead.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
        trace(
                "WatchEvents "
                        + service.substring(service.lastIndexOf('.') + 1)
                        + " by "
                        + tenant
                        + " via "
                        + face
                        + " -> "
                        + events.size()
                        + " events");
        for (Event e : events) {
            eventsRead.computeIfAbsent(face.name(), k -> new AtomicLong()).incrementAndGet();
            checkEvent(tenant, e);
        }
    }

    void checkEvent(String tenant, Event e) {
        String id = e.getRecordId();
        String what =
                tenant
                        + "'s stream carries "
                        + e.getType()
                        + " of "
                        + e.getRecordType()
                        + " "
                        + id
                        + " of "
                        + e.getOwnerCountry();
        if (e.getType().endsWith(".access_ended")) {
            checkAccessEnded(tenant, e, what);
            return;
        }
        boolean known = true;
        switch (e.getRecordType()) {
            case "case" -> {
                CaseM c = allCases.get(id);
                known = c != null;
                if (known) {
                    expect(
                            c.visibleTo(tenant),
                            what
                                    + ", which it may not see (shared with "
                                    + c.shares.keySet()
                                    + ")");
                }
            }
            case "lead" -> {
                LeadM l = allLeads.get(id);
                known = l != null;
                if (known) {
                    expect(
                            l.visibleTo(tenant),
                            what + ", which it may not see (assigned to " + l.assigned + ")");
                }
            }
            case "wanted_person" -> {
                WantedM w = allWanted.get(id);
                known = w != null;
                if (known && e.getType().equals("wanted_person.cancelled")) {
                    expect(
                            w.owner.equals(tenant) || w.audienceAtCancel.contains(tenant),
                            what
                                    + ", a notice it could not see when it was cancelled (it could: "
                                    + w.audienceAtCancel
                                    + ")");
                } else if (known) {
                    expect(w.visibleTo(tenant), what + ", which it may not see (" + w.status + ")");
                }
            }
            case "operation" -> {
                OpM o = allOps.get(id);
                known = o != null;
                if (known) {
                    expect(
                            o.visibleTo(tenant),
                            what + ", which it may not see (participants " + o.participants + ")");
                }
            }
            case "repatriation" -> {
                RepM r = allReps.get(id);
                known = r != null;
                if (known) {
                    expect(r.visibleTo(tenant), what + ", which it may not see");
                }
            }
            // Hits of identifier and identity checks are told to the owner of what was hit, no one
            // else.
            case "cooperation_request" -> known = requestEventFor(tenant, id, what);
            case "scam_centre" -> known = centreEventFor(tenant, id, what);
            case "case_reference", "notice" ->
                    expect(
                            e.getOwnerCountry().equals(tenant),
                            what + ", a check of another country's record");
            default -> known = false;
        }
        if (known) {
            modelEvents.incrementAndGet();
        }
    }

    /** Checks an event of a request of the model; false if the model does not know it. */
    boolean requestEventFor(String tenant, String id, String what) {
        return false;
    }

    /** Checks an event of a scam centre of the model; false if the model does not know it. */
    boolean centreEventFor(String tenant, String id, String what) {
        return false;
    }

    /**
     * "Losing access is told": an access_ended event reaches only a country that lost the record (a
     * revoked share, removal from an operation, a cancelled notice it could see), never the owner
     * or anyone else.
     */
    private void checkAccessEnded(String tenant, Event e, String what) {
        String id = e.getRecordId();
        Boolean lost =
                switch (e.getRecordType()) {
                    case "case" ->
                            allCases.containsKey(id)
                                    ? allCases.get(id).accessEnded.contains(tenant)
                                    : null;
                    case "wanted_person" ->
                            allWanted.containsKey(id)
                                    ? allWanted.get(id).accessEnded.contains(tenant)
                                            || allWanted.get(id).audienceAtCancel.contains(tenant)
                                    : null;
                    case "operation" ->
                            allOps.containsKey(id)
                                    ? allOps.get(id).accessEnded.contains(tenant)
                                    : null;
                    case "scam_centre" ->
                            allCentres.containsKey(id)
                                    ? allCentres.get(id).accessEnded.contains(tenant)
                                    : null;
                    default -> false;
                };
        if (lost != null) {
            expect(
                    lost && !e.getOwnerCountry().equals(tenant),
                    what + ", but it never lost access to it");
            modelEvents.incrementAndGet();
        }
    }

    void drainEveryone(String service) {
        checkEveryone(t -> drain(service, t, faceFor(t)));
    }

    void fullListing(String viewer, Face face) {
        channel(COUNTS);
        List<String> caseIds = new ArrayList<>();
        String token = "";
        do {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.CASES,
                            "ListCases",
                            ListCasesRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, "ListCases by " + viewer);
            ListCasesResponse page = out.as(ListCasesResponse.parser());
            page.getCasesList().forEach(c -> caseIds.add(c.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        compareListing(
                viewer,
                "cases",
                caseIds,
                allCases.values().stream()
                        .filter(c -> !c.tainted)
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        c -> c.id, c -> c.visibleTo(viewer))));
        List<String> wantedIds = new ArrayList<>();
        token = "";
        do {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.FUGITIVES,
                            "ListWantedPersons",
                            ListWantedPersonsRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, "ListWantedPersons by " + viewer);
            ListWantedPersonsResponse page = out.as(ListWantedPersonsResponse.parser());
            page.getWantedPersonsList().forEach(w -> wantedIds.add(w.getId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        compareListing(
                viewer,
                "wanted persons",
                wantedIds,
                allWanted.values().stream()
                        .filter(w -> !w.tainted)
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        w -> w.id, w -> w.visibleTo(viewer))));
        List<String> repIds = listAllRepatriations(viewer, face);
        compareListing(
                viewer,
                "repatriations",
                repIds,
                allReps.values().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        r -> r.id, r -> r.visibleTo(viewer))));
        listOperations(viewer, face);
        channel(COUNTS);
        trace(
                "full listing by "
                        + viewer
                        + " via "
                        + face
                        + ": "
                        + caseIds.size()
                        + " cases, "
                        + wantedIds.size()
                        + " wanted persons");
    }

    /**
     * A complete listing holds every record the model lets the viewer see, each once, and none
     * other it knows.
     */
    void compareListing(
            String viewer, String what, List<String> listed, Map<String, Boolean> model) {
        expect(
                new HashSet<>(listed).size() == listed.size(),
                "the listing of " + what + " by " + viewer + " repeats records");
        Set<String> expected = new HashSet<>();
        model.forEach(
                (id, visible) -> {
                    if (visible) {
                        expected.add(id);
                    }
                });
        Set<String> known = new HashSet<>(listed);
        known.retainAll(model.keySet());
        Set<String> leaked = new HashSet<>(known);
        leaked.removeAll(expected);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(known);
        expect(leaked.isEmpty(), viewer + " lists " + what + " it may not see: " + leaked);
        expect(missing.isEmpty(), viewer + " misses " + what + " it may see: " + missing);
        expect(
                known.size() == expected.size(),
                "count of "
                        + what
                        + " listed by "
                        + viewer
                        + ": "
                        + known.size()
                        + ", the model "
                        + expected.size());
    }

    /**
     * Runs one view check per country in parallel (reads only, so the outcome does not depend on
     * the order).
     */
    void checkEveryone(java.util.function.Consumer<String> check) {
        List<Future<?>> futures = new ArrayList<>();
        for (String t : TENANTS) {
            futures.add(checkers.submit(() -> check.accept(t)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Violation v) {
                    throw v;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Face faceFor(String tenant) {
        return (index + TENANTS.indexOf(tenant)) % 2 == 0 ? Face.REST : Face.GRPC;
    }

    void trace(String line) {
        trace.add(index + ": " + line);
    }
}
