package org.chainbreaker.platform.requests.app;

import java.time.Duration;
import org.chainbreaker.platform.jobs.PeriodicJob;

/**
 * Escalates unanswered cooperation requests past their deadline to the coordinators, every
 * interval. The same mechanism as the rescue requests' timer: each round claims rows with FOR
 * UPDATE SKIP LOCKED in the database, so several replicas running it at once escalate each request
 * once.
 */
public final class EscalationTimer extends PeriodicJob {

    private final CooperationDesk desk;
    private final Duration interval;
    private final int batch;

    public EscalationTimer(CooperationDesk desk, Duration interval, int batch) {
        super("cooperation-escalation-timer");
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
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void round() {
        escalateDue();
    }
}
