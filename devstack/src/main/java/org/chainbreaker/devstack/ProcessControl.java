package org.chainbreaker.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping child processes together with what they started. */
final class ProcessControl {

    private ProcessControl() {}

    /**
     * SIGTERM to the process, then SIGKILL to it and its descendants if they do not end within
     * {@code grace}.
     */
    static void terminate(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean ended;
        try {
            ended = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            process.destroyForcibly();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(ended ? 10 : 2).toNanos();
        for (ProcessHandle child : descendants) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
