package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.chainbreaker.cases.v1.ListCasesRequest;
import org.chainbreaker.cases.v1.ListCasesResponse;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.fugitives.v1.ListWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.ListWantedPersonsResponse;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * The periodic reads over everything: each country's event streams read up to a beacon (every event
 * compared with the visibility of that moment) and full listings of every kind (counts compared
 * with the model).
 */
abstract class IsolationSweepViews extends IsolationRepatriationViews {

    IsolationSweepViews(int sequence, List<Step> steps) {
        super(sequence, steps);
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
}
