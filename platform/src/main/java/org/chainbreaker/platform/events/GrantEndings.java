package org.chainbreaker.platform.events;

import java.time.Duration;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells countries whose grants ran out that their access ended: every replica calls the service's
 * {@code grants_tell_ended} periodically, country by country, in a transaction of that country (the
 * granting one: the function claims only the session's country's ended grants, with SKIP LOCKED,
 * and marks them in the same transaction, so replicas share the work and never tell twice). It runs
 * on the application connection because whether the holder still sees the record by another path is
 * asked of the row-level policies, which do not apply to the owner role.
 */
public final class GrantEndings implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrantEndings.class);
    private static final int BATCH = 500;

    private final TenantTransactions transactions;
    private final JdbcTemplate jdbc;
    private final TenantDirectory tenants;
    private final Duration interval;
    private volatile Thread worker;

    public GrantEndings(
            TenantTransactions transactions,
            JdbcTemplate jdbc,
            TenantDirectory tenants,
            Duration interval) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.interval = interval;
    }

    /** Tells what has ended so far; returns how many endings it told. */
    public int tellNow() {
        int total = 0;
        for (String tenant : tenants.codes()) {
            while (true) {
                Integer told =
                        transactions.write(
                                tenant,
                                () ->
                                        jdbc.queryForObject(
                                                "select grants_tell_ended(?)",
                                                Integer.class,
                                                BATCH));
                int n = told == null ? 0 : told;
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
        }
        return total;
    }

    @Override
    public void start() {
        worker =
                Thread.ofVirtual()
                        .name("grant-endings")
                        .start(
                                () -> {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        try {
                                            Thread.sleep(interval);
                                            tellNow();
                                        } catch (InterruptedException e) {
                                            return;
                                        } catch (RuntimeException e) {
                                            log.warn(
                                                    "Telling ended grants failed; next attempt in {}: {}",
                                                    interval,
                                                    e.getMessage());
                                        }
                                    }
                                });
    }

    @Override
    public void stop() {
        Thread current = worker;
        worker = null;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
