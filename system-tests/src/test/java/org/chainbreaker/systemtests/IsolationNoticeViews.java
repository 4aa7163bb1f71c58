package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * Every country's views of wanted persons and operations compared with the model: reads by id,
 * sightings, first pages of listings, name searches and hit/no-hit identity checks.
 */
abstract class IsolationNoticeViews extends IsolationCaseViews {

    IsolationNoticeViews(int sequence, List<Step> steps) {
        super(sequence, steps);
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
        // Custody and who arrested: to whoever sees the notice; the arrest itself to the two
        // countries custody passes between.
        boolean arrestShown =
                w.arrestedBy != null && (viewer.equals(w.owner) || viewer.equals(w.arrestedBy));
        expect(
                seen.getCustody()
                                == (w.arrestedBy == null
                                        ? WantedPerson.Custody.AT_LARGE
                                        : WantedPerson.Custody.ARRESTED)
                        && seen.getArrestingCountry()
                                .equals(w.arrestedBy == null ? "" : w.arrestedBy)
                        && seen.hasArrest() == arrestShown,
                viewer
                        + " sees "
                        + w.id
                        + " "
                        + seen.getCustody()
                        + " by '"
                        + seen.getArrestingCountry()
                        + "'"
                        + (seen.hasArrest() ? " with the arrest" : "")
                        + ", the model: arrested by "
                        + w.arrestedBy
                        + (arrestShown ? ", the arrest shown" : ""));
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
}
