package org.chainbreaker.fugitives.domain.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.chainbreaker.fugitives.domain.PartialDate;

/**
 * Scores labelled pairs (names/*.tsv) as the service's two uses of the matcher decide them: a name
 * search keeps a pair from {@link NameMatcher#THRESHOLD}, an identity check answers hit by {@link
 * NameMatcher#check}. Figures per language and overall: precision, recall, F1 at those thresholds,
 * and ROC AUC of the score.
 */
final class NameEvaluation {

    record Pair(
            String language,
            boolean same,
            String a,
            PartialDate dobA,
            String b,
            PartialDate dobB,
            String kind) {}

    /**
     * A pair's scores: search and {@link NameMatcher#check}, and the identity check as deployed
     * ({@link DeployedCheck}).
     */
    record Scored(Pair pair, NameMatch search, NameMatch check, double deployed) {}

    record Metrics(int n, int tp, int fp, int fn, int tn, double auc) {
        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** The figures of one use (search or check) per language, "overall" last. */
    record Report(
            Map<String, Metrics> search,
            Map<String, Metrics> check,
            Map<String, Metrics> deployed) {}

    /**
     * The three uses measured: search, the matcher's check, the check as the database decides it.
     */
    enum Use {
        SEARCH,
        CHECK,
        DEPLOYED
    }

    /** A labelled file scored, with its figures. */
    record Half(List<Scored> scored, Report report) {}

    private NameEvaluation() {}

    /**
     * Scores a labelled file and prints its figures under {@code title}. Only a development half
     * may also print the pairs it gets wrong (with {@code -Dnames.errors=true}): a sealed half's
     * pairs are never shown.
     */
    static Half printed(String title, String resource, boolean development) {
        List<Scored> scored = score(load(resource));
        Report report = report(scored);
        System.out.println(table(title + " (" + scored.size() + " pairs)", report));
        if (development && Boolean.getBoolean("names.errors")) {
            System.out.println(errors(scored, s -> true));
        }
        return new Half(scored, report);
    }

    static List<Scored> score(List<Pair> pairs) {
        List<Scored> out = new ArrayList<>();
        for (Pair p : pairs) {
            out.add(
                    new Scored(
                            p,
                            NameMatcher.match(p.a(), p.dobA(), p.b(), p.dobB()),
                            NameMatcher.check(p.a(), p.dobA(), p.b(), p.dobB()),
                            DeployedCheck.score(p.a(), p.dobA(), p.b(), p.dobB())));
        }
        return out;
    }

    static Report report(List<Scored> scored) {
        return new Report(
                metricsBy(scored, Use.SEARCH),
                metricsBy(scored, Use.CHECK),
                metricsBy(scored, Use.DEPLOYED));
    }

    private static Map<String, Metrics> metricsBy(List<Scored> scored, Use search) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        scored.stream()
                .map(s -> s.pair().language())
                .distinct()
                .sorted()
                .forEach(
                        language ->
                                out.put(
                                        language,
                                        metrics(
                                                scored.stream()
                                                        .filter(
                                                                s ->
                                                                        s.pair()
                                                                                .language()
                                                                                .equals(language))
                                                        .toList(),
                                                search)));
        out.put("overall", metrics(scored, search));
        return out;
    }

    static double score(Scored s, Use use) {
        return switch (use) {
            case SEARCH -> s.search().score();
            case CHECK -> s.check().score();
            case DEPLOYED -> s.deployed();
        };
    }

    static boolean predicted(Scored s, Use use) {
        return score(s, use)
                >= (use == Use.SEARCH ? NameMatcher.THRESHOLD : NameMatcher.CHECK_THRESHOLD);
    }

    static Metrics metrics(List<Scored> scored, Use search) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (Scored s : scored) {
            boolean predicted = predicted(s, search);
            if (predicted && s.pair().same()) tp++;
            else if (predicted) fp++;
            else if (s.pair().same()) fn++;
            else tn++;
        }
        // ROC AUC: the probability that a random true pair outscores a random false pair (ties
        // count half).
        List<Double> positives = new ArrayList<>();
        List<Double> negatives = new ArrayList<>();
        for (Scored s : scored) {
            double score = score(s, search);
            (s.pair().same() ? positives : negatives).add(score);
        }
        double wins = 0;
        for (double p : positives) {
            for (double q : negatives) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        long comparisons = (long) positives.size() * negatives.size();
        return new Metrics(
                scored.size(), tp, fp, fn, tn, comparisons == 0 ? Double.NaN : wins / comparisons);
    }

    static String table(String title, Report report) {
        StringBuilder out = new StringBuilder("\n" + title + "\n");
        for (Use search : Use.values()) {
            out.append(
                    switch (search) {
                        case SEARCH -> "search (score >= %.2f)%n".formatted(NameMatcher.THRESHOLD);
                        case CHECK ->
                                "identity check, NameMatcher.check (hit from %.2f)%n"
                                        .formatted(NameMatcher.CHECK_THRESHOLD);
                        case DEPLOYED ->
                                "identity check by the V10 database rule (retired by V19; deployed figures: eval3 over gRPC)%n"
                                        .formatted();
                    });
            out.append(
                    "%-8s %5s %5s %4s %4s %5s %9s %7s %6s %7s%n"
                            .formatted(
                                    "language",
                                    "n",
                                    "tp",
                                    "fp",
                                    "fn",
                                    "tn",
                                    "precision",
                                    "recall",
                                    "f1",
                                    "ROC AUC"));
            (switch (search) {
                        case SEARCH -> report.search();
                        case CHECK -> report.check();
                        case DEPLOYED -> report.deployed();
                    })
                    .forEach(
                            (language, m) ->
                                    out.append(
                                            "%-8s %5d %5d %4d %4d %5d %9.3f %7.3f %6.3f %7.3f%n"
                                                    .formatted(
                                                            language,
                                                            m.n(),
                                                            m.tp(),
                                                            m.fp(),
                                                            m.fn(),
                                                            m.tn(),
                                                            m.precision(),
                                                            m.recall(),
                                                            m.f1(),
                                                            m.auc())));
        }
        return out.toString();
    }

    /** The pairs a use gets wrong, for the development half only. */
    static String errors(List<Scored> scored, Predicate<Scored> filter) {
        StringBuilder out = new StringBuilder();
        for (Scored s : scored) {
            if (!filter.test(s)) continue;
            for (Use search : Use.values()) {
                if (predicted(s, search) != s.pair().same()) {
                    NameMatch m = search == Use.SEARCH ? s.search() : s.check();
                    out.append(
                            "  %s %-6s %-5s %.3f %s %s | %s %s  [%s] %s%n"
                                    .formatted(
                                            search,
                                            s.pair().same() ? "MISS" : "FALSE",
                                            s.pair().language(),
                                            score(s, search),
                                            s.pair().a(),
                                            s.pair().dobA(),
                                            s.pair().b(),
                                            s.pair().dobB(),
                                            s.pair().kind(),
                                            m.reasons()));
                }
            }
        }
        return out.toString();
    }

    static List<Pair> load(String resource) {
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        NameEvaluation.class.getResourceAsStream(resource),
                                        resource),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                pairs.add(
                        new Pair(
                                f[0],
                                f[1].equals("1"),
                                f[2],
                                date(f[3]),
                                f[4],
                                date(f[5]),
                                f.length > 6 ? f[6] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    private static PartialDate date(String text) {
        if (text.equals("-")) return PartialDate.UNKNOWN;
        String[] p = text.split("-");
        return new PartialDate(
                Integer.parseInt(p[0]),
                p.length > 1 ? Integer.parseInt(p[1]) : 0,
                p.length > 2 ? Integer.parseInt(p[2]) : 0);
    }
}
