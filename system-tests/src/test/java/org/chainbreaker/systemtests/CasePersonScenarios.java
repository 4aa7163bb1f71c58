package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CaseServiceScenarios.*;
import static org.chainbreaker.systemtests.OnFace.RUN;
import static org.chainbreaker.systemtests.OnFace.analyst;
import static org.chainbreaker.systemtests.OnFace.investigator;

import java.util.List;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.IdentifierHit;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListCaseChecksRequest;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.EveryRpcOverBothFacesTest.Scenarios;

/** The case-service scenarios of persons, identifier matching and who checked them. */
final class CasePersonScenarios {

    private CasePersonScenarios() {}

    static void register(Scenarios scenarios) {
        scenarios.add(
                S,
                "AddPerson",
                on -> {
                    Fixture f = fixture(on);
                    Person added =
                            on.ok(
                                    investigator(OWNER),
                                    S,
                                    "AddPerson",
                                    AddPersonRequest.newBuilder()
                                            .setCaseId(f.id())
                                            .setPerson(
                                                    Person.newBuilder()
                                                            .setRole(Person.Role.SUSPECT)
                                                            .setFullName("Recruiter " + RUN))
                                            .build(),
                                    Person.parser());
                    assertThat(persons(on, investigator(OWNER), f.id()))
                            .extracting(Person::getId)
                            .contains(added.getId());
                    on.deniedTo(
                            READERS,
                            S,
                            "AddPerson",
                            AddPersonRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setPerson(
                                            Person.newBuilder()
                                                    .setRole(Person.Role.SUSPECT)
                                                    .setFullName("x"))
                                    .build());
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "AddPerson",
                            id ->
                                    AddPersonRequest.newBuilder()
                                            .setCaseId(id)
                                            .setPerson(
                                                    Person.newBuilder()
                                                            .setRole(Person.Role.SUSPECT)
                                                            .setFullName("x"))
                                            .build(),
                            f.id());
                    on.invalid(
                            investigator(OWNER),
                            S,
                            "AddPerson",
                            AddPersonRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setPerson(
                                            Person.newBuilder()
                                                    .setRole(Person.Role.VICTIM)
                                                    .setFullName(" ")
                                                    .setNationality("Korea"))
                                    .build(),
                            () -> persons(on, investigator(OWNER), f.id()),
                            "person.full_name",
                            "person.nationality");
                });

        scenarios.add(
                S,
                "ListPersons",
                on -> {
                    Fixture f = fixture(on);
                    assertThat(persons(on, investigator(OWNER), f.id()))
                            .extracting(Person::getContact)
                            .containsOnly("+82 10 1234 5678");
                    // H1 without disclosure: an investigator of the partner sees the victim without
                    // contact details...
                    List<Person> partners = persons(on, investigator(PARTNER), f.id());
                    assertThat(partners)
                            .extracting(Person::getRole)
                            .containsExactly(Person.Role.SUSPECT, Person.Role.VICTIM);
                    assertThat(partners.get(1).getContact()).isEmpty();
                    assertThat(partners.get(1).getContactWithheld()).isTrue();
                    // ...an analyst of the partner sees no victim at all, the assignee no persons.
                    assertThat(persons(on, analyst(PARTNER), f.id()))
                            .extracting(Person::getRole)
                            .containsExactly(Person.Role.SUSPECT);
                    assertThat(persons(on, investigator(ASSIGNEE), f.id())).isEmpty();
                    // H0 with the contacts disclosed: the victim's contact too; H2: no victim,
                    // disclosure or not.
                    on.ok(
                            investigator(OWNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("PH")
                                    .setHandlingCode(HandlingCode.H0)
                                    .setDiscloseVictimContacts(true)
                                    .build(),
                            Case.parser());
                    on.ok(
                            investigator(OWNER),
                            S,
                            "ShareCase",
                            ShareCaseRequest.newBuilder()
                                    .setId(f.id())
                                    .setCountry("SG")
                                    .setHandlingCode(HandlingCode.H2)
                                    .setDiscloseVictimContacts(true)
                                    .build(),
                            Case.parser());
                    assertThat(persons(on, investigator("PH"), f.id()))
                            .filteredOn(p -> p.getRole() == Person.Role.VICTIM)
                            .singleElement()
                            .satisfies(
                                    p -> assertThat(p.getContact()).isEqualTo("+82 10 1234 5678"));
                    assertThat(persons(on, investigator("SG"), f.id()))
                            .extracting(Person::getRole)
                            .containsExactly(Person.Role.SUSPECT);
                    on.hiddenFrom(
                            NOBODY,
                            S,
                            "ListPersons",
                            id -> ListPersonsRequest.newBuilder().setCaseId(id).build(),
                            f.id());
                });

        scenarios.add(
                S,
                "MatchIdentifier",
                on -> {
                    Fixture f = fixture(on);
                    String number = thaiPhone();
                    on.ok(
                            investigator(OWNER),
                            S,
                            "CreateLead",
                            CreateLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setLead(
                                            Lead.newBuilder()
                                                    .setKind(Lead.Kind.PHONE_NUMBER)
                                                    .setValue(number))
                                    .build(),
                            Lead.parser());
                    MatchIdentifierRequest match =
                            MatchIdentifierRequest.newBuilder()
                                    .setIdentifier(phone(number.replace(" ", "")))
                                    .setPurpose("victim intake " + RUN)
                                    .build();
                    for (String seeing : List.of(OWNER, PARTNER)) {
                        MatchIdentifierResponse answer =
                                on.ok(
                                        investigator(seeing),
                                        S,
                                        "MatchIdentifier",
                                        match,
                                        MatchIdentifierResponse.parser());
                        assertThat(answer.getCasesList())
                                .as(seeing)
                                .extracting(Case::getId)
                                .containsExactly(f.id());
                        assertThat(answer.getHitsList()).as(seeing).isEmpty();
                    }
                    // The assignee sees the case's header: a match shows it as a header, or as a
                    // hit.
                    MatchIdentifierResponse assignees =
                            on.ok(
                                    investigator(ASSIGNEE),
                                    S,
                                    "MatchIdentifier",
                                    match,
                                    MatchIdentifierResponse.parser());
                    assignees.getCasesList().forEach(CaseServiceScenarios::assertHeaderOnly);
                    assertThat(assignees.getCasesCount() + assignees.getHitsCount()).isEqualTo(1);
                    for (String nobody : List.of(STRANGER, REVOKED)) {
                        MatchIdentifierResponse answer =
                                on.ok(
                                        investigator(nobody),
                                        S,
                                        "MatchIdentifier",
                                        match,
                                        MatchIdentifierResponse.parser());
                        assertThat(answer.getCasesList()).as(nobody).isEmpty();
                        assertThat(answer.getHitsList())
                                .as(nobody)
                                .extracting(
                                        IdentifierHit::getOwnerCountry, IdentifierHit::getReference)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(
                                                OWNER, f.c().getReference()));
                        assertThat(answer.toString())
                                .doesNotContain(f.id())
                                .doesNotContain(f.c().getTitle());
                    }
                    on.invalid(
                            investigator(STRANGER),
                            S,
                            "MatchIdentifier",
                            match.toBuilder().clearPurpose().build(),
                            () -> checksOf(on, f.id()),
                            "purpose");
                    on.invalid(
                            investigator(STRANGER),
                            S,
                            "MatchIdentifier",
                            match.toBuilder()
                                    .setIdentifier(
                                            Identifier.newBuilder()
                                                    .setKind(Identifier.Kind.CRYPTO_WALLET)
                                                    .setValue("0x1234"))
                                    .build(),
                            () -> checksOf(on, f.id()),
                            "identifier.value");
                });

        scenarios.add(
                S,
                "ListCaseChecks",
                on -> {
                    Fixture f = fixture(on);
                    String number = thaiPhone();
                    on.ok(
                            investigator(OWNER),
                            S,
                            "CreateLead",
                            CreateLeadRequest.newBuilder()
                                    .setCaseId(f.id())
                                    .setLead(
                                            Lead.newBuilder()
                                                    .setKind(Lead.Kind.PHONE_NUMBER)
                                                    .setValue(number))
                                    .build(),
                            Lead.parser());
                    on.ok(
                            investigator(STRANGER),
                            S,
                            "MatchIdentifier",
                            MatchIdentifierRequest.newBuilder()
                                    .setIdentifier(phone(number))
                                    .setPurpose("border check " + RUN)
                                    .build(),
                            MatchIdentifierResponse.parser());
                    OnFace.assertOneCheck(checksOf(on, f.id()), STRANGER, "border check " + RUN);
                    on.ownerOnly(
                            List.of(investigator(PARTNER)),
                            NOBODY,
                            S,
                            "ListCaseChecks",
                            id -> ListCaseChecksRequest.newBuilder().setId(id).build(),
                            f.id());
                });
    }
}
