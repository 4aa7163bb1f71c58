package org.chainbreaker.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command-line options {@code --name=value} (or {@code --flag}, {@code --no-flag}) with defaults,
 * printed with the results so that a run says how it was made.
 */
final class Options {

    /** A mistake on the command line. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> used = new TreeMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();

    Options(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new UsageException("options look like --name=value, not " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                given.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (body.startsWith("no-")) {
                given.put(body.substring(3), "false");
            } else {
                given.put(body, "true");
            }
        }
    }

    boolean helpRequested() {
        return given.containsKey("help");
    }

    String string(String name, String defaultValue, String description) {
        help.put(name, description + " (default " + defaultValue + ")");
        String value = given.getOrDefault(name, defaultValue);
        used.put(name, value);
        return value;
    }

    int integer(String name, int defaultValue, String description) {
        return Integer.parseInt(string(name, Integer.toString(defaultValue), description));
    }

    double decimal(String name, double defaultValue, String description) {
        return Double.parseDouble(string(name, Double.toString(defaultValue), description));
    }

    boolean flag(String name, boolean defaultValue, String description) {
        return Boolean.parseBoolean(string(name, Boolean.toString(defaultValue), description));
    }

    /** Seconds, possibly fractional. */
    Duration seconds(String name, double defaultSeconds, String description) {
        return Duration.ofMillis(
                Math.round(decimal(name, defaultSeconds, description + ", seconds") * 1000));
    }

    /** Fails on an option nobody asked for (a typo would otherwise silently run the defaults). */
    void rejectUnknown() {
        for (String name : given.keySet()) {
            if (!help.containsKey(name) && !name.equals("help")) {
                throw new UsageException("unknown option --" + name + "; known: " + help.keySet());
            }
        }
    }

    String usage() {
        StringBuilder out = new StringBuilder();
        help.forEach((name, text) -> out.append(String.format("  --%-14s %s%n", name, text)));
        return out.toString();
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        used.forEach(
                (name, value) ->
                        out.append(out.isEmpty() ? "" : " ")
                                .append("--")
                                .append(name)
                                .append('=')
                                .append(value));
        return out.toString();
    }
}
