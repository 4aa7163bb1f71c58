package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.chainbreaker.devstack.PostgresServer;

/**
 * The audit trail as the database superuser sees and rewrites it, behind the application's back.
 */
final class AuditLogAsSuperuser {

    private AuditLogAsSuperuser() {}

    /**
     * As the database superuser: changes the purpose of the country's entry with that own number
     * and recomputes prev_hash and hash of it and of every later entry with the same canonical form
     * the database uses, holding the chain's own lock. Returns the global seq edited.
     */
    static long rewriteAndRehash(String country, long ownerSeq) throws SQLException {
        try (Connection su = PostgresServer.shared().superuserConnection("cases")) {
            long seq;
            try (PreparedStatement find =
                    su.prepareStatement(
                            "select seq from audit_log where record_owner = ? and owner_seq = ?")) {
                find.setString(1, country);
                find.setLong(2, ownerSeq);
                try (ResultSet rs = find.executeQuery()) {
                    assertThat(rs.next()).as("KR's entry %s", ownerSeq).isTrue();
                    seq = rs.getLong(1);
                }
            }
            su.setAutoCommit(false);
            try (Statement s = su.createStatement()) {
                s.execute("set local session_replication_role = replica");
                s.execute("select pg_advisory_xact_lock(hashtext('chainbreaker.audit_log'))");
                s.execute(
                        "update audit_log set purpose = 'nothing to see here' where seq = " + seq);
                s.execute(
                        """
                        do $$
                        declare
                            e record;
                            v_hash bytea;
                        begin
                            v_hash := coalesce((select hash from audit_log where seq < %1$d order by seq desc limit 1),
                                               (select hash from audit_anchor));
                            for e in select * from audit_log where seq >= %1$d order by seq loop
                                update audit_log
                                   set prev_hash = v_hash,
                                       hash = sha256(v_hash || audit_canonical(e.seq, e.at, e.actor_tenant,
                                                     e.actor_user, e.actor_client, e.action, e.record_type,
                                                     e.record_id, e.record_owner, e.purpose))
                                 where seq = e.seq
                             returning hash into v_hash;
                            end loop;
                        end
                        $$"""
                                .formatted(seq));
            }
            su.commit();
            return seq;
        }
    }

    /** The whole chain and its anchor, one line an entry: the message of a failed check. */
    static String dump() {
        try (Connection superuser = PostgresServer.shared().superuserConnection("cases")) {
            var rs =
                    superuser
                            .createStatement()
                            .executeQuery(
                                    "select seq, at, actor_tenant, action, record_id, purpose, encode(prev_hash, 'hex') p, encode(hash, 'hex') h from audit_log order by seq");
            StringBuilder dump = new StringBuilder();
            while (rs.next()) {
                dump.append(rs.getLong(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append(' ')
                        .append(rs.getString(6))
                        .append(' ')
                        .append(rs.getString(7), 0, 8)
                        .append(' ')
                        .append(rs.getString(8), 0, 8)
                        .append('\n');
            }
            var anchor =
                    superuser
                            .createStatement()
                            .executeQuery("select seq, encode(hash, 'hex') from audit_anchor");
            anchor.next();
            return dump.append("anchor ")
                    .append(anchor.getLong(1))
                    .append(' ')
                    .append(anchor.getString(2), 0, 8)
                    .toString();
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }
}
