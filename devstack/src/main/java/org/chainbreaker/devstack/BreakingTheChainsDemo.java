package org.chainbreaker.devstack;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chainbreaker.cases.v1.AssignLeadRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TransitionCaseRequest;
import org.chainbreaker.common.v1.HandlingCode;

/**
 * Demo data of the local stack, modelled on ASEANAPOL's "Breaking the Chains" initiative: 24
 * organised-crime cases owned by the ten ASEANAPOL members and INTERPOL, 75 investigative leads, 8
 * scam cases whose evidence is sufficient, shares and lead assignments among the members. Loaded
 * through the real API (gRPC, normally through the gateway) with each owning country's own token,
 * and idempotently: every create carries a request id, and a share, an assignment or a status step
 * is made only if it is not there yet, so loading again changes nothing.
 */
public final class BreakingTheChainsDemo {

    /** The owners, in the order cases are dealt to them (the ten members, then INTERPOL). */
    public static final List<String> COUNTRIES =
            List.of("TH", "VN", "PH", "KH", "LA", "MM", "ID", "MY", "SG", "BN", "INTERPOL");

    public static final String TAG = "BREAKING-THE-CHAINS";
    public static final int CASES = 24;
    public static final int LEADS = 75;
    public static final int EVIDENCE_SUFFICIENT = 8;

    private static final String[][] SUBJECTS = {
        {"Scam compound recruiting via fake job offers", "ONLINE_SCAM"},
        {"Crypto investment platform run from a border compound", "INVESTMENT_FRAUD"},
        {"Romance scam ring targeting retirees", "ROMANCE_SCAM"},
        {"Call centre impersonating police officers", "VOICE_PHISHING"},
        {"Trafficking of workers into scam compounds", "HUMAN_TRAFFICKING"},
        {"Money mule network laundering scam proceeds", "MONEY_LAUNDERING"},
        {"Fake trading app distributed through social media", "INVESTMENT_FRAUD"},
        {"Sextortion network using hacked accounts", "CYBERCRIME"},
    };

    /**
     * What one load saw and did: the demo cases and leads it answered (created now or found from an
     * earlier load), and the shares, assignments and status steps it had to make (none when loading
     * again).
     */
    public record Summary(int cases, int leads, int shares, int assignments, int steps) {

        public int changes() {
            return shares + assignments + steps;
        }
    }

    private final Function<String, String> tokenFor;
    private final Channel channel;

    /**
     * @param channel the gateway's (or the case-service's) gRPC face
     * @param tokenFor an access token for a user name of the dev realm, e.g. {@code
     *     th-investigator}
     */
    public BreakingTheChainsDemo(Channel channel, Function<String, String> tokenFor) {
        this.channel = channel;
        this.tokenFor = tokenFor;
    }

    /** Owner of demo case {@code n} (0-based). */
    public static String ownerOf(int n) {
        return COUNTRIES.get(n % COUNTRIES.size());
    }

    /** How many leads demo case {@code n} has: three each, four for the first three (75 in all). */
    public static int leadsOf(int n) {
        return n < LEADS - 3 * CASES ? 4 : 3;
    }

    /** Whether demo case {@code n} is one of the eight scam cases whose evidence is sufficient. */
    public static boolean evidenceSufficient(int n) {
        return n % 3 == 0;
    }

    public Summary load() {
        int cases = 0;
        int leads = 0;
        int shares = 0;
        int assignments = 0;
        int steps = 0;
        for (int n = 0; n < CASES; n++) {
            String owner = ownerOf(n);
            CaseServiceGrpc.CaseServiceBlockingStub as = stub(owner);
            String[] subject = SUBJECTS[n % SUBJECTS.length];
            String category = evidenceSufficient(n) ? scamCategory(n) : subject[1];
            Case c =
                    as.createCase(
                            CreateCaseRequest.newBuilder()
                                    .setRequestId(key(n, "case"))
                                    .setCase(
                                            Case.newBuilder()
                                                    .setTitle(
                                                            subject[0]
                                                                    + " ("
                                                                    + owner
                                                                    + " "
                                                                    + (n + 1)
                                                                    + ")")
                                                    .setCategory(Case.Category.valueOf(category))
                                                    .setSummary(
                                                            "Breaking the Chains case "
                                                                    + (n + 1)
                                                                    + " of "
                                                                    + CASES
                                                                    + ", opened by "
                                                                    + owner
                                                                    + "; shared with the members whose nationals or territory it concerns.")
                                                    .addOperationTags(TAG))
                                    .build());
            cases++;
            List<Lead> caseLeads = new ArrayList<>();
            for (int m = 0; m < leadsOf(n); m++) {
                caseLeads.add(
                        as.createLead(
                                CreateLeadRequest.newBuilder()
                                        .setCaseId(c.getId())
                                        .setRequestId(key(n, "lead-" + (m + 1)))
                                        .setLead(lead(n, m))
                                        .build()));
                leads++;
            }
            // Two partners see the whole case; a third works one lead.
            for (int p = 1; p <= 2; p++) {
                String partner = partner(n, p);
                HandlingCode code = p == 1 ? HandlingCode.H1 : HandlingCode.H2;
                boolean present =
                        c.getSharesList().stream()
                                .anyMatch(
                                        s ->
                                                s.getCountry().equals(partner)
                                                        && s.getHandlingCode() == code);
                if (!present) {
                    c =
                            as.shareCase(
                                    ShareCaseRequest.newBuilder()
                                            .setId(c.getId())
                                            .setCountry(partner)
                                            .setHandlingCode(code)
                                            .build());
                    shares++;
                }
            }
            Lead worked = caseLeads.getFirst();
            String assignee = partner(n, 3);
            if (!worked.getAssignedCountry().equals(assignee)) {
                as.assignLead(
                        AssignLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(worked.getId())
                                .setCountry(assignee)
                                .setHandlingCode(HandlingCode.H1)
                                .build());
                assignments++;
            }
            if (evidenceSufficient(n)) {
                if (c.getStatus() == Case.Status.OPEN) {
                    c =
                            as.transitionCase(
                                    TransitionCaseRequest.newBuilder()
                                            .setId(c.getId())
                                            .setStatus(Case.Status.UNDER_INVESTIGATION)
                                            .build());
                    steps++;
                }
                if (c.getStatus() == Case.Status.UNDER_INVESTIGATION) {
                    as.transitionCase(
                            TransitionCaseRequest.newBuilder()
                                    .setId(c.getId())
                                    .setStatus(Case.Status.EVIDENCE_SUFFICIENT)
                                    .build());
                    steps++;
                }
            }
        }
        return new Summary(cases, leads, shares, assignments, steps);
    }

    private static String scamCategory(int n) {
        return List.of("ONLINE_SCAM", "INVESTMENT_FRAUD", "ROMANCE_SCAM", "VOICE_PHISHING")
                .get((n / 3) % 4);
    }

    /**
     * The p-th partner of case n: the next members after its owner (INTERPOL's cases go to the
     * members).
     */
    static String partner(int n, int p) {
        int members = COUNTRIES.size() - 1;
        int ownerIndex = n % COUNTRIES.size();
        int base = ownerIndex == members ? n % members : ownerIndex;
        return COUNTRIES.get((base + p) % members);
    }

    private static Lead lead(int n, int m) {
        String tag = String.format(Locale.ROOT, "%02d%d", n + 1, m + 1);
        return switch (m) {
            case 0 ->
                    Lead.newBuilder()
                            .setKind(Lead.Kind.WEBSITE)
                            .setValue("https://invest-" + tag + ".btc-demo.example.com")
                            .setDescription("Fake investment site advertised to victims")
                            .build();
            case 1 ->
                    Lead.newBuilder()
                            .setKind(Lead.Kind.CRYPTO_WALLET)
                            .setValue(
                                    "0x"
                                            + String.format(
                                                    Locale.ROOT,
                                                    "%040x",
                                                    (long) (n + 1) * 1000 + m))
                            .setDescription("Wallet receiving victims' transfers")
                            .build();
            case 2 ->
                    Lead.newBuilder()
                            .setKind(Lead.Kind.APP)
                            .setValue("com.btcdemo.trade" + tag)
                            .setDescription("Trading app sideloaded by victims")
                            .build();
            default ->
                    Lead.newBuilder()
                            .setKind(Lead.Kind.LOCATION)
                            .setValue("Compound " + tag + ", border area")
                            .setDescription("Where the callers work")
                            .build();
        };
    }

    private static String key(int n, String what) {
        return "btc-demo-" + (n + 1) + "-" + what;
    }

    private CaseServiceGrpc.CaseServiceBlockingStub stub(String country) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokenFor.apply(country.toLowerCase(Locale.ROOT) + "-investigator"));
        return CaseServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }
}
