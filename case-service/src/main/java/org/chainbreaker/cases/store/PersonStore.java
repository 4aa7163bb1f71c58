package org.chainbreaker.cases.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.chainbreaker.cases.domain.NewPerson;
import org.chainbreaker.cases.domain.Person;
import org.chainbreaker.cases.domain.PersonRole;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.Opened;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for persons linked to cases. Contacts are a table of their own, so that the policies withhold
 * a victim's contact from a partner whose share does not disclose it; what the policies let
 * through, the service filters further by role ({@link
 * org.chainbreaker.cases.domain.VictimProtection}). Name, description and contact are sealed under
 * the case owner's key ({@link FieldCipher}); role, nationality and birth year are not (the
 * policies and the partners' filters use them).
 */
@Repository
public class PersonStore {

    private static final String NAME = "case_persons.full_name";
    private static final String DESCRIPTION = "case_persons.description";
    private static final String CONTACT = "case_person_contacts.contact";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    PersonStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void insert(UUID id, UUID caseId, String owner, NewPerson person, Instant now) {
        jdbc.sql(
                        """
                        insert into case_persons (id, case_id, owner_country, role, full_name, nationality, birth_year,
                                                  description, create_time)
                        values (:id, :caseId, :owner, :role, :name, :nationality, :birthYear, :description, :now)""")
                .param("id", id)
                .param("caseId", caseId)
                .param("owner", owner)
                .param("role", person.role().name())
                .param("name", cipher.seal(owner, id, NAME, person.fullName()))
                .param("nationality", person.nationality())
                .param(
                        "birthYear",
                        person.birthYear().isPresent() ? person.birthYear().getAsInt() : null)
                .param("description", cipher.seal(owner, id, DESCRIPTION, person.description()))
                .param("now", Timestamp.from(now))
                .update();
        person.contact()
                .ifPresent(
                        contact ->
                                jdbc.sql(
                                                """
                        insert into case_person_contacts (person_id, case_id, owner_country, role, contact)
                        values (:id, :caseId, :owner, :role, :contact)""")
                                        .param("id", id)
                                        .param("caseId", caseId)
                                        .param("owner", owner)
                                        .param("role", person.role().name())
                                        .param("contact", cipher.seal(owner, id, CONTACT, contact))
                                        .update());
    }

    /**
     * The persons of a case the policies let the tenant see, each with its contact where the
     * policies let it through; {@code contactWithheld} is set by the caller, which knows whether a
     * contact exists for the owner only.
     */
    public List<Person> list(UUID caseId) {
        return jdbc.sql(
                        """
                        select p.id, p.case_id, p.owner_country, p.role, p.full_name, p.nationality, p.birth_year, p.description,
                               p.create_time, c.contact
                          from case_persons p
                          left join case_person_contacts c on c.person_id = p.id
                         where p.case_id = :caseId
                         order by p.create_time, p.id""")
                .param("caseId", caseId)
                .query(
                        (rs, n) -> {
                            int year = rs.getInt("birth_year");
                            boolean unknownYear = rs.wasNull();
                            UUID id = rs.getObject("id", UUID.class);
                            String owner = rs.getString("owner_country");
                            Opened name = cipher.open(owner, id, NAME, rs.getString("full_name"));
                            Opened description =
                                    cipher.open(
                                            owner, id, DESCRIPTION, rs.getString("description"));
                            Opened contact =
                                    cipher.open(owner, id, CONTACT, rs.getString("contact"));
                            List<String> withheld = new ArrayList<>();
                            if (name.withheld()) {
                                withheld.add("full_name");
                            }
                            if (description.withheld()) {
                                withheld.add("description");
                            }
                            if (contact.withheld()) {
                                withheld.add("contact");
                            }
                            return new Person(
                                    id,
                                    rs.getObject("case_id", UUID.class),
                                    PersonRole.valueOf(rs.getString("role")),
                                    name.value(),
                                    rs.getString("nationality"),
                                    unknownYear ? OptionalInt.empty() : OptionalInt.of(year),
                                    description.value(),
                                    Optional.ofNullable(contact.value()),
                                    false,
                                    rs.getTimestamp("create_time").toInstant(),
                                    withheld);
                        })
                .list();
    }
}
