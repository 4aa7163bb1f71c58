package org.chainbreaker.cases.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.chainbreaker.cases.domain.NewPerson;
import org.chainbreaker.cases.domain.Person;
import org.chainbreaker.cases.domain.PersonRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for persons linked to cases. Contacts are a table of their own, so that the policies withhold a victim's
 * contact from a partner whose share does not disclose it; what the policies let through, the service filters
 * further by role ({@link org.chainbreaker.cases.domain.VictimProtection}).
 */
@Repository
public class PersonStore {

    private final JdbcClient jdbc;

    PersonStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID caseId, String owner, NewPerson person, Instant now) {
        jdbc.sql("""
                        insert into case_persons (id, case_id, owner_country, role, full_name, nationality, birth_year,
                                                  description, create_time)
                        values (:id, :caseId, :owner, :role, :name, :nationality, :birthYear, :description, :now)""")
                .param("id", id).param("caseId", caseId).param("owner", owner).param("role", person.role().name())
                .param("name", person.fullName()).param("nationality", person.nationality())
                .param("birthYear", person.birthYear().isPresent() ? person.birthYear().getAsInt() : null)
                .param("description", person.description()).param("now", Timestamp.from(now))
                .update();
        person.contact().ifPresent(contact -> jdbc.sql("""
                        insert into case_person_contacts (person_id, case_id, owner_country, role, contact)
                        values (:id, :caseId, :owner, :role, :contact)""")
                .param("id", id).param("caseId", caseId).param("owner", owner).param("role", person.role().name())
                .param("contact", contact)
                .update());
    }

    /**
     * The persons of a case the policies let the tenant see, each with its contact where the policies let it
     * through; {@code contactWithheld} is set by the caller, which knows whether a contact exists for the owner only.
     */
    public List<Person> list(UUID caseId) {
        return jdbc.sql("""
                        select p.id, p.case_id, p.role, p.full_name, p.nationality, p.birth_year, p.description,
                               p.create_time, c.contact
                          from case_persons p
                          left join case_person_contacts c on c.person_id = p.id
                         where p.case_id = :caseId
                         order by p.create_time, p.id""")
                .param("caseId", caseId)
                .query((rs, n) -> {
                    int year = rs.getInt("birth_year");
                    boolean unknownYear = rs.wasNull();
                    return new Person(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                            PersonRole.valueOf(rs.getString("role")), rs.getString("full_name"),
                            rs.getString("nationality"), unknownYear ? OptionalInt.empty() : OptionalInt.of(year),
                            rs.getString("description"), Optional.ofNullable(rs.getString("contact")), false,
                            rs.getTimestamp("create_time").toInstant());
                }).list();
    }
}
