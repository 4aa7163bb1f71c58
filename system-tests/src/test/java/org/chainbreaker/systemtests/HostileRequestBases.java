package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.OnFace.investigator;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.chainbreaker.common.v1.CooperationRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.ListCooperationRequestsRequest;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;

/**
 * What the rows of {@link HostileRequestInputTest} start from: real records of this run (for cases
 * and notices a hit, an open request and one questioned back; a group of KR and TH; a case and a
 * scam centre of KR) and, for every cooperation-request and country-group RPC, a request that would
 * succeed and who sends it. {@link #named()} reads those records, to show that no row changed them.
 */
final class HostileRequestBases {

    /** A request that would succeed, and who sends it. */
    record Base(String user, Message request) {}

    static final String COORDINATOR = OnFace.liaison("INTERPOL");

    private final OnFace setup;

    /** By RPC ({@code service/method}). */
    final Map<String, Base> byRpc = new LinkedHashMap<>();

    /** The hits the requests cite, by kind ({@link Kind#infix()}). */
    final Map<String, Hit> hits = new LinkedHashMap<>();

    final String groupId;
    final String caseId;
    final String centreId;

    /** The open and the questioned request, of cases then of notices. */
    final List<String> requestIds = new ArrayList<>();

    /** Makes the records over {@code setup} and a request that would succeed for every RPC. */
    HostileRequestBases(OnFace setup) {
        this.setup = setup;
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

    private void put(Kind k, String verb, String user, Message request) {
        put(k.service(), k.rpc(verb), user, request);
    }

    private void put(String service, String method, String user, Message request) {
        byRpc.put(service + "/" + method, new Base(user, request));
    }

    /**
     * The records the rows name, as their owners read them (status and etag change on any step).
     */
    List<String> named() {
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
}
