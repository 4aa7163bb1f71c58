package org.chainbreaker.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks for due audit checkpoints on a virtual thread while the service runs; every replica runs
 * one, the per-country lock in {@link AuditCheckpoints} lets one sign.
 */
public final class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;
    private volatile Thread worker;

    public CheckpointSchedule(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void start() {
        var every = checkpoints.settings().checkEvery();
        worker =
                Thread.ofVirtual()
                        .name("audit-checkpoints")
                        .start(
                                () -> {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        try {
                                            Thread.sleep(every);
                                            checkpoints.signDue();
                                        } catch (InterruptedException e) {
                                            return;
                                        } catch (RuntimeException e) {
                                            log.warn(
                                                    "Signing audit checkpoints failed; next attempt in {}: {}",
                                                    every,
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
