package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.RevokeShareRequest;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;
import org.junit.jupiter.api.Test;

/**
 * Grant chains under generated sequences of share (by the owner, which also tightens or loosens),
 * pass on (by a partner), expire and revoke, against the real service and PostgreSQL, compared
 * after every step with a model in which a grant passed on counts only as its chain allows: never
 * looser, never longer-lived than the grant it came from, at every moment. What is compared is what
 * each country can actually read through the service: the case (NOT_FOUND, or the handling code and
 * expiry of its grant) and a technical analysis (visible under H0 to H2 only). The model-free half:
 * whatever the model says, no country reads a case more loosely or longer than the country that
 * passed it on. Seeded (-Dgrantchain.seed=..., printed); -Dgrantchain.sequences=... for more.
 */
class GrantChainPropertyTest extends RunningCaseService {

    private static final String OWNER = "KR";
    private static final List<String> PARTNERS = List.of("TH", "VN", "MY", "ID", "SG");
    private static final int SEQUENCES = Integer.getInteger("grantchain.sequences", 20);
    private static final int STEPS = 12;

    /** An expiry that has passed (the model's mark for a grant let run out). */
    private static final Instant PAST = Instant.EPOCH;

    private static final HandlingCode[] CODES = {
        HandlingCode.H0, HandlingCode.H1, HandlingCode.H2, HandlingCode.H3
    };

    /**
     * A fresh stub for each call: a stub's deadline starts when it is made, and tokens live five
     * minutes.
     */
    private static CaseServiceBlockingStub as(String country) {
        return casesAs(country, country.toLowerCase() + "-investigator", "investigator");
    }

    /** A grant row as stored: its own code and expiry (null: none), and who made it. */
    record Grant(HandlingCode code, Instant expire, String grantedBy) {}

    /** The model: the rows of one case, and the chain rule. */
    static final class Model {
        final Map<String, Grant> rows = new HashMap<>();

        /**
         * Through the chain: the strictest code and earliest expiry from the owner's grant down;
         * empty if broken.
         */
        Optional<Grant> effective(String country) {
            Grant row = rows.get(country);
            if (row == null) {
                return Optional.empty();
            }
            HandlingCode code = row.code();
            Instant expire = row.expire();
            Set<String> seen = new HashSet<>(List.of(country));
            while (!row.grantedBy().equals(OWNER)) {
                String by = row.grantedBy();
                row = rows.get(by);
                if (row == null || !seen.add(by)) {
                    return Optional.empty();
                }
                code = code.compareTo(row.code()) >= 0 ? code : row.code();
                expire =
                        expire == null
                                ? row.expire()
                                : row.expire() == null
                                        ? expire
                                        : expire.isBefore(row.expire()) ? expire : row.expire();
            }
            return Optional.of(new Grant(code, expire, row.grantedBy()));
        }

        Optional<Grant> live(String country) {
            return effective(country)
                    .filter(g -> g.expire() == null || g.expire().isAfter(Instant.now()));
        }

        void revoke(String country) {
            Set<String> gone = new HashSet<>(Set.of(country));
            boolean more = true;
            while (more) {
                more =
                        rows.entrySet().removeIf(e -> gone.contains(e.getKey()))
                                | rows.entrySet().stream()
                                        .anyMatch(
                                                e ->
                                                        gone.contains(e.getValue().grantedBy())
                                                                && gone.add(e.getKey()));
            }
        }
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).build();
    }

    private static Status.Code outcome(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void a_grant_passed_on_is_never_looser_nor_longer_lived_than_its_source_at_any_moment() {
        long seed = Long.getLong("grantchain.seed", System.nanoTime());
        System.out.println(
                "GrantChainPropertyTest: seed "
                        + seed
                        + " (rerun with -Dgrantchain.seed="
                        + seed
                        + ")");
        Random random = new Random(seed);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.HOURS);
        int[] counts = new int[5];
        int[] outcomes = new int[3];
        long started = System.nanoTime();
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            Case c =
                    as(OWNER)
                            .createCase(
                                    CreateCaseRequest.newBuilder()
                                            .setCase(
                                                    Case.newBuilder()
                                                            .setTitle(
                                                                    "Grant chain "
                                                                            + seed
                                                                            + "/"
                                                                            + sequence)
                                                            .setCategory(Case.Category.OTHER))
                                            .build());
            TechnicalAnalysis analysis =
                    as(OWNER)
                            .createTechnicalAnalysis(
                                    CreateTechnicalAnalysisRequest.newBuilder()
                                            .setCaseId(c.getId())
                                            .setTechnicalAnalysis(
                                                    TechnicalAnalysis.newBuilder()
                                                            .setKind(TechnicalAnalysis.Kind.MALWARE)
                                                            .setTitle("Sample"))
                                            .build());
            Model model = new Model();
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                int kind =
                        step < 2
                                ? 0
                                : random.nextInt(10) < 3
                                        ? 1
                                        : new int[] {0, 2, 3, 4}[random.nextInt(4)];
                counts[kind]++;
                String x = PARTNERS.get(random.nextInt(PARTNERS.size()));
                HandlingCode code = CODES[random.nextInt(CODES.length)];
                Instant expire =
                        random.nextBoolean()
                                ? null
                                : base.plus(1 + random.nextInt(6), ChronoUnit.HOURS);
                String what;
                Status.Code expected;
                Status.Code got;
                switch (kind) {
                    case 0, 2 -> {
                        // The owner shares, or (2) tightens a grant it sees: never looser, never
                        // longer.
                        if (kind == 2 && model.rows.containsKey(x)) {
                            Grant now = model.rows.get(x);
                            code = code.compareTo(now.code()) >= 0 ? code : now.code();
                            if (now.expire() != null
                                    && !now.expire().equals(PAST)
                                    && (expire == null || expire.isAfter(now.expire()))) {
                                expire = now.expire();
                            }
                        }
                        what =
                                (kind == 0 ? "KR shares with " : "KR tightens ")
                                        + x
                                        + " "
                                        + code
                                        + until(expire);
                        ShareCaseRequest.Builder request =
                                ShareCaseRequest.newBuilder()
                                        .setId(c.getId())
                                        .setCountry(x)
                                        .setHandlingCode(code);
                        if (expire != null) {
                            request.setExpireTime(timestamp(expire));
                        }
                        expected = Status.Code.OK;
                        got = outcome(() -> as(OWNER).shareCase(request.build()));
                        model.rows.put(x, new Grant(code, expire, OWNER));
                    }
                    case 1 -> {
                        String y = pickHolder(model, random);
                        x = other(x, y, random);
                        what = y + " passes on to " + x + " " + code + until(expire);
                        Optional<Grant> held = model.live(y);
                        Optional<Instant> heldUntil = held.map(Grant::expire);
                        if (held.isEmpty()) {
                            expected = Status.Code.NOT_FOUND;
                        } else if (held.get().code().compareTo(HandlingCode.H1) > 0) {
                            expected = Status.Code.PERMISSION_DENIED;
                        } else if (code.compareTo(held.get().code()) < 0
                                || (heldUntil.isPresent()
                                        && (expire == null
                                                ? false
                                                : expire.isAfter(heldUntil.get())))) {
                            expected = Status.Code.INVALID_ARGUMENT;
                        } else {
                            expected = Status.Code.OK;
                            if (!model.rows.containsKey(x)) {
                                model.rows.put(
                                        x,
                                        new Grant(
                                                code,
                                                expire != null ? expire : heldUntil.orElse(null),
                                                y));
                            }
                        }
                        ShareCaseRequest.Builder request =
                                ShareCaseRequest.newBuilder()
                                        .setId(c.getId())
                                        .setCountry(x)
                                        .setHandlingCode(code);
                        if (expire != null) {
                            request.setExpireTime(timestamp(expire));
                        }
                        CaseServiceBlockingStub by = as(y);
                        got = outcome(() -> by.shareCase(request.build()));
                    }
                    case 3 -> {
                        what = "time runs out for " + x;
                        expected = Status.Code.OK;
                        got = Status.Code.OK;
                        if (model.rows.containsKey(x)) {
                            letGrantExpire("case_shares", "case_id", c.getId(), x);
                            Grant g = model.rows.get(x);
                            model.rows.put(x, new Grant(g.code(), PAST, g.grantedBy()));
                        }
                    }
                    default -> {
                        what = "KR revokes " + x;
                        expected = Status.Code.OK;
                        String revoked = x;
                        got =
                                outcome(
                                        () ->
                                                as(OWNER)
                                                        .revokeShare(
                                                                RevokeShareRequest.newBuilder()
                                                                        .setId(c.getId())
                                                                        .setCountry(revoked)
                                                                        .build()));
                        model.revoke(x);
                    }
                }
                outcomes[
                        expected == Status.Code.OK
                                ? 0
                                : expected == Status.Code.NOT_FOUND ? 1 : 2]++;
                trace.add(what + " -> " + got);
                String context =
                        "seed "
                                + seed
                                + ", sequence "
                                + sequence
                                + ":\n  "
                                + String.join("\n  ", trace);
                assertThat(got).as("answer to '%s'; %s", what, context).isEqualTo(expected);
                checkEveryone(c, analysis, model, context);
            }
        }
        System.out.printf(
                "GrantChainPropertyTest: %d sequences x %d steps (owner shares %d, passes on %d, tightenings"
                        + " %d, expiries %d, revocations %d; answers expected OK %d, NOT_FOUND %d, refused %d), %d s%n",
                SEQUENCES,
                STEPS,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4],
                outcomes[0],
                outcomes[1],
                outcomes[2],
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    /**
     * What each country reads now, against the model, and the model-free rule along every chain.
     */
    private void checkEveryone(Case c, TechnicalAnalysis analysis, Model model, String context) {
        Map<String, Optional<CaseShare>> read = new HashMap<>();
        for (String p : PARTNERS) {
            Optional<Grant> expected = model.live(p);
            CaseServiceBlockingStub as = as(p);
            Optional<Case> seen =
                    read(() -> as.getCase(GetCaseRequest.newBuilder().setId(c.getId()).build()));
            assertThat(seen.isPresent())
                    .as("%s sees the case (expected %s); %s", p, expected, context)
                    .isEqualTo(expected.isPresent());
            Optional<TechnicalAnalysis> seenAnalysis =
                    read(
                            () ->
                                    as.getTechnicalAnalysis(
                                            GetTechnicalAnalysisRequest.newBuilder()
                                                    .setCaseId(c.getId())
                                                    .setId(analysis.getId())
                                                    .build()));
            assertThat(seenAnalysis.isPresent())
                    .as("%s sees the analysis (expected %s); %s", p, expected, context)
                    .isEqualTo(expected.filter(g -> g.code() != HandlingCode.H3).isPresent());
            if (seen.isPresent()) {
                Case view = seen.get();
                assertThat(view.getHandlingCode())
                        .as("%s's handling code; %s", p, context)
                        .isEqualTo(expected.get().code());
                CaseShare own = view.getSharesList().getFirst();
                assertThat(
                                own.hasExpireTime()
                                        ? Instant.ofEpochSecond(own.getExpireTime().getSeconds())
                                        : null)
                        .as("%s's expiry; %s", p, context)
                        .isEqualTo(expected.get().expire());
                read.put(p, Optional.of(own));
            } else {
                read.put(p, Optional.empty());
            }
        }
        // Model-free: every grant passed on, as its holder reads it, is within what the country
        // that passed it on
        // reads (which must itself still read the case).
        Case ownerView = as(OWNER).getCase(GetCaseRequest.newBuilder().setId(c.getId()).build());
        for (CaseShare s : ownerView.getSharesList()) {
            Optional<CaseShare> child = read.get(s.getCountry());
            if (s.getGrantedByCountry().equals(OWNER) || child.isEmpty()) {
                continue;
            }
            Optional<CaseShare> parent = read.get(s.getGrantedByCountry());
            assertThat(parent)
                    .as(
                            "%s reads a grant passed on by %s, which reads nothing; %s",
                            s.getCountry(), s.getGrantedByCountry(), context)
                    .isPresent();
            assertThat(child.get().getHandlingCode().getNumber())
                    .as(
                            "%s's code against its source %s's; %s",
                            s.getCountry(), s.getGrantedByCountry(), context)
                    .isGreaterThanOrEqualTo(parent.get().getHandlingCode().getNumber());
            if (parent.get().hasExpireTime()) {
                assertThat(child.get().hasExpireTime())
                        .as("%s outlives %s; %s", s.getCountry(), s.getGrantedByCountry(), context)
                        .isTrue();
                assertThat(child.get().getExpireTime().getSeconds())
                        .as("%s outlives %s; %s", s.getCountry(), s.getGrantedByCountry(), context)
                        .isLessThanOrEqualTo(parent.get().getExpireTime().getSeconds());
            }
            // The owner sees the same effective grant as its holder.
            assertThat(s.getHandlingCode())
                    .as("owner's view of %s; %s", s.getCountry(), context)
                    .isEqualTo(child.get().getHandlingCode());
        }
    }

    private static <T> Optional<T> read(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            return Optional.empty();
        }
    }

    /** Mostly a country that holds a grant (so that passing on happens), sometimes any partner. */
    private static String pickHolder(Model model, Random random) {
        List<String> holders = new ArrayList<>(model.rows.keySet());
        holders.sort(null);
        if (!holders.isEmpty() && random.nextInt(5) > 0) {
            return holders.get(random.nextInt(holders.size()));
        }
        return PARTNERS.get(random.nextInt(PARTNERS.size()));
    }

    private static String other(String x, String y, Random random) {
        while (x.equals(y)) {
            x = PARTNERS.get(random.nextInt(PARTNERS.size()));
        }
        return x;
    }

    private static String until(Instant expire) {
        return expire == null
                ? ""
                : " until +" + ChronoUnit.MINUTES.between(Instant.now(), expire) + " min";
    }
}
