package org.chainbreaker.platform.events;

import java.time.Duration;
import org.chainbreaker.platform.jobs.PeriodicJob;

/** Runs {@link Retention} periodically while the application runs. */
public final class RetentionSchedule extends PeriodicJob {

    private final Retention retention;
    private final Duration interval;

    public RetentionSchedule(Retention retention, Duration interval) {
        super("retention");
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void round() {
        retention.pruneNow();
    }
}
