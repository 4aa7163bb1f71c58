package org.chainbreaker.fugitives.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for arrests waiting to be told to the repatriation-service (arrest_handoffs): who acted,
 * never a token. Readable by the acting officer's country only; claimed with FOR UPDATE SKIP
 * LOCKED, so replicas never send the same handoff at once.
 */
@Repository
public class ArrestHandoffStore {

    /** Why a handoff is sent. */
    public enum Reason {
        ARRESTED,
        NOTICE_CANCELLED
    }

    /** A claimed handoff, locked until the claiming transaction ends. */
    public record Due(
            UUID id,
            UUID wantedPersonId,
            Reason reason,
            String actorCountry,
            String actorSubject,
            String actorUser,
            String actorClient,
            int attempts) {}

    private final JdbcClient jdbc;

    ArrestHandoffStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside the change's transaction: a handoff on behalf of {@code actor}, due now. */
    public void queue(UUID wantedPersonId, Reason reason, Caller actor, Instant now) {
        jdbc.sql(
                        """
                        insert into arrest_handoffs (id, wanted_person_id, reason, actor_country, actor_subject,
                               actor_user, actor_client, next_attempt_time, create_time)
                        values (:id, :person, :reason, :country, :subject, :user, :client, :now, :now)""")
                .param("id", UUID.randomUUID())
                .param("person", wantedPersonId)
                .param("reason", reason.name())
                .param("country", actor.tenant())
                .param("subject", actor.subject())
                .param("user", actor.username())
                .param("client", actor.clientId())
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Due handoffs of the session's country, oldest first; rows another replica holds are skipped.
     */
    public List<Due> claim(int limit, Instant now) {
        return jdbc.sql(
                        """
                        select id, wanted_person_id, reason, actor_country, actor_subject, actor_user, actor_client,
                               attempts
                          from arrest_handoffs
                         where next_attempt_time <= :now
                         order by next_attempt_time, create_time
                         limit :limit
                           for update skip locked""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(
                        (rs, n) ->
                                new Due(
                                        rs.getObject(1, UUID.class),
                                        rs.getObject(2, UUID.class),
                                        Reason.valueOf(rs.getString(3)),
                                        rs.getString(4),
                                        rs.getString(5),
                                        rs.getString(6),
                                        rs.getString(7),
                                        rs.getInt(8)))
                .list();
    }

    /** An attempt failed: counted, with its error, and the next one scheduled. */
    public void postpone(UUID id, Instant next, String error) {
        jdbc.sql(
                        """
                        update arrest_handoffs
                           set attempts = attempts + 1, last_error = :error, next_attempt_time = :next
                         where id = :id""")
                .param("id", id)
                .param("next", Timestamp.from(next))
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .update();
    }

    /** The repatriation-service answered: nothing is left to send. */
    public void remove(UUID id) {
        jdbc.sql("delete from arrest_handoffs where id = :id").param("id", id).update();
    }

    /** Handoffs not yet answered, of the session's country (tests and monitoring). */
    public int pending() {
        return jdbc.sql("select count(*) from arrest_handoffs").query(Integer.class).single();
    }
}
