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

    public Logistics withheld() {
        return new Logistics(persons.stream().map(Person::withheld).toList(), legs, escorts);
    }
}
