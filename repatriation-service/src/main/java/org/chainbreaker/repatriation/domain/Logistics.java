package org.chainbreaker.repatriation.domain;

import java.util.List;

/** The plan of the journey: persons with their documents, the itinerary in order, the escorts. */
public record Logistics(List<Person> persons, List<Leg> legs, List<Escort> escorts) {

    public static final Logistics EMPTY = new Logistics(List.of(), List.of(), List.of());

    public Logistics {
        persons = List.copyOf(persons);
        legs = List.copyOf(legs);
        escorts = List.copyOf(escorts);
    }

    /**
     * Whether {@code other} is the same plan: the same persons (role, name, nationality, languages,
     * support needs, document type, and document number once one was given), legs and escorts. A
     * document moving along NEEDED -> REQUESTED -> ISSUED, with its first number, is progress on
     * the plan, not another plan. Times are compared to the microsecond (what the database keeps),
     * text without surrounding blanks (what is stored).
     */
    public boolean samePlanAs(Logistics other) {
        if (persons.size() != other.persons.size()
                || !legs.stream()
                        .map(Logistics::leg)
                        .toList()
                        .equals(other.legs.stream().map(Logistics::leg).toList())
                || !escorts.stream()
                        .map(e -> List.of(e.name().strip(), e.country()))
                        .toList()
                        .equals(
                                other.escorts.stream()
                                        .map(e -> List.of(e.name().strip(), e.country()))
                                        .toList())) {
            return false;
        }
        for (int i = 0; i < persons.size(); i++) {
            Person was = persons.get(i);
            Person is = other.persons.get(i);
            boolean same =
                    was.role() == is.role()
                            && was.fullName().strip().equals(is.fullName().strip())
                            && was.nationality().equals(is.nationality())
                            && was.languages().equals(is.languages())
                            && was.supportNeeds().stream()
                                    .map(String::strip)
                                    .toList()
                                    .equals(is.supportNeeds().stream().map(String::strip).toList())
                            && document(was).type() == document(is).type()
                            && (document(was).number().isEmpty()
                                    || document(was).number().equals(document(is).number()));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static TravelDocument document(Person p) {
        return p.travelDocument() == null ? new TravelDocument(null, null, "") : p.travelDocument();
    }

    private static List<Object> leg(Leg l) {
        return java.util.Arrays.asList(
                l.carrier().strip(),
                l.flightNumber(),
                l.departureAirport(),
                l.arrivalAirport(),
                micros(l.departureTime()),
                micros(l.arrivalTime()));
    }

    private static java.time.Instant micros(java.time.Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public Logistics withheld() {
        return new Logistics(persons.stream().map(Person::withheld).toList(), legs, escorts);
    }
}
