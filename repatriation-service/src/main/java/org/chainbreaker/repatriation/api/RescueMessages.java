package org.chainbreaker.repatriation.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.records.RecordIds;
import org.chainbreaker.repatriation.domain.RescueRequest;

/** Rescue request messages to domain values and back. */
final class RescueMessages {

    private RescueMessages() {}

    static RescueRequest.Location location(org.chainbreaker.repatriation.v1.RescueLocation m) {
        Optional<Double> latitude =
                m.hasCoordinates()
                        ? Optional.of(m.getCoordinates().getLatitude())
                        : Optional.empty();
        Optional<Double> longitude =
                m.hasCoordinates()
                        ? Optional.of(m.getCoordinates().getLongitude())
                        : Optional.empty();
        return new RescueRequest.Location(
                m.getCountry(), m.getProvince(), m.getDescription(), latitude, longitude);
    }

    /** An unset or impossible date becomes null; the rules refuse it with the field's name. */
    static RescueRequest.Outcome outcome(org.chainbreaker.repatriation.v1.RescueOutcome m) {
        LocalDate date = null;
        if (m.hasRescueDate()) {
            try {
                date =
                        LocalDate.of(
                                m.getRescueDate().getYear(),
                                m.getRescueDate().getMonth(),
                                m.getRescueDate().getDay());
            } catch (DateTimeException impossible) {
                date = null;
            }
        }
        return new RescueRequest.Outcome(
                date,
                m.getRescuedList().stream()
                        .map(g -> new RescueRequest.RescuedGroup(g.getNationality(), g.getCount()))
                        .toList());
    }

    static UUID id(String value) {
        return RecordIds.parse(
                "id", value, org.chainbreaker.repatriation.app.RescueRegistry::notFound);
    }

    static org.chainbreaker.repatriation.v1.RescueRequest toMessage(RescueRequest r) {
        var location =
                org.chainbreaker.repatriation.v1.RescueLocation.newBuilder()
                        .setCountry(r.location().country())
                        .setProvince(r.location().province())
                        .setDescription(r.location().description());
        if (r.location().latitude().isPresent()) {
            location.setCoordinates(
                    com.google.type.LatLng.newBuilder()
                            .setLatitude(r.location().latitude().get())
                            .setLongitude(r.location().longitude().orElseThrow()));
        }
        var m =
                org.chainbreaker.repatriation.v1.RescueRequest.newBuilder()
                        .setId(r.id().toString())
                        .setRequestingCountry(r.requestingCountry())
                        .setHostCountry(r.hostCountry())
                        .setLocation(location)
                        .setEstimatedPeople(r.estimatedPeople())
                        .addAllNationalities(r.nationalities())
                        .setSource(r.source())
                        .setStatus(
                                org.chainbreaker.repatriation.v1.RescueRequest.Status.valueOf(
                                        r.status().name()))
                        .setAcknowledgeDeadline(
                                RepatriationMessages.timestamp(r.acknowledgeDeadline()))
                        .setAcknowledgedBy(r.acknowledgedBy())
                        .setEscalated(r.escalated())
                        .setCreateTime(RepatriationMessages.timestamp(r.createTime()))
                        .setUpdateTime(RepatriationMessages.timestamp(r.updateTime()))
                        .setEtag(r.etag());
        r.acknowledgeTime().ifPresent(t -> m.setAcknowledgeTime(RepatriationMessages.timestamp(t)));
        r.escalateTime().ifPresent(t -> m.setEscalateTime(RepatriationMessages.timestamp(t)));
        r.outcome()
                .ifPresent(
                        o -> {
                            var outcome =
                                    org.chainbreaker.repatriation.v1.RescueOutcome.newBuilder()
                                            .setRescueDate(
                                                    com.google.type.Date.newBuilder()
                                                            .setYear(o.rescueDate().getYear())
                                                            .setMonth(
                                                                    o.rescueDate().getMonthValue())
                                                            .setDay(
                                                                    o.rescueDate()
                                                                            .getDayOfMonth()));
                            o.rescued()
                                    .forEach(
                                            g ->
                                                    outcome.addRescued(
                                                            org.chainbreaker.repatriation.v1
                                                                    .RescuedGroup.newBuilder()
                                                                    .setNationality(g.nationality())
                                                                    .setCount(g.count())));
                            m.setOutcome(outcome);
                        });
        r.victimReturnIds().forEach(id -> m.addVictimReturnIds(id.toString()));
        return m.build();
    }
}
