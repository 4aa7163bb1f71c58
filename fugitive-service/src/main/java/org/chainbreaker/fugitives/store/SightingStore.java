package org.chainbreaker.fugitives.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.Confidence;
import org.chainbreaker.fugitives.domain.NewSighting;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of sightings: store one, read one or a record's list (as the tenant may see them), and end
 * the access one gave. Runs inside a tenant transaction, like {@link WantedPersonStore}.
 */
@Repository
public class SightingStore {

    private final JdbcClient jdbc;

    SightingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a sighting; its {@code country} column names the country it lets see the record (null:
     * none).
     */
    public void insertSighting(
            UUID id,
            WantedPerson person,
            String reporter,
            NoticeSteps.SightingStep step,
            Instant now) {
        NewSighting s = step.sighting();
        jdbc.sql(
                        """
                        insert into sightings (id, wanted_person_id, owner_country, seen_country, country,
                                               reporter_country, place, seen_time, confidence, source, report_time)
                        values (:id, :wp, :owner, :seen, :granted, :reporter, :place, :seenTime, :confidence, :source, :now)""")
                .param("id", id)
                .param("wp", person.id())
                .param("owner", person.ownerCountry())
                .param("seen", s.country())
                .param("granted", step.grantedCountry().orElse(null))
                .param("reporter", reporter)
                .param("place", s.place())
                .param("seenTime", Timestamp.from(s.seenTime()))
                .param("confidence", s.confidence().name())
                .param("source", s.source())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** One sighting of a record, if the tenant may see it. */
    public Optional<Sighting> sighting(String tenant, UUID wantedPersonId, UUID sightingId) {
        return jdbc.sql(
                        """
                        select * from sightings s
                         where s.id = :sighting and s.wanted_person_id = :id
                           and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)""")
                .param("sighting", sightingId)
                .param("id", wantedPersonId)
                .param("tenant", tenant)
                .query(SightingStore::sighting)
                .optional();
    }

    /**
     * Ends the access a sighting gave its country; false if it gave none (any more). Owner only
     * (update policy).
     */
    public boolean withdrawSightingAccess(UUID sightingId, Instant now) {
        return jdbc.sql(
                                """
                        update sightings set country = null, access_withdraw_time = :now
                         where id = :id and country is not null""")
                        .param("id", sightingId)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Sightings of a record that the tenant may see (owner: all; others: reported by or made in
     * it), newest first.
     */
    public List<Sighting> sightings(String tenant, UUID wantedPersonId) {
        return jdbc.sql(
                        """
                        select * from sightings s
                         where s.wanted_person_id = :id
                           and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)
                         order by s.seen_time desc, s.id""")
                .param("id", wantedPersonId)
                .param("tenant", tenant)
                .query(SightingStore::sighting)
                .list();
    }

    static Sighting sighting(ResultSet rs, int n) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("access_withdraw_time");
        return new Sighting(
                rs.getObject("id", UUID.class),
                rs.getObject("wanted_person_id", UUID.class),
                rs.getString("seen_country"),
                rs.getString("place"),
                rs.getTimestamp("seen_time").toInstant(),
                Confidence.valueOf(rs.getString("confidence")),
                rs.getString("source"),
                rs.getString("reporter_country"),
                rs.getTimestamp("report_time").toInstant(),
                Optional.ofNullable(rs.getString("country")),
                Optional.ofNullable(withdrawn).map(Timestamp::toInstant));
    }
}
