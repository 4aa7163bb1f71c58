package org.chainbreaker.repatriation.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for fugitive checks left pending: the user they act for (never a token), when to try again.
 * Rows are claimed with FOR UPDATE SKIP LOCKED through a narrow SECURITY DEFINER function, so
 * replicas never take the same one.
 */
@Repository
public class FugitiveCheckStore {

    /** A claimed check, locked until the claiming transaction ends. */
    public record DueCheck(UUID repatriationId, UUID wantedPersonId, Asker asker, int attempts) {}

    private final JdbcClient jdbc;

    FugitiveCheckStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or refreshes, with a newer caller) the pending check of a repatriation. */
    public void savePending(
            UUID repatriationId,
            UUID wantedPersonId,
            Asker asker,
            Instant nextAttempt,
            String error) {
        jdbc.sql(
                        """
                        insert into fugitive_checks (repatriation_id, wanted_person_id, tenant, actor_subject, actor_user,
                               actor_client, next_attempt_time, last_error)
                        values (:id, :wantedPerson, :tenant, :subject, :user, :client, :next, :error)
                        on conflict (repatriation_id) do update
                           set tenant = excluded.tenant, actor_subject = excluded.actor_subject,
                               actor_user = excluded.actor_user, actor_client = excluded.actor_client,
                               next_attempt_time = excluded.next_attempt_time,
                               last_error = excluded.last_error""")
                .param("id", repatriationId)
                .param("wantedPerson", wantedPersonId)
                .param("tenant", asker.tenant())
                .param("subject", asker.subject())
                .param("user", asker.username())
                .param("client", asker.clientId())
                .param("next", Timestamp.from(nextAttempt))
                .param("error", error)
                .update();
    }

    /** Claims due checks; rows another transaction holds are skipped. */
    public List<DueCheck> claimDue(int limit) {
        return jdbc.sql(
                        """
                        select repatriation_id, wanted_person_id, tenant, actor_subject, actor_user, actor_client, attempts
                          from repatriation_claim_fugitive_checks(:limit)""")
                .param("limit", limit)
                .query(
                        (rs, n) ->
                                new DueCheck(
                                        rs.getObject(1, UUID.class),
                                        rs.getObject(2, UUID.class),
                                        new Asker(
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getString(3),
                                                rs.getString(6)),
                                        rs.getInt(7)))
                .list();
    }

    public void postpone(UUID repatriationId, Instant next, String error) {
        jdbc.sql(
                        """
                        update fugitive_checks set attempts = attempts + 1, next_attempt_time = :next, last_error = :error
                         where repatriation_id = :id""")
                .param("id", repatriationId)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .update();
    }

    public void remove(UUID repatriationId) {
        jdbc.sql("delete from fugitive_checks where repatriation_id = :id")
                .param("id", repatriationId)
                .update();
    }

    /** Acts as the given tenant for the rest of the transaction (row-level security follows). */
    public void enterTenant(String tenant) {
        jdbc.sql("select set_config('chainbreaker.tenant', :tenant, true)")
                .param("tenant", tenant)
                .query(String.class)
                .single();
    }
}
