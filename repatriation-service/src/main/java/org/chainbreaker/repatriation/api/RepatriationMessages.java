package org.chainbreaker.repatriation.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.repatriation.domain.Escort;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Kind;
import org.chainbreaker.repatriation.domain.Leg;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Person;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.domain.TravelDocument;
import org.chainbreaker.repatriation.domain.VictimGroup;

/**
 * Contract messages to domain values and back. Unspecified enums become null; the domain rules
 * refuse them.
 */
final class RepatriationMessages {

    private RepatriationMessages() {}

    static NewRepatriation draft(org.chainbreaker.repatriation.v1.Repatriation m) {
        Optional<UUID> wantedPerson = Optional.empty();
        if (!m.getWantedPersonId().isEmpty()) {
            try {
                wantedPerson = Optional.of(UUID.fromString(m.getWantedPersonId()));
            } catch (IllegalArgumentException e) {
                throw InvalidArgumentException.of(
                        "repatriation.wanted_person_id", "must be a wanted person's id (a UUID)");
            }
        }
        VictimGroup group =
                m.hasVictimGroup()
                        ? new VictimGroup(
                                m.getVictimGroup().getCount(),
                                m.getVictimGroup().getNationalitiesList(),
                                m.getVictimGroup().getLanguagesList(),
                                m.getVictimGroup().getSupportNeedsList())
                        : VictimGroup.NONE;
        return new NewRepatriation(
                kind(m.getKind()),
                m.getSendingCountry(),
                m.getReceivingCountry(),
                m.getTransitCountriesList(),
                wantedPerson,
                m.getCaseIdsList(),
                group,
                logistics(m.getLogistics()));
    }

    private static Kind kind(org.chainbreaker.repatriation.v1.Repatriation.Kind kind) {
        return switch (kind) {
            case SUSPECT_TRANSFER -> Kind.SUSPECT_TRANSFER;
            case EXTRADITION -> Kind.EXTRADITION;
            case DEPORTATION -> Kind.DEPORTATION;
            case VICTIM_RETURN -> Kind.VICTIM_RETURN;
            default -> null;
        };
    }

    static Logistics logistics(org.chainbreaker.repatriation.v1.Logistics m) {
        return new Logistics(
                m.getPersonsList().stream().map(RepatriationMessages::person).toList(),
                m.getLegsList().stream()
                        .map(
                                l ->
                                        new Leg(
                                                l.getCarrier(),
                                                l.getFlightNumber(),
                                                l.getDepartureAirport(),
                                                l.getArrivalAirport(),
                                                instant(l.hasDepartureTime(), l.getDepartureTime()),
                                                instant(l.hasArrivalTime(), l.getArrivalTime())))
                        .toList(),
                m.getEscortsList().stream()
                        .map(e -> new Escort(e.getName(), e.getCountry()))
                        .toList());
    }

    private static Person person(org.chainbreaker.repatriation.v1.Person m) {
        Person.Role role =
                switch (m.getRole()) {
                    case SUSPECT -> Person.Role.SUSPECT;
                    case VICTIM -> Person.Role.VICTIM;
                    default -> null;
                };
        TravelDocument document = null;
        if (m.hasTravelDocument()) {
            var d = m.getTravelDocument();
            TravelDocument.Type type =
                    switch (d.getType()) {
                        case PASSPORT -> TravelDocument.Type.PASSPORT;
                        case EMERGENCY_TRAVEL_DOCUMENT ->
                                TravelDocument.Type.EMERGENCY_TRAVEL_DOCUMENT;
                        case LAISSEZ_PASSER -> TravelDocument.Type.LAISSEZ_PASSER;
                        default -> null;
                    };
            TravelDocument.Status status =
                    switch (d.getStatus()) {
                        case NEEDED -> TravelDocument.Status.NEEDED;
                        case REQUESTED -> TravelDocument.Status.REQUESTED;
                        case ISSUED -> TravelDocument.Status.ISSUED;
                        default -> null;
                    };
            document = new TravelDocument(type, status, d.getNumber());
        }
        return new Person(
                role,
                m.getFullName(),
                m.getNationality(),
                m.getLanguagesList(),
                m.getSupportNeedsList(),
                document);
    }

    static Handover handover(org.chainbreaker.repatriation.v1.Handover m) {
        return new Handover(
                m.getPlace(),
                instant(m.hasHandoverTime(), m.getHandoverTime()),
                m.getHandingOfficer(),
                m.getReceivingOfficer());
    }

    static UUID id(String field, String value) {
        return RecordIds.parse(field, value, RepatriationPermissions::notFound);
    }

    static Instant instant(boolean present, Timestamp t) {
        return present ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static org.chainbreaker.repatriation.v1.Repatriation toMessage(Repatriation r) {
        var m =
                org.chainbreaker.repatriation.v1.Repatriation.newBuilder()
                        .setId(r.id().toString())
                        .setKind(
                                org.chainbreaker.repatriation.v1.Repatriation.Kind.valueOf(
                                        r.kind().name()))
                        .setOwnerCountry(r.ownerCountry())
                        .setSendingCountry(r.sendingCountry())
                        .setReceivingCountry(r.receivingCountry())
                        .addAllTransitCountries(r.transitCountries())
                        .addAllCaseIds(r.caseIds())
                        .setLogistics(toMessage(r.logistics()))
                        .setStatus(
                                org.chainbreaker.repatriation.v1.Repatriation.Status.valueOf(
                                        r.status().name()))
                        .setFugitiveCheck(
                                org.chainbreaker.repatriation.v1.Repatriation.FugitiveCheck.valueOf(
                                        r.fugitiveCheck().name()))
                        .setWantedPersonReference(r.wantedPersonReference())
                        .setEscortWaivedBySending(r.escortWaivedBySending())
                        .setEscortWaivedByReceiving(r.escortWaivedByReceiving())
                        .setStatusReason(r.statusReason())
                        .setCreateTime(timestamp(r.createTime()))
                        .setUpdateTime(timestamp(r.updateTime()))
                        .setEtag(r.etag());
        r.wantedPersonId().ifPresent(id -> m.setWantedPersonId(id.toString()));
        if (!r.victimGroup().isNone()) {
            m.setVictimGroup(
                    org.chainbreaker.repatriation.v1.VictimGroup.newBuilder()
                            .setCount(r.victimGroup().count())
                            .addAllNationalities(r.victimGroup().nationalities())
                            .addAllLanguages(r.victimGroup().languages())
                            .addAllSupportNeeds(r.victimGroup().supportNeeds()));
        }
        r.handover()
                .ifPresent(
                        h ->
                                m.setHandover(
                                        org.chainbreaker.repatriation.v1.Handover.newBuilder()
                                                .setPlace(h.place())
                                                .setHandoverTime(timestamp(h.time()))
                                                .setHandingOfficer(h.handingOfficer())
                                                .setReceivingOfficer(h.receivingOfficer())));
        r.rescueRequestId().ifPresent(id -> m.setRescueRequestId(id.toString()));
        r.arrest()
                .ifPresent(
                        a ->
                                m.setArrest(
                                        org.chainbreaker.repatriation.v1.ArrestOrigin.newBuilder()
                                                .setPlace(a.place())
                                                .setArrestTime(timestamp(a.arrestTime()))));
        r.custodyDelivery()
                .ifPresent(
                        d -> {
                            var delivery =
                                    org.chainbreaker.repatriation.v1.CustodyDelivery.newBuilder()
                                            .setState(
                                                    org.chainbreaker.repatriation.v1.CustodyDelivery
                                                            .State.valueOf(d.state().name()))
                                            .setAttempts(d.attempts())
                                            .setLastError(d.lastError())
                                            .setAwaitingToken(d.awaitingToken(Instant.now()));
                            d.nextAttempt()
                                    .ifPresent(t -> delivery.setNextAttemptTime(timestamp(t)));
                            d.settleTime().ifPresent(t -> delivery.setSettleTime(timestamp(t)));
                            m.setCustodyDelivery(delivery);
                        });
        for (Transition t : r.history()) {
            var entry =
                    org.chainbreaker.repatriation.v1.Transition.newBuilder()
                            .setToStatus(
                                    org.chainbreaker.repatriation.v1.Repatriation.Status.valueOf(
                                            t.toStatus().name()))
                            .setActorCountry(t.actorCountry())
                            .setActorUser(t.actorUser())
                            .setTime(timestamp(t.at()))
                            .setReason(t.reason());
            if (!t.fromStatus().isEmpty()) {
                entry.setFromStatus(
                        org.chainbreaker.repatriation.v1.Repatriation.Status.valueOf(
                                t.fromStatus()));
            }
            m.addHistory(entry);
        }
        return m.build();
    }

    private static org.chainbreaker.repatriation.v1.Logistics toMessage(Logistics l) {
        var m = org.chainbreaker.repatriation.v1.Logistics.newBuilder();
        for (Person p : l.persons()) {
            m.addPersons(
                    org.chainbreaker.repatriation.v1.Person.newBuilder()
                            .setRole(
                                    org.chainbreaker.repatriation.v1.Person.Role.valueOf(
                                            p.role().name()))
                            .setFullName(p.fullName())
                            .setNationality(p.nationality())
                            .addAllLanguages(p.languages())
                            .addAllSupportNeeds(p.supportNeeds())
                            .setTravelDocument(
                                    org.chainbreaker.repatriation.v1.TravelDocument.newBuilder()
                                            .setType(
                                                    org.chainbreaker.repatriation.v1.TravelDocument
                                                            .Type.valueOf(
                                                            p.travelDocument().type().name()))
                                            .setStatus(
                                                    org.chainbreaker.repatriation.v1.TravelDocument
                                                            .Status.valueOf(
                                                            p.travelDocument().status().name()))
                                            .setNumber(p.travelDocument().number())));
        }
        for (Leg leg : l.legs()) {
            m.addLegs(
                    org.chainbreaker.repatriation.v1.Leg.newBuilder()
                            .setCarrier(leg.carrier())
                            .setFlightNumber(leg.flightNumber())
                            .setDepartureAirport(leg.departureAirport())
                            .setArrivalAirport(leg.arrivalAirport())
                            .setDepartureTime(timestamp(leg.departureTime()))
                            .setArrivalTime(timestamp(leg.arrivalTime())));
        }
        for (Escort e : l.escorts()) {
            m.addEscorts(
                    org.chainbreaker.repatriation.v1.Escort.newBuilder()
                            .setName(e.name())
                            .setCountry(e.country()));
        }
        return m.build();
    }
}
