package org.chainbreaker.repatriation.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.repatriation.domain.CustodyTransfer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for custody handovers waiting to be delivered to the fugitive-service: the call (and who it
 * acts for; never a token) in custody_deliveries, its visible state on the repatriation. Rows are
 * claimed with FOR UPDATE SKIP LOCKED through a narrow SECURITY DEFINER function, so replicas never
 * send the same delivery at once.
 */
@Repository
public class CustodyDeliveryStore {

    /** A claimed delivery, locked until the claiming transaction ends. */
    public record DueDelivery(CustodyTransfer transfer, Asker asker, int attempts) {

        public UUID repatriationId() {
            return transfer.repatriationId();
        }
    }

    private final JdbcClient jdbc;

    CustodyDeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Commits a delivery to be made on behalf of this officer, due now. */
    public void savePending(CustodyTransfer transfer, Asker asker, Instant now) {
        UUID repatriationId = transfer.repatriationId();
        jdbc.sql(
                        """
                        insert into custody_deliveries (repatriation_id, wanted_person_id, handover_time, from_country,
                               to_country, tenant, actor_subject, actor_user, actor_client, next_attempt_time)
                        values (:id, :wantedPerson, :handover, :from, :to, :tenant, :subject, :user, :client, :now)""")
                .param("id", repatriationId)
                .param("wantedPerson", transfer.wantedPersonId())
                .param("handover", Timestamp.from(transfer.handoverTime()))
                .param("from", transfer.fromCountry())
                .param("to", transfer.toCountry())
                .param("tenant", asker.tenant())
                .param("subject", asker.subject())
                .param("user", asker.username())
                .param("client", asker.clientId())
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql(
                        """
                        update repatriations
                           set custody_delivery = 'PENDING', custody_delivery_next_attempt = :now
                         where id = :id""")
                .param("id", repatriationId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Claims due deliveries (or only {@code only}, due or not); rows held elsewhere are skipped.
     */
    public List<DueDelivery> claim(int limit, Optional<UUID> only) {
        return jdbc.sql(
                        """
                        select repatriation_id, wanted_person_id, handover_time, from_country, to_country, tenant,
                               actor_subject, actor_user, actor_client, attempts
                          from repatriation_claim_custody_deliveries(:limit, :only)""")
                .param("limit", limit)
                .param("only", only.orElse(null))
                .query(
                        (rs, n) ->
                                new DueDelivery(
                                        new CustodyTransfer(
                                                rs.getObject(1, UUID.class),
                                                rs.getObject(2, UUID.class),
                                                rs.getTimestamp(3).toInstant(),
                                                rs.getString(4),
                                                rs.getString(5)),
                                        new Asker(
                                                rs.getString(7),
                                                rs.getString(8),
                                                rs.getString(6),
                                                rs.getString(9)),
                                        rs.getInt(10)))
                .list();
    }

    /** An attempt failed: counted, with its error, and the next one scheduled. */
    public void postpone(UUID repatriationId, Instant next, String error) {
        jdbc.sql(
                        "update custody_deliveries set next_attempt_time = :next where repatriation_id = :id")
                .param("id", repatriationId)
                .param("next", Timestamp.from(next))
                .update();
        jdbc.sql(
                        """
                        update repatriations
                           set custody_delivery_attempts = custody_delivery_attempts + 1, custody_delivery_error = :error,
                               custody_delivery_next_attempt = :next
                         where id = :id""")
                .param("id", repatriationId)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .update();
    }

    /**
     * Settles a PENDING delivery (DELIVERED or REFUSED) and forgets the call. Returns the owner
     * country of the repatriation only for the one call that found it still PENDING.
     */
    public Optional<String> settle(UUID repatriationId, String state, String error, Instant now) {
        jdbc.sql("delete from custody_deliveries where repatriation_id = :id")
                .param("id", repatriationId)
                .update();
        return jdbc.sql(
                        """
                        update repatriations
                           set custody_delivery = :state, custody_delivery_attempts = custody_delivery_attempts + 1,
                               custody_delivery_error = :error, custody_delivery_next_attempt = null,
                               custody_delivery_token_expiry = null, custody_delivery_settle_time = :now
                         where id = :id and custody_delivery = 'PENDING'
                        returning owner_country""")
                .param("id", repatriationId)
                .param("state", state)
                .param("error", error)
                .param("now", Timestamp.from(now))
                .query(String.class)
                .optional();
    }
}
