package org.chainbreaker.benchmarks;

/** Runs a benchmark's body and ends the JVM (the shared PostgreSQL and Keycloak stop with it). */
final class Main {

    interface Body {
        void run() throws Exception;
    }

    private Main() {}

    static void run(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Options.UsageException e) {
            System.err.println("bin/bench: " + e.getMessage());
            status = 2;
        } catch (Throwable e) {
            System.err.println("bin/bench: the benchmark failed");
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
