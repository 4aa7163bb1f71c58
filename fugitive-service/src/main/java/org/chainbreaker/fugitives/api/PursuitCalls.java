package org.chainbreaker.fugitives.api;

import static org.chainbreaker.fugitives.api.FugitiveMessages.wantedPersonId;

import java.util.UUID;
import org.chainbreaker.fugitives.app.FugitiveRegistry;
import org.chainbreaker.fugitives.app.SightingRegistry;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.NewSighting;
import org.chainbreaker.fugitives.v1.ListSightingsRequest;
import org.chainbreaker.fugitives.v1.ListSightingsResponse;
import org.chainbreaker.fugitives.v1.RecordArrestRequest;
import org.chainbreaker.fugitives.v1.RecordCustodyTransferRequest;
import org.chainbreaker.fugitives.v1.ReportSightingRequest;
import org.chainbreaker.fugitives.v1.Sighting;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WithdrawSightingAccessRequest;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.CallerContext;

/**
 * The FugitiveService contract over gRPC: translates messages to use cases and back. Errors map in
 * StatusMapping.
 */

/**
 * The RPCs that follow a wanted person in the field (sightings, the arrest, a custody transfer),
 * translated; the endpoint delegates here.
 */
final class PursuitCalls {

    private final FugitiveRegistry registry;
    private final SightingRegistry sightings;

    PursuitCalls(FugitiveRegistry registry, SightingRegistry sightings) {
        this.registry = registry;
        this.sightings = sightings;
    }

    Sighting reportSighting(ReportSightingRequest request) {
        Caller caller = CallerContext.current();
        var s = request.getSighting();
        var reported =
                sightings.reportSighting(
                        caller,
                        wantedPersonId("wanted_person_id", request.getWantedPersonId()),
                        new NewSighting.Report(
                                s.getCountry(),
                                s.getPlace(),
                                FugitiveMessages.instant(s.hasSeenTime(), s.getSeenTime()),
                                FugitiveMessages.confidence(s.getConfidence()),
                                s.getSource()));
        return FugitiveMessages.toMessage(reported);
    }

    Sighting withdrawSightingAccess(WithdrawSightingAccessRequest request) {
        UUID wantedPerson = wantedPersonId("wanted_person_id", request.getWantedPersonId());
        UUID sighting =
                RecordIds.parse(
                        "sighting_id",
                        request.getSightingId(),
                        () -> new NotFoundException("sighting"));
        return FugitiveMessages.toMessage(
                sightings.withdrawSightingAccess(CallerContext.current(), wantedPerson, sighting));
    }

    ListSightingsResponse listSightings(ListSightingsRequest request) {
        Caller caller = CallerContext.current();
        var message = ListSightingsResponse.newBuilder();
        sightings
                .sightings(caller, wantedPersonId("wanted_person_id", request.getWantedPersonId()))
                .forEach(s -> message.addSightings(FugitiveMessages.toMessage(s)));
        return message.build();
    }

    WantedPerson recordCustodyTransfer(RecordCustodyTransferRequest request) {
        var t = request.getTransfer();
        return FugitiveMessages.toMessage(
                registry.recordCustodyTransfer(
                        CallerContext.current(),
                        wantedPersonId("wanted_person_id", request.getWantedPersonId()),
                        new CustodyTransfer.Request(
                                t.getRepatriationReference(),
                                FugitiveMessages.instant(t.hasHandoverTime(), t.getHandoverTime()),
                                t.getFromCountry(),
                                t.getToCountry())));
    }

    WantedPerson recordArrest(RecordArrestRequest request) {
        Caller caller = CallerContext.current();
        var a = request.getArrest();
        var arrested =
                registry.recordArrest(
                        caller,
                        wantedPersonId("wanted_person_id", request.getWantedPersonId()),
                        a.getPlace(),
                        FugitiveMessages.instant(a.hasArrestTime(), a.getArrestTime()),
                        a.getCustody());
        return FugitiveMessages.withArrest(arrested, caller.tenant());
    }
}
