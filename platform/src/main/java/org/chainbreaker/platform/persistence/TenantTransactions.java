package org.chainbreaker.platform.persistence;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chainbreaker.platform.grpc.ContractFindings;
import org.chainbreaker.platform.records.Page;
import org.chainbreaker.platform.records.PageCursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a database transaction on behalf of one tenant. The tenant is set as the
 * transaction-local setting {@code chainbreaker.tenant}, which every row-level-security policy
 * reads: a query that forgets its tenant predicate still sees only what the tenant may see. The
 * setting ends with the transaction, so a pooled connection never carries one tenant's identity
 * into another's work.
 *
 * <p>No transaction commits for a request that breaks the contract's field rules ({@link
 * ContractFindings}): an invalid request changes nothing, not even an audit entry.
 */
public final class TenantTransactions {

    public static final String TENANT_SETTING = "chainbreaker.tenant";

    private final TransactionTemplate writes;
    private final TransactionTemplate reads;
    private final JdbcTemplate jdbc;

    public TenantTransactions(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new TransactionTemplate(transactions);
        this.reads = new TransactionTemplate(transactions);
        // READ ONLY travels with the BEGIN. The isolation stays PostgreSQL's default (read
        // committed): naming it made every read ask the connection for its level first, one more
        // round trip.
        this.reads.setReadOnly(true);
    }

    public <T> T write(String tenant, Supplier<T> work) {
        return writes.execute(
                status -> {
                    enter(tenant);
                    return unlessBroken(work.get());
                });
    }

    /** Work without a result, in one write transaction. */
    public void run(String tenant, Runnable work) {
        writes.executeWithoutResult(
                status -> {
                    enter(tenant);
                    work.run();
                    unlessBroken(null);
                });
    }

    /**
     * Work that may find it must not commit: an empty answer rolls the transaction back (nothing of
     * it stays) and is handed on, so a store's refusal travels as an outcome rather than as an
     * exception.
     */
    public <T> Optional<T> writeOrRollBack(String tenant, Supplier<Optional<T>> work) {
        return writes.execute(
                status -> {
                    enter(tenant);
                    Optional<T> result = unlessBroken(work.get());
                    if (result.isEmpty()) {
                        status.setRollbackOnly();
                    }
                    return result;
                });
    }

    public <T> T read(String tenant, Supplier<T> work) {
        return reads.execute(
                status -> {
                    enter(tenant);
                    return unlessBroken(work.get());
                });
    }

    /**
     * The page a client asked for (see {@link Page#read}), its rows read in one read transaction of
     * the tenant.
     */
    public <T> Page<T> readPage(
            String tenant,
            int pageSize,
            String pageToken,
            Page.Rows<T> rows,
            Function<T, PageCursor> cursorOf) {
        return Page.read(
                pageSize,
                pageToken,
                (after, limit) -> read(tenant, () -> rows.read(after, limit)),
                cursorOf);
    }

    /**
     * A request breaking the contract's field rules runs its work (so the domain's checks made in
     * the transaction, after a record is loaded, still name their fields) but never commits it: the
     * refusal rolls back whatever the work wrote, audit entries and events included.
     */
    private static <T> T unlessBroken(T result) {
        ContractFindings.refuseIfBroken();
        return result;
    }

    private void enter(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is required for database work");
        }
        jdbc.queryForObject(
                "select set_config('" + TENANT_SETTING + "', ?, true)", String.class, tenant);
    }
}
