package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.CooperationRequestScenarios.OWNER;
import static org.chainbreaker.systemtests.CooperationRequestScenarios.REQUESTER;
import static org.chainbreaker.systemtests.HostileRequestBases.COORDINATOR;
import static org.chainbreaker.systemtests.HostileRequestCorpus.NAMES_NOTHING;
import static org.chainbreaker.systemtests.HostileRequestCorpus.REFUSED;
import static org.chainbreaker.systemtests.OnFace.investigator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.cases.v1.ShareScamCentreWithGroupRequest;
import org.chainbreaker.common.v1.AnswerCooperationRequestRequest;
import org.chainbreaker.common.v1.AnswerKind;
import org.chainbreaker.common.v1.CooperationAsk;
import org.chainbreaker.common.v1.CooperationSubjectKind;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.common.v1.Urgency;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Hit;
import org.chainbreaker.systemtests.CooperationRequestScenarios.Kind;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.HostileRequestInputTest.Row;

/**
 * The rows of {@link HostileRequestInputTest} for the rules the contract states in its comments
 * rather than in field rules ({@link HostileRequestCorpus} derives the others): a request to
 * oneself or to a country not served, a deadline beyond the urgency's, a third country without a
 * pass-on or equal to the requester, a kind of record the service does not serve, a record never
 * learnt of (NOT_FOUND), an answer without its text; a member already in the group or not in it, a
 * country not served, an unknown group.
 */
final class HostileRequestProse {

    private HostileRequestProse() {}

    static List<Row> rows(HostileRequestBases b) {
        List<Row> rows = new ArrayList<>();
        for (Kind k :
                List.of(CooperationRequestScenarios.CASES, CooperationRequestScenarios.NOTICES)) {
            Endpoint create = Faces.endpoint(k.service(), k.rpc("Create"));
            Hit hit = b.hits.get(k.infix());
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
                        ((AnswerCooperationRequestRequest) b.byRpc.get(answer.fullName()).request())
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
                                .setId(b.groupId)
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
                                .setId(b.groupId)
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
                                .setId(b.groupId)
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
                                .setId(b.caseId)
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
                                .setId(b.centreId)
                                .setGroupId(unknownGroup)
                                .setHandlingCode(HandlingCode.H2)
                                .build(),
                        REFUSED));
        return rows;
    }
}
