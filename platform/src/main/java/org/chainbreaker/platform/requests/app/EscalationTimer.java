package org.chainbreaker.platform.requests.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Escalates unanswered cooperation requests past their deadline to the coordinators, every
 * interval, on a virtual thread from start to stop of the application. The same mechanism as the
 * rescue requests' timer: each round claims rows with FOR UPDATE SKIP LOCKED in the database, so
 * several replicas running it at once escalate each request once.
 */
public final class EscalationTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationTimer.class);

    private final CooperationDesk desk;
    private final Duration interval;
    private final int batch;
    private volatile Thread worker;

    public EscalationTimer(CooperationDesk desk, Duration interval, int batch) {
        this.desk = desk;
        this.interval = interval;
        this.batch = batch;
    }

    /**
     * One round now (tests call it to escalate without waiting for the next round); how many it
     * escalated.
     */
    public int escalateDue() {
        return desk.escalateDue(batch);
    }

    @Override
    public void start() {
        worker =
                Thread.ofVirtual()
                        .name("cooperation-escalation-timer")
                        .start(
                                () -> {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        try {
                                            Thread.sleep(interval);
                                            escalateDue();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        } catch (RuntimeException e) {
                                            log.warn(
                                                    "A round of the cooperation escalation timer failed: {}",
                                                    e.getMessage());
                                        }
                                    }
                                });
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
