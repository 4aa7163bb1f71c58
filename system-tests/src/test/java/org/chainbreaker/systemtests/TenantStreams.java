package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.OnFace.investigator;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.VictimGroup;

/**
 * A country's event stream of one service over the scenario's face, read up to a beacon (a record
 * of the country's own created for the purpose, see {@link EventStreamProbe}): {@link #cursor}
 * marks a point, {@link #since} answers every event the country received after it.
 */
final class TenantStreams {

    private TenantStreams() {}

    /** The position of {@code tenant}'s stream of {@code service} now. */
    static String cursor(OnFace on, String service, String tenant) {
        return read(on, service, tenant, "").getLast().getCursor();
    }

    /** Every event of {@code tenant}'s stream of {@code service} after {@code cursor}. */
    static List<Event> since(OnFace on, String service, String tenant, String cursor) {
        List<Event> events = read(on, service, tenant, cursor);
        return events.subList(0, events.size() - 1);
    }

    private static List<Event> read(OnFace on, String service, String tenant, String cursor) {
        Set<String> beacons = ConcurrentHashMap.newKeySet();
        return EventStreamProbe.readUntilBeacon(
                on.face,
                service,
                RunningSuite.token(investigator(tenant)),
                cursor,
                () -> beacons.add(beacon(on, service, tenant)),
                e -> beacons.contains(e.getRecordId()));
    }

    /** A new record of {@code tenant}'s own in {@code service}: its creation is the beacon. */
    private static String beacon(OnFace on, String service, String tenant) {
        if (service.equals(Faces.FUGITIVES)) {
            return on.ok(
                            investigator(tenant),
                            service,
                            "CreateWantedPerson",
                            CreateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(
                                            WantedPerson.newBuilder()
                                                    .setPrimaryName(
                                                            PersonName.newBuilder()
                                                                    .setValue("Beacon " + tenant))
                                                    .addCharges("end mark of a stream read")
                                                    .setWarrant(
                                                            Warrant.newBuilder()
                                                                    .setReference(
                                                                            "B-"
                                                                                    + UUID
                                                                                            .randomUUID())
                                                                    .setIssuingAuthority(
                                                                            "Court " + tenant)))
                                    .build(),
                            WantedPerson.parser())
                    .getId();
        }
        return on.ok(
                        investigator(tenant),
                        Faces.REPATRIATION,
                        "CreateRepatriation",
                        CreateRepatriationRequest.newBuilder()
                                .setRepatriation(
                                        Repatriation.newBuilder()
                                                .setKind(Repatriation.Kind.VICTIM_RETURN)
                                                .setSendingCountry(tenant)
                                                .setReceivingCountry("SG")
                                                .setVictimGroup(
                                                        VictimGroup.newBuilder().setCount(1)))
                                .build(),
                        Repatriation.parser())
                .getId();
    }
}
