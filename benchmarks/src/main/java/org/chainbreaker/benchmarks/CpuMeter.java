package org.chainbreaker.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;

/**
 * CPU time consumed by the parts of a run (this load generator, the gateway, the case-service,
 * PostgreSQL) and by the whole machine, from /proc (Linux). Taken before and after a measurement
 * window, it gives CPU per request, which on a small shared machine says more than throughput
 * alone.
 */
final class CpuMeter {

    /**
     * Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture we run
     * on.
     */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Map<String, LongSupplier> parts = new LinkedHashMap<>();

    CpuMeter(Suite suite, String... modules) {
        this(pidsOf(suite, modules), suite.postgres());
    }

    /** The given processes by name, PostgreSQL (the postmaster's tree) and the machine. */
    CpuMeter(Map<String, Long> processes, PostgresServer postgres) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        parts.put("load generator", os::getProcessCpuTime);
        processes.forEach((name, pid) -> parts.put(name, () -> processTicks(pid) * NANOS_PER_TICK));
        long postmaster = postmasterPid(postgres);
        if (postmaster > 0) {
            parts.put("postgresql", () -> treeTicks(postmaster) * NANOS_PER_TICK);
        }
        parts.put("machine (all)", () -> machineBusyTicks() * NANOS_PER_TICK);
    }

    /** CPU nanoseconds of each part so far. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        parts.forEach((name, supplier) -> out.put(name, supplier.getAsLong()));
        return out;
    }

    /** Difference of two snapshots, per part. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((name, value) -> out.put(name, value - before.getOrDefault(name, 0L)));
        return out;
    }

    /**
     * The postmaster: the parent of a backend serving a connection of ours. 0 if it cannot be
     * found.
     */
    private static Map<String, Long> pidsOf(Suite suite, String... modules) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String module : modules) {
            pids.put(module, suite.process(module).pid());
        }
        return pids;
    }

    private static long postmasterPid(PostgresServer postgres) {
        try (Connection c = postgres.superuserConnection("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return ProcessHandle.of(backend)
                    .flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid)
                    .orElse(0L);
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * The root, its live descendants, and the children it has reaped (PostgreSQL's ended backends
     * and workers).
     */
    private static long treeTicks(long root) {
        long sum = processTicks(root) + reapedChildrenTicks(root);
        var handle = ProcessHandle.of(root);
        if (handle.isPresent()) {
            sum += handle.get().descendants().mapToLong(p -> processTicks(p.pid())).sum();
        }
        return sum;
    }

    /** utime + stime of a process, in ticks; 0 if it is gone. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state) of proc(5); utime and stime are fields 14 and 15.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** cutime + cstime: CPU of the children a process has waited for, in ticks; 0 if it is gone. */
    static long reapedChildrenTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Busy ticks of all cores: the first line of /proc/stat minus idle and iowait (steal excluded).
     */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
