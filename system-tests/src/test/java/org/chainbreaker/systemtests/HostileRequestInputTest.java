package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.HostileRequestCorpus.NAMES_NOTHING;
import static org.chainbreaker.systemtests.HostileRequestCorpus.REFUSED;
import static org.chainbreaker.systemtests.OnFace.investigator;
import static org.chainbreaker.systemtests.OnFace.liaison;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.ListCountryGroupsRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.RenameCountryGroupRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.HostileRequestCorpus.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Hostile input against every cooperation-request RPC and every country-group RPC (issue 16), over
 * REST and gRPC through the gateway. Each row starts from a request that would succeed (a real
 * request, group, case and scam centre of this run) and breaks one field: the values the contract's
 * rules forbid ({@link HostileRequestCorpus}, derived from the descriptors) and the rules the
 * contract states in prose (a request to oneself, a deadline beyond the urgency, an unknown group,
 * a member already in the group...). Each must answer INVALID_ARGUMENT or FAILED_PRECONDITION
 * naming the field, or NOT_FOUND for a reference that must not be confirmed; never a server error;
 * and nothing changes: no row of any service's database, and the records the requests name read the
 * same.
 *
 * <p>Isolated: the row counts hold only while no other class writes to the suite.
 */
@Isolated
class HostileRequestInputTest {

    /** A request that would succeed, and who sends it. */
    record Base(String user, Message request) {}

    /** One hostile request over both faces. */
    record Row(
            Endpoint endpoint,
            String user,
            String what,
            String field,
            Message request,
            Set<Status.Code> codes) {}

    static final String COORDINATOR = liaison("INTERPOL");

    static Faces faces;
    static OnFace setup;
    static final Map<String, Base> bases = new LinkedHashMap<>();
    static final Map<String, Hit> hits = new LinkedHashMap<>();
    static String groupId;
    static String caseId;
    static String centreId;
    static final List<String> requestIds = new ArrayList<>();

    @BeforeAll
    static void realRequestsAndGroup() {
        faces = Faces.ofRunningSuite();
        setup = new OnFace(Face.GRPC, faces);
        for (Kind k :
                List.of(CooperationRequestScenarios.CASES, CooperationRequestScenarios.NOTICES)) {
            Hit hit = k.hit().apply(setup);
            hits.put(k.infix(), hit);
            CooperationRequest open =
                    CooperationRequestScenarios.asked(setup, k, hit, Urgency.URGENT);
            CooperationRequest questioned =
                    CooperationRequestScenarios.asked(setup, k, hit, Urgency.URGENT);
            setup.ok(
                    investigator(OWNER),
                    k.service(),
                    k.rpc("Answer"),
                    RequestEscalationScenarios.question(questioned.getId()),
                    CooperationRequest.parser());
            requestIds.add(open.getId());
            requestIds.add(questioned.getId());
            String r = investigator(REQUESTER);
            put(k, "Create", r, CooperationRequestScenarios.ask(hit, Urgency.URGENT));
            put(k, "Get", r, CooperationRequestScenarios.get(open.getId()));
            put(k, "List", r, ListCooperationRequestsRequest.newBuilder().setPageSize(10).build());
            put(
                    k,
                    "Answer",
                    investigator(OWNER),
                    CooperationRequestScenarios.grant(
                            open.getId(), HandlingCode.H2, Duration.ofDays(30)));
            put(k, "Reply", r, RequestEscalationScenarios.reply(questioned.getId()));
            put(k, "Withdraw", r, RequestEscalationScenarios.withdraw(open.getId()));
        }
        groupId =
                CountryGroupScenarios.group(setup, "Hostile input partners", OWNER, REQUESTER)
                        .getId();
        caseId = CaseServiceScenarios.open(setup, OWNER, "Hostile group share").getId();
        centreId = CaseIntelligenceScenarios.record(setup, OWNER, "Hostile compound").getId();
        String s = Faces.CASES;
        put(
                s,
                "CreateCountryGroup",
                COORDINATOR,
                CreateCountryGroupRequest.newBuilder()
                        .setGroup(
                                CountryGroup.newBuilder()
                                        .setName("Probe " + OnFace.RUN)
                                        .addMembers(OWNER)
                                        .addMembers(REQUESTER))
                        .build());
        put(s, "GetCountryGroup", COORDINATOR, CountryGroupScenarios.getGroup(groupId));
        put(
                s,
                "ListCountryGroups",
                COORDINATOR,
                ListCountryGroupsRequest.newBuilder().setPageSize(10).build());
        put(
                s,
                "RenameCountryGroup",
                COORDINATOR,
                RenameCountryGroupRequest.newBuilder()
                        .setId(groupId)
                        .setName("Renamed " + OnFace.RUN)
                        .build());
        put(
                s,
                "AddCountryGroupMember",
                COORDINATOR,
                AddCountryGroupMemberRequest.newBuilder().setId(groupId).setCountry("PH").build());
        put(
                s,
                "RemoveCountryGroupMember",
                COORDINATOR,
                RemoveCountryGroupMemberRequest.newBuilder()
                        .setId(groupId)
                        .setCountry(REQUESTER)
                        .build());
        put(
                s,
                "ShareCaseWithGroup",
                investigator(OWNER),
                ShareCaseWithGroupRequest.newBuilder()
                        .setId(caseId)
                        .setGroupId(groupId)
                        .setHandlingCode(HandlingCode.H2)
                        .build());
        put(
                s,
                "ShareScamCentreWithGroup",
                investigator(OWNER),
                ShareScamCentreWithGroupRequest.newBuilder()
                        .setId(centreId)
                        .setGroupId(groupId)
                        .setHandlingCode(HandlingCode.H2)
                        .build());
    }

    private static void put(Kind k, String verb, String user, Message request) {
        put(k.service(), k.rpc(verb), user, request);
    }

    private static void put(String service, String method, String user, Message request) {
        bases.put(service + "/" + method, new Base(user, request));
    }

    /** The cooperation-request and country-group RPCs, as the contract names them. */
    static List<Endpoint> targets() {
        return Faces.endpoints().stream()
                .filter(
                        e ->
                                e.method()
                                                .getInputType()
                                                .getFile()
                                                .getName()
                                                .endsWith("common/v1/cooperation.proto")
                                        || e.method().getName().contains("CountryGroup")
                                        || e.method().getName().endsWith("WithGroup"))
                .toList();
    }

    @Test
    void
            every_hostile_value_in_a_request_or_group_rpc_is_refused_naming_its_field_and_changes_nothing()
                    throws Exception {
        List<Endpoint> targets = targets();
        assertThat(targets)
                .extracting(e -> e.method().getName())
                .contains(
                        "CreateCaseCooperationRequest",
                        "WithdrawNoticeCooperationRequest",
                        "CreateCountryGroup",
                        "ShareScamCentreWithGroup");
        assertThat(bases.keySet())
                .as("every request and group RPC has a request that would succeed (add one above)")
                .containsAll(targets.stream().map(Endpoint::fullName).toList());

        List<Row> rows = new ArrayList<>();
        for (Endpoint endpoint : targets) {
            Base base = bases.get(endpoint.fullName());
            for (Variant v : HostileRequestCorpus.derived(endpoint)) {
                Message hostile =
                        v.hostile()
                                .apply(
                                        HostileRequestCorpus.asContract(
                                                endpoint.method(), base.request()));
                rows.add(new Row(endpoint, base.user(), v.what(), v.field(), hostile, v.codes()));
            }
        }
        rows.addAll(statedInProse());

        Map<String, Long> countsBefore = HostileInputTest.rowCounts();
        List<String> before = named();
        Map<String, Integer> histogram = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            for (Face face : Face.values()) {
                OnFace on = new OnFace(face, faces);
                String service = row.endpoint().method().getService().getFullName();
                String method = row.endpoint().method().getName();
                Outcome out = on.call(row.user(), service, method, row.request());
                histogram.merge(out.label(), 1, Integer::sum);
                String problem = verdict(face, service, method, row, out);
                if (problem != null) {
                    failures.add(
                            method
                                    + ": "
                                    + row.what()
                                    + " in "
                                    + row.field()
                                    + " over "
                                    + face
                                    + ": "
                                    + problem);
                }
            }
        }
        System.out.printf(
                "%nHostileRequestInputTest: %d hostile rows x 2 faces against %d RPCs; %s%n",
                rows.size(), targets.size(), histogram);
        failures.stream().limit(60).forEach(f -> System.out.println("  " + f));
        assertThat(failures).as("hostile values not refused as the contract says").isEmpty();
        assertThat(HostileInputTest.rowCounts())
                .as("rows of every table of every database")
                .isEqualTo(countsBefore);
        assertThat(named())
                .as("the requests, group, case and centre the rows named")
                .isEqualTo(before);
    }

    /** Why an answer is not what the row requires; null when it is. */
    private static String verdict(Face face, String service, String method, Row row, Outcome out) {
        String text = out.text() == null ? "" : out.text();
        if (!row.codes().contains(out.code())) {
            return "answered " + out.label() + " " + abbreviate(text);
        }
        if (face == Face.REST && out.http() != OnFace.httpOf(out.code())) {
            return "HTTP " + out.http() + " for " + out.code();
        }
        // An invalid request names its field; a refused path (the gateway's dot-segment check)
        // and a REST body sent empty (whose inner fields are named) are the exceptions.
        boolean wholeBody = face == Face.REST && row.field().equals(row.endpoint().body());
        if (out.code() == Status.Code.INVALID_ARGUMENT
                && row.codes().equals(REFUSED)
                && !wholeBody
                && !text.contains(OnFace.fieldAsNamed(face, service, method, row.field()))) {
            return "does not name the field: " + abbreviate(text);
        }
        if (HostileInputTest.INTERNALS.matcher(text).find()) {
            return "reveals internals: " + abbreviate(text);
        }
        return null;
    }

    /** The rules the contract states in its comments rather than in field rules. */
    private static List<Row> statedInProse() {
        List<Row> rows = new ArrayList<>();
        for (Kind k :
                List.of(CooperationRequestScenarios.CASES, CooperationRequestScenarios.NOTICES)) {
            Endpoint create = Faces.endpoint(k.service(), k.rpc("Create"));
            Hit hit = hits.get(k.infix());
            String r = investigator(REQUESTER);
            var toItself = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            toItself.getRequestBuilder().setOwnerCountry(REQUESTER);
            rows.add(
                    new Row(
                            create,
                            r,
                            "a request to oneself",
                            "request.owner_country",
                            toItself.build(),
                            REFUSED));
            var unserved = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            unserved.getRequestBuilder().setOwnerCountry("ZZ");
            rows.add(
                    new Row(
                            create,
                            r,
                            "an owner not served here",
                            "request.owner_country",
                            unserved.build(),
                            REFUSED));
            var late = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            late.getRequestBuilder()
                    .setDeadline(OnFace.timestamp(Instant.now().plus(Duration.ofDays(30))));
            rows.add(
                    new Row(
                            create,
                            r,
                            "a deadline beyond the urgency's",
                            "request.deadline",
                            late.build(),
                            REFUSED));
            var third = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            third.getRequestBuilder().setThirdCountry("PH");
            rows.add(
                    new Row(
                            create,
                            r,
                            "a third country without PASS_ON",
                            "request.third_country",
                            third.build(),
                            REFUSED));
            var passOnToSelf = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            passOnToSelf
                    .getRequestBuilder()
                    .addAsks(CooperationAsk.PASS_ON)
                    .setThirdCountry(REQUESTER);
            rows.add(
                    new Row(
                            create,
                            r,
                            "a pass-on to the requester",
                            "request.third_country",
                            passOnToSelf.build(),
                            REFUSED));
            var otherKind = CooperationRequestScenarios.ask(hit, Urgency.URGENT).toBuilder();
            otherKind
                    .getRequestBuilder()
                    .setSubjectKind(
                            k == CooperationRequestScenarios.CASES
                                    ? CooperationSubjectKind.SUBJECT_NOTICE
                                    : CooperationSubjectKind.SUBJECT_CASE);
            rows.add(
                    new Row(
                            create,
                            r,
                            "a kind of record the service does not serve",
                            "request.subject_kind",
                            otherKind.build(),
                            REFUSED));
            rows.add(
                    new Row(
                            create,
                            r,
                            "a record never learnt of",
                            "request.reference",
                            CooperationRequestScenarios.ask(
                                    new Hit(OWNER + "-1999-000001", ""), Urgency.URGENT),
                            NAMES_NOTHING));
            Endpoint answer = Faces.endpoint(k.service(), k.rpc("Answer"));
            for (AnswerKind kind :
                    List.of(AnswerKind.DECLINE, AnswerKind.QUESTION, AnswerKind.PARTIAL_GRANT)) {
                var bare =
                        ((AnswerCooperationRequestRequest) bases.get(answer.fullName()).request())
                                .toBuilder();
                bare.getAnswerBuilder().setKind(kind).clearText().clearGrantUntil();
                rows.add(
                        new Row(
                                answer,
                                investigator(OWNER),
                                kind + " without a text",
                                "answer.text",
                                bare.build(),
                                REFUSED));
            }
        }
        String s = Faces.CASES;
        rows.add(
                new Row(
                        Faces.endpoint(s, "AddCountryGroupMember"),
                        COORDINATOR,
                        "a member already in",
                        "country",
                        AddCountryGroupMemberRequest.newBuilder()
                                .setId(groupId)
                                .setCountry(OWNER)
                                .build(),
                        REFUSED));
        rows.add(
                new Row(
                        Faces.endpoint(s, "AddCountryGroupMember"),
                        COORDINATOR,
                        "a country not served here",
                        "country",
                        AddCountryGroupMemberRequest.newBuilder()
                                .setId(groupId)
                                .setCountry("ZZ")
                                .build(),
                        REFUSED));
        rows.add(
                new Row(
                        Faces.endpoint(s, "RemoveCountryGroupMember"),
                        COORDINATOR,
                        "a country not in the group",
                        "country",
                        RemoveCountryGroupMemberRequest.newBuilder()
                                .setId(groupId)
                                .setCountry("VN")
                                .build(),
                        REFUSED));
        rows.add(
                new Row(
                        Faces.endpoint(s, "CreateCountryGroup"),
                        COORDINATOR,
                        "a member not served here",
                        "group.members",
                        CreateCountryGroupRequest.newBuilder()
                                .setGroup(
                                        CountryGroup.newBuilder()
                                                .setName("Probe " + OnFace.RUN)
                                                .addMembers("ZZ"))
                                .build(),
                        REFUSED));
        String unknownGroup = UUID.randomUUID().toString();
        rows.add(
                new Row(
                        Faces.endpoint(s, "ShareCaseWithGroup"),
                        investigator(OWNER),
                        "an unknown group",
                        "group_id",
                        ShareCaseWithGroupRequest.newBuilder()
                                .setId(caseId)
                                .setGroupId(unknownGroup)
                                .setHandlingCode(HandlingCode.H2)
                                .build(),
                        REFUSED));
        rows.add(
                new Row(
                        Faces.endpoint(s, "ShareScamCentreWithGroup"),
                        investigator(OWNER),
                        "an unknown group",
                        "group_id",
                        ShareScamCentreWithGroupRequest.newBuilder()
                                .setId(centreId)
                                .setGroupId(unknownGroup)
                                .setHandlingCode(HandlingCode.H2)
                                .build(),
                        REFUSED));
        return rows;
    }

    /**
     * The records the rows name, as their owners read them (status and etag change on any step).
     */
    private static List<String> named() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < requestIds.size(); i++) {
            Kind k =
                    i < 2 ? CooperationRequestScenarios.CASES : CooperationRequestScenarios.NOTICES;
            CooperationRequest r =
                    setup.ok(
                            investigator(REQUESTER),
                            k.service(),
                            k.rpc("Get"),
                            CooperationRequestScenarios.get(requestIds.get(i)),
                            CooperationRequest.parser());
            out.add(r.getStatus() + " " + r.getEtag());
        }
        CountryGroup g = CountryGroupScenarios.read(setup, groupId);
        out.add(g.getName() + " " + g.getMembersList() + " " + g.getEtag());
        out.add(
                setup.ok(
                                investigator(OWNER),
                                Faces.CASES,
                                "GetCase",
                                GetCaseRequest.newBuilder().setId(caseId).build(),
                                Case.parser())
                        .getEtag());
        out.add(
                setup.ok(
                                investigator(OWNER),
                                Faces.CASES,
                                "GetScamCentre",
                                GetScamCentreRequest.newBuilder().setId(centreId).build(),
                                ScamCentre.parser())
                        .getEtag());
        return out;
    }

    private static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() > 240 ? t.substring(0, 240) + "..." : t;
    }
}
