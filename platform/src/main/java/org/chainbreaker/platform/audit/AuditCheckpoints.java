package org.chainbreaker.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.keys.TokenSigner;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signed checkpoints of the audit chain, per country: the service signs, with a key in the PKCS#11
 * token, the chain's hash at each country's latest entry after every {@code everyEntries} new
 * entries of that country or once {@code interval} has passed since its last checkpoint; the
 * country reads them (and an {@code audit.checkpoint} event tells it of each new one), keeps them,
 * and can later have the chain compared with what it kept. A superuser who rewrites entries and
 * recomputes every hash passes {@link AuditTrail#verify()}, not this.
 *
 * <p>Each country's checkpoints are taken in that country's own session (its row-level security
 * applies: it reads only its entries' hashes and adds only its own checkpoints), under a
 * transaction-scoped advisory lock per country, so that of several replicas only one signs a given
 * head and the others skip the round.
 */
public final class AuditCheckpoints {

    /** The audit trail's record type and event type of a checkpoint. */
    public static final String RECORD_TYPE = "audit_checkpoint";

    public static final String EVENT_TYPE = "audit.checkpoint";

    /**
     * When to sign.
     *
     * @param everyEntries new entries of a country that make a checkpoint due at once
     * @param interval time after which a country's newer entries get a checkpoint anyway
     * @param checkEvery how often the schedule looks
     */
    public record Settings(long everyEntries, Duration interval, Duration checkEvery) {}

    /** The token's audit signing keys, as the service sees them. */
    public interface SigningKeys {

        /** Every key, oldest first: the last one signs, the others are retired. */
        List<TokenSigner> all();

        /**
         * Looks at the token again for keys made since (by the operator, in another process), only
         * for a label that is not known: every time when {@code always} (the signer, at most once
         * per country and round), else at most about once a second (labels callers name).
         */
        void refresh(boolean always);
    }

    /**
     * A published key.
     *
     * @param retireTime when its successor was made, from which it signs nothing; empty for the
     *     current key
     * @param labels every key of the service, oldest first
     */
    public record PublishedKey(
            TokenSigner key, Optional<Instant> retireTime, List<String> labels) {}

    /**
     * A checkpoint under a retired key is genuine only if signed before its successor was made, or
     * within this time after: a replica signs with a new key once it has learnt of it (restarted,
     * asked for it by label, or meeting a checkpoint another replica signed with it), and this is
     * the time the operator has for that (docs/operations.md, rotating the signing key).
     */
    static final Duration RETIREMENT_GRACE = Duration.ofMinutes(10);

    private static final int MAX_VERIFIED = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final String service;
    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;
    private final AuditTrail audit;
    private final SigningKeys signingKeys;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Settings settings;
    private final Duration auditRetention;

    public AuditCheckpoints(
            String service,
            JdbcTemplate jdbc,
            TenantTransactions transactions,
            AuditTrail audit,
            SigningKeys signingKeys,
            TenantDirectory tenants,
            Clock clock,
            Settings settings,
            Duration auditRetention) {
        this.service = service;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.signingKeys = signingKeys;
        this.tenants = tenants;
        this.clock = clock;
        this.settings = settings;
        this.auditRetention = auditRetention;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * One round of the schedule: every country whose checkpoint is due gets one. The token's key
     * list is not read again for it (see {@link #sign}).
     */
    public int signDue() {
        if (signingKeys.all().isEmpty()) {
            return 0;
        }
        int signed = 0;
        for (String country : tenants.codes().stream().sorted().toList()) {
            if (sign(country, false).isPresent()) {
                signed++;
            }
        }
        return signed;
    }

    /**
     * Signs the country's current head now if it has entries newer than its last checkpoint
     * (operators before a planned change, and the tests); empty when there is nothing new or
     * another replica is signing it.
     */
    public Optional<AuditCheckpoint> signNow(String country) {
        requireSigner();
        return sign(country, true);
    }

    /**
     * Signs with the newest key this replica knows. It reads the token's key list again only when
     * the country's last checkpoint names a key it does not know (another replica, restarted or
     * told of a new key, signed with it): a replica never signs with a key older than the one
     * already used for the country, and skips the country if the token has no such key.
     */
    private Optional<AuditCheckpoint> sign(String country, boolean force) {
        return transactions.writeOrRollBack(
                country,
                () -> {
                    // The schedule skips a country another replica is signing; an explicit request
                    // waits for it and then finds whether anything is left to sign.
                    if (force) {
                        jdbc.query(
                                "select pg_advisory_xact_lock(hashtext('chainbreaker.audit_checkpoint'),"
                                        + " hashtext(?))",
                                rs -> {},
                                country);
                    } else if (!Boolean.TRUE.equals(
                            jdbc.queryForObject(
                                    "select pg_try_advisory_xact_lock(hashtext('chainbreaker.audit_checkpoint'),"
                                            + " hashtext(?))",
                                    Boolean.class,
                                    country))) {
                        return Optional.empty();
                    }
                    List<Object[]> head =
                            jdbc.query(
                                    """
                                    select owner_seq, hash from audit_log
                                     where record_owner = ? order by seq desc limit 1""",
                                    (rs, n) ->
                                            new Object[] {
                                                rs.getLong("owner_seq"), rs.getBytes("hash")
                                            },
                                    country);
                    if (head.isEmpty()) {
                        return Optional.empty();
                    }
                    long ownerSeq = (Long) head.getFirst()[0];
                    byte[] hash = (byte[]) head.getFirst()[1];
                    Optional<AuditCheckpoint> last = latest(country);
                    List<TokenSigner> keys = signingKeys.all();
                    if (last.isPresent() && keyOf(keys, last.get().keyLabel()).isEmpty()) {
                        signingKeys.refresh(true);
                        keys = signingKeys.all();
                        if (keyOf(keys, last.get().keyLabel()).isEmpty()) {
                            log.warn(
                                    "{}'s last audit checkpoint names {}, a key this replica's token does"
                                            + " not list: not signing {} this round",
                                    country,
                                    last.get().keyLabel(),
                                    country);
                            return Optional.empty();
                        }
                    }
                    TokenSigner key = keys.getLast();
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    if (last.isPresent()) {
                        long fresh = ownerSeq - last.get().ownerSeq();
                        boolean due =
                                fresh >= settings.everyEntries()
                                        || (fresh > 0
                                                && !now.isBefore(
                                                        last.get()
                                                                .signTime()
                                                                .plus(settings.interval())));
                        if (fresh <= 0 || !(force || due)) {
                            return Optional.empty();
                        }
                    }
                    long number = last.map(AuditCheckpoint::number).orElse(0L) + 1;
                    AuditCheckpoint unsigned =
                            new AuditCheckpoint(
                                    service,
                                    country,
                                    number,
                                    ownerSeq,
                                    hash,
                                    now,
                                    key.label(),
                                    new byte[0]);
                    AuditCheckpoint checkpoint =
                            unsigned.withSignature(key.sign(unsigned.signedBytes()));
                    jdbc.update(
                            """
                            insert into audit_checkpoints (country, number, owner_seq, entry_hash, sign_time,
                                                           key_label, signature)
                            values (?, ?, ?, ?, ?, ?, ?)""",
                            country,
                            number,
                            ownerSeq,
                            hash,
                            Timestamp.from(now),
                            key.label(),
                            checkpoint.signature());
                    jdbc.update(
                            """
                            insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type,
                                                       actor_user)
                            values (?, ?, ?, ?, ?, ?)""",
                            Timestamp.from(now),
                            country,
                            RECORD_TYPE,
                            Long.toString(number),
                            EVENT_TYPE,
                            service);
                    return Optional.of(checkpoint);
                });
    }

    private Optional<AuditCheckpoint> latest(String country) {
        return jdbc
                .query(
                        "select * from audit_checkpoints where country = ? order by number desc limit 1",
                        this::checkpoint,
                        country)
                .stream()
                .findFirst();
    }

    /** The caller's country's checkpoints after a number, oldest first. */
    public List<AuditCheckpoint> list(Caller caller, long afterNumber, int limit) {
        requireAuditor(caller);
        return transactions.read(
                caller.tenant(),
                () ->
                        jdbc.query(
                                """
                                select * from audit_checkpoints
                                 where country = ? and number > ? order by number limit ?""",
                                this::checkpoint,
                                caller.tenant(),
                                afterNumber,
                                limit));
    }

    /**
     * The public key that verifies this service's checkpoints signed under {@code label} (empty:
     * the current key, which signs new ones).
     *
     * @throws NotFoundException when the service has no key of that label
     */
    public PublishedKey publicKey(String label) {
        requireSigner();
        List<TokenSigner> all = signingKeys.all();
        if (!label.isEmpty() && keyOf(all, label).isEmpty()) {
            signingKeys.refresh(false);
            all = signingKeys.all();
        }
        TokenSigner key =
                label.isEmpty()
                        ? all.getLast()
                        : keyOf(all, label)
                                .orElseThrow(
                                        () -> new NotFoundException("audit signing key " + label));
        return new PublishedKey(
                key, retireTime(all, key.label()), all.stream().map(TokenSigner::label).toList());
    }

    private static Optional<TokenSigner> keyOf(List<TokenSigner> all, String label) {
        return all.stream().filter(k -> k.label().equals(label)).findFirst();
    }

    /** When the key's successor was made; empty for the newest key. */
    private static Optional<Instant> retireTime(List<TokenSigner> all, String label) {
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i).label().equals(label)) {
                return Optional.of(all.get(i + 1).validFrom());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the checkpoint carries the signature of the key it names, made while that key was
     * current (a retired key signs nothing new; a checkpoint naming an unknown key is not genuine).
     */
    private boolean genuine(List<TokenSigner> all, AuditCheckpoint c) {
        Optional<TokenSigner> key = keyOf(all, c.keyLabel());
        if (key.isEmpty()) {
            return false;
        }
        Optional<Instant> retired = retireTime(all, c.keyLabel());
        if (retired.isPresent() && !c.signTime().isBefore(retired.get().plus(RETIREMENT_GRACE))) {
            return false;
        }
        return TokenSigner.verifies(key.get().publicKey(), c.signedBytes(), c.signature());
    }

    /**
     * Compares the chain with checkpoints the caller's country kept. Every checkpoint must carry
     * this service's signature for the caller's country (otherwise INVALID_ARGUMENT naming it,
     * nothing compared: a forged or altered checkpoint, or another country's, proves nothing); the
     * answer names the first checkpoint whose entry now has another hash or is gone before
     * retention could remove it. The verification itself is recorded on the chain.
     */
    public CheckpointVerification verify(Caller caller, List<AuditCheckpoint> kept) {
        requireAuditor(caller);
        if (kept.isEmpty() || kept.size() > MAX_VERIFIED) {
            throw InvalidArgumentException.of(
                    "checkpoints", "between 1 and " + MAX_VERIFIED + " checkpoints");
        }
        requireSigner();
        List<TokenSigner> all = signingKeys.all();
        if (kept.stream().anyMatch(c -> keyOf(all, c.keyLabel()).isEmpty())) {
            // A key made since this replica last looked (another replica signed with it).
            signingKeys.refresh(false);
        }
        List<TokenSigner> keys = signingKeys.all();
        for (int i = 0; i < kept.size(); i++) {
            AuditCheckpoint c = kept.get(i);
            if (!c.service().equals(service)
                    || !c.country().equals(caller.tenant())
                    || !genuine(keys, c)) {
                throw InvalidArgumentException.of(
                        "checkpoints[" + i + "].signature",
                        "not a checkpoint this service signed for the caller's country");
            }
        }
        List<AuditCheckpoint> ordered =
                kept.stream().sorted(Comparator.comparingLong(AuditCheckpoint::number)).toList();
        Instant retainedSince = clock.instant().minus(auditRetention);
        CheckpointVerification result =
                transactions.read(
                        caller.tenant(),
                        () -> {
                            ChainVerification chain = audit.verify();
                            int checked = 0;
                            int retired = 0;
                            OptionalLong failing = OptionalLong.empty();
                            for (AuditCheckpoint c : ordered) {
                                List<byte[]> now =
                                        jdbc.query(
                                                "select hash from audit_log where record_owner = ? and owner_seq = ?",
                                                (rs, n) -> rs.getBytes(1),
                                                caller.tenant(),
                                                c.ownerSeq());
                                if (now.isEmpty() && c.signTime().isBefore(retainedSince)) {
                                    retired++;
                                    continue;
                                }
                                checked++;
                                if (now.isEmpty()
                                        || !Arrays.equals(now.getFirst(), c.entryHash())) {
                                    failing = OptionalLong.of(c.number());
                                    break;
                                }
                            }
                            return new CheckpointVerification(
                                    chain.intact(), checked, retired, failing);
                        });
        transactions.run(
                caller.tenant(),
                () ->
                        audit.record(
                                caller,
                                AuditAction.VERIFY_CHAIN,
                                RECORD_TYPE,
                                service,
                                caller.tenant(),
                                result.firstFailing().isPresent()
                                        ? "checkpoint "
                                                + result.firstFailing().getAsLong()
                                                + " no longer holds"
                                        : "checkpoints hold"));
        return result;
    }

    private TokenSigner requireSigner() {
        List<TokenSigner> all = signingKeys.all();
        if (all.isEmpty()) {
            throw new FailedPreconditionException(
                    "the key store has no audit signing key (audit-signing-1): see"
                            + " docs/operations.md, signed audit checkpoints");
        }
        return all.getLast();
    }

    private static void requireAuditor(Caller caller) {
        if (!caller.hasRole("admin") && !caller.hasRole("coordinator")) {
            throw new PermissionDeniedException(
                    "the audit checkpoints need the admin or coordinator role");
        }
    }

    private AuditCheckpoint checkpoint(ResultSet rs, int row) throws SQLException {
        return new AuditCheckpoint(
                service,
                rs.getString("country"),
                rs.getLong("number"),
                rs.getLong("owner_seq"),
                rs.getBytes("entry_hash"),
                rs.getTimestamp("sign_time").toInstant(),
                rs.getString("key_label"),
                rs.getBytes("signature"));
    }
}
