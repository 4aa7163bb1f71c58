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
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsResponse;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * Every country's views of repatriations compared with the model: reads by id (names and support
 * needs withheld from transit countries) and listings.
 */
abstract class IsolationRepatriationViews extends IsolationNoticeViews {

    IsolationRepatriationViews(int sequence, List<Step> steps) {
        super(sequence, steps);
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
        if (r.wantedPersonId != null) {
            checkArrestDraft(r, viewer, seen);
            return;
        }
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

    /**
     * A draft an arrest opened: a suspect transfer naming the wanted person, no persons yet, the
     * arrest on it for its two countries only.
     */
    private static void checkArrestDraft(RepM r, String viewer, Repatriation seen) {
        expect(
                seen.getKind() == Repatriation.Kind.SUSPECT_TRANSFER
                        && seen.getWantedPersonId().equals(r.wantedPersonId)
                        && seen.getLogistics().getPersonsCount() == 0,
                viewer
                        + " sees the draft of an arrest "
                        + r.id
                        + " as "
                        + seen.getKind()
                        + " of '"
                        + seen.getWantedPersonId()
                        + "' with "
                        + seen.getLogistics().getPersonsCount()
                        + " persons");
        expect(
                seen.hasArrest() == r.party(viewer),
                viewer
                        + (seen.hasArrest() ? " sees" : " does not see")
                        + " the arrest on the transfer "
                        + r.id
                        + " "
                        + r.sending
                        + "->"
                        + r.receiving);
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
        return allRepatriations(viewer, face).stream().map(Repatriation::getId).toList();
    }

    /** Every repatriation {@code viewer} lists, page by page. */
    List<Repatriation> allRepatriations(String viewer, Face face) {
        List<Repatriation> all = new ArrayList<>();
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
            all.addAll(page.getRepatriationsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }
}
