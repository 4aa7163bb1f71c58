package org.chainbreaker.fugitives;

import com.google.type.Date;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.WantedPersonMatch;

/**
 * Runs labelled name pairs (names/*.tsv) through the running service as deployed: each pair's
 * second name is stored as a published notice of one country, its first name is checked by another
 * country (fugitives_identity_check decides in the database: hit when the notice's reference is
 * among the hits) and searched by the owner (the notice's score among the matches). The database's
 * own score of the check (fugitives_check_score over the stored form, read as the database owner)
 * gives the check's ranking for ROC AUC.
 */
final class DeployedEvaluation {

    record Pair(
            String lang,
            boolean same,
            String a,
            PartialDate dobA,
            String b,
            PartialDate dobB,
            String kind) {}

    /** One pair as the deployed service answered it. */
    record Outcome(
            Pair pair,
            double matcherScore,
            boolean matcherCheck,
            boolean deployedCheck,
            double deployedScore,
            double searchScore) {}

    private DeployedEvaluation() {}

    static List<Pair> read(String resource) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        DeployedEvaluation.class.getResourceAsStream(resource)),
                                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
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
        }
        return pairs;
    }

    private static PartialDate date(String text) {
        if (text.equals("-")) {
            return new PartialDate(0, 0, 0);
        }
        String[] p = text.split("-");
        return new PartialDate(
                Integer.parseInt(p[0]),
                p.length > 1 ? Integer.parseInt(p[1]) : 0,
                p.length > 2 ? Integer.parseInt(p[2]) : 0);
    }

    static Date proto(PartialDate d) {
        return Date.newBuilder().setYear(d.year()).setMonth(d.month()).setDay(d.day()).build();
    }

    /**
     * Stores every pair's second name as a notice of {@code owner} (coordinator stub of country
     * {@code ownerCountry}) and runs the check as {@code checker}; with {@code search}, the owner
     * also searches each first name.
     */
    static List<Outcome> run(
            List<Pair> pairs,
            FugitiveServiceBlockingStub owner,
            FugitiveServiceBlockingStub checker,
            boolean search,
            PostgresServer.DatabaseAccess database)
            throws SQLException {
        List<WantedPerson> stored = new ArrayList<>();
        for (Pair p : pairs) {
            // The first writes of a freshly started service may exceed their deadline on a loaded
            // machine (as in DatabaseAttackTest): each notice is tried up to three times.
            for (int attempt = 1; ; attempt++) {
                try {
                    stored.add(
                            RunningFugitiveService.published(
                                    owner,
                                    RunningFugitiveService.person(p.b(), 0, 0, 0)
                                            .setDateOfBirth(proto(p.dobB()))));
                    break;
                } catch (io.grpc.StatusRuntimeException e) {
                    if (attempt == 3
                            || e.getStatus().getCode() != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                        throw e;
                    }
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        String databaseName = database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
        try (Connection db = PostgresServer.shared().superuserConnection(databaseName);
                PreparedStatement score =
                        db.prepareStatement(
                                """
                                select max(fugitives_check_score(fugitives_name_score(cast(? as jsonb), f.form),
                                           ?, ?, ?, w.birth_year, w.birth_month, w.birth_day))
                                  from wanted_person_name_forms f join wanted_persons w on w.id = f.wanted_person_id
                                 where w.id = cast(? as uuid)""")) {
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                WantedPerson notice = stored.get(i);
                double matcherScore = NameMatcher.check(p.a(), p.dobA(), p.b(), p.dobB()).score();
                boolean matcher = matcherScore >= NameMatcher.CHECK_THRESHOLD;
                boolean deployed =
                        checker
                                .checkIdentity(
                                        CheckIdentityRequest.newBuilder()
                                                .setName(p.a())
                                                .setDateOfBirth(proto(p.dobA()))
                                                .setPurpose("evaluation of the deployed check")
                                                .build())
                                .getHitsList()
                                .stream()
                                .map(IdentityHit::getReference)
                                .anyMatch(notice.getReference()::equals);
                score.setString(1, NameForm.of(NameNormalizer.normalize(p.a().strip())));
                score.setInt(2, p.dobA().year());
                score.setInt(3, p.dobA().month());
                score.setInt(4, p.dobA().day());
                score.setString(5, notice.getId());
                double deployedScore;
                try (ResultSet rs = score.executeQuery()) {
                    rs.next();
                    deployedScore = rs.getDouble(1);
                }
                double searchScore = 0;
                if (search) {
                    for (WantedPersonMatch m :
                            owner.searchWantedPersons(
                                            SearchWantedPersonsRequest.newBuilder()
                                                    .setName(p.a())
                                                    .setDateOfBirth(proto(p.dobA()))
                                                    .setMinScore(0.01)
                                                    .setPageSize(100)
                                                    .build())
                                    .getMatchesList()) {
                        if (m.getWantedPerson().getId().equals(notice.getId())) {
                            searchScore = m.getScore();
                        }
                    }
                }
                out.add(
                        new Outcome(
                                p, matcherScore, matcher, deployed, deployedScore, searchScore));
            }
        }
        return out;
    }

    /**
     * One half of an evaluation set through the service as deployed ({@link #run}: LA publishes, VN
     * checks, LA searches), its figures printed per language: the search over gRPC, the identity
     * check as the database decides it, and {@code NameMatcher.check} for comparison. Only a
     * development half may also print the pairs the search or the deployed check gets wrong (with
     * {@code -Dnames.errors=true}).
     */
    static List<Outcome> printed(String title, String resource, boolean development)
            throws IOException, SQLException {
        List<Outcome> outcomes =
                run(
                        read(resource),
                        RunningFugitiveService.coordinator("LA"),
                        RunningFugitiveService.investigator("VN"),
                        true,
                        RunningFugitiveService.DATABASE);
        double threshold = NameMatcher.THRESHOLD;
        System.out.println(title + " (" + outcomes.size() + " pairs)");
        System.out.print(
                table(
                        String.format(Locale.ROOT, "search over gRPC (score >= %.2f)", threshold),
                        outcomes,
                        o -> o.searchScore() >= threshold,
                        Outcome::searchScore));
        System.out.print(
                table(
                        "identity check as deployed over gRPC (hit from 0.70; AUC of the database's score)",
                        outcomes,
                        Outcome::deployedCheck,
                        Outcome::deployedScore));
        System.out.print(
                table(
                        "NameMatcher.check (Java, for comparison)",
                        outcomes,
                        Outcome::matcherCheck,
                        Outcome::matcherScore));
        if (development && Boolean.getBoolean("names.errors")) {
            for (Outcome o : outcomes) {
                boolean search = o.searchScore() >= threshold;
                if (search != o.pair().same() || o.deployedCheck() != o.pair().same()) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %-5s %s search %.3f%s check %.3f%s  %s %s | %s %s  [%s]%n",
                            o.pair().lang(),
                            o.pair().same() ? "MISS " : "FALSE",
                            o.searchScore(),
                            search != o.pair().same() ? "!" : " ",
                            o.deployedScore(),
                            o.deployedCheck() != o.pair().same() ? "!" : " ",
                            o.pair().a(),
                            o.pair().dobA(),
                            o.pair().b(),
                            o.pair().dobB(),
                            o.pair().kind());
                }
            }
        }
        return outcomes;
    }

    /** Per language and overall: n, tp, fp, fn, tn, precision, recall, F1, ROC AUC. */
    static String table(
            String title,
            List<Outcome> outcomes,
            java.util.function.Predicate<Outcome> hit,
            ToDoubleFunction<Outcome> score) {
        Map<String, List<Outcome>> by = new TreeMap<>();
        for (Outcome o : outcomes) {
            by.computeIfAbsent(o.pair().lang(), k -> new ArrayList<>()).add(o);
        }
        by.put("overall", outcomes);
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-9s %5s %5s %4s %4s %5s %9s %7s %6s %7s%n",
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
        for (Map.Entry<String, List<Outcome>> e : by.entrySet()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (Outcome o : e.getValue()) {
                boolean h = hit.test(o);
                boolean same = o.pair().same();
                if (h && same) {
                    tp++;
                } else if (h) {
                    fp++;
                } else if (same) {
                    fn++;
                } else {
                    tn++;
                }
            }
            double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-9s %5d %5d %4d %4d %5d %9.3f %7.3f %6.3f %7.3f%n",
                            e.getKey(),
                            e.getValue().size(),
                            tp,
                            fp,
                            fn,
                            tn,
                            p,
                            r,
                            f1,
                            auc(e.getValue(), score)));
        }
        return out.toString();
    }

    /** ROC AUC: the chance that a true pair outranks a false one, ties counting half. */
    static double auc(List<Outcome> outcomes, ToDoubleFunction<Outcome> score) {
        double wins = 0;
        long n = 0;
        for (Outcome t : outcomes) {
            if (!t.pair().same()) {
                continue;
            }
            for (Outcome f : outcomes) {
                if (f.pair().same()) {
                    continue;
                }
                double st = score.applyAsDouble(t);
                double sf = score.applyAsDouble(f);
                wins += st > sf ? 1 : st == sf ? 0.5 : 0;
                n++;
            }
        }
        return n == 0 ? Double.NaN : wins / n;
    }

    /** F1 of one decision over the pairs (for assertions). */
    static double f1(List<Outcome> outcomes, java.util.function.Predicate<Outcome> hit) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Outcome o : outcomes) {
            boolean h = hit.test(o);
            if (h && o.pair().same()) {
                tp++;
            } else if (h) {
                fp++;
            } else if (o.pair().same()) {
                fn++;
            }
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
