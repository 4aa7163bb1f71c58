package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.CountryGroup;
import org.chainbreaker.cases.v1.CreateCountryGroupRequest;
import org.chainbreaker.cases.v1.GetCountryGroupRequest;
import org.chainbreaker.cases.v1.RemoveCountryGroupMemberRequest;
import org.chainbreaker.cases.v1.ShareCaseWithGroupRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IsolationSteps.Step;

/**
 * Country groups in the isolation property: the coordinator creates groups and changes their
 * members, owners share cases with groups. The model keeps, per case, which of its grants came from
 * which group (as the database does): a member added receives the group's shares it does not hold
 * yet, a member removed loses those it holds through that group unless another group it is still in
 * shares the case (the newest such share carries the grant), a direct share or revocation by the
 * owner replaces a group grant. Every country's view of the cases touched is then compared with the
 * model, and a group itself is seen by the coordinator and its members only.
 */
abstract class IsolationGroupWrites extends IsolationRepatriationWrites {

    /** A group of this sequence: its members, and the cases shared with it under which code. */
    static final class GroupM {
        final String id;
        final TreeSet<String> members = new TreeSet<>();
        final Map<CaseM, HandlingCode> shares = new HashMap<>();

        /** When each case was (last) shared with the group, in the order of this sequence. */
        final Map<CaseM, Long> sharedAt = new HashMap<>();

        GroupM(String id) {
            this.id = id;
        }
    }

    /** The groups this sequence made, which its steps choose from. */
    final List<GroupM> groups = new ArrayList<>();

    /**
     * Every group of the property, in any sequence. A retried create carries a case of an earlier
     * sequence into this one together with the grants it holds through that sequence's groups, and
     * the database carries a grant over to any group still sharing the case: the model looked only
     * among this sequence's groups and expected a grant to end that the database rightly kept (seed
     * 5197419789538646559, sequence 9, step 703).
     */
    static final List<GroupM> allGroups = new ArrayList<>();

    /** Orders the group shares of the property, as their share times do in the database. */
    private static long shareClock;

    /**
     * Per case, the group each group-made grant came from (country to group), across sequences as
     * the cases are.
     */
    static final Map<CaseM, Map<String, GroupM>> grantSources = new HashMap<>();

    IsolationGroupWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    private static String user(String tenant) {
        return tenant.equals(COORDINATOR)
                ? RunningSuite.token(tenant.toLowerCase() + "-liaison")
                : investigator(tenant);
    }

    private Map<String, GroupM> sources(CaseM c) {
        return grantSources.computeIfAbsent(c, k -> new HashMap<>());
    }

    void performGroupStep(Step s, String actor, Face face) {
        switch (s.kind()) {
            case CREATE_GROUP -> createGroup(s.c() % 5 == 0 ? actor : COORDINATOR, face, s.a());
            case SHARE_CASE_WITH_GROUP -> {
                if (groups.isEmpty() || cases.isEmpty()) {
                    createGroup(COORDINATOR, face, s.a());
                    return;
                }
                CaseM c = cases.get(s.a() % cases.size());
                GroupM g = groups.get(s.b() % groups.size());
                String by = s.c() % 4 == 0 ? actor : c.owner;
                shareWithGroup(by, face, c, g, HandlingCode.forNumber(1 + s.c() % 4));
            }
            case CHANGE_GROUP_MEMBER -> {
                if (groups.isEmpty()) {
                    createGroup(COORDINATOR, face, s.a());
                    return;
                }
                GroupM g = groups.get(s.a() % groups.size());
                String country = TENANTS.get(s.b() % TENANTS.size());
                changeMember(s.c() % 5 == 0 ? actor : COORDINATOR, face, g, country);
            }
            case GET_GROUP -> {
                if (groups.isEmpty()) {
                    createGroup(COORDINATOR, face, s.a());
                    return;
                }
                GroupM g = groups.get(s.a() % groups.size());
                checkEveryone(t -> checkGroup(g, t, faceFor(t)));
            }
            default -> throw new IllegalStateException("not a group step: " + s);
        }
    }

    void createGroup(String by, Face face, int a) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < TENANTS.size(); i++) {
            if (((a >> i) & 1) == 1) {
                members.add(TENANTS.get(i));
            }
        }
        Outcome out =
                call(
                        face,
                        user(by),
                        Faces.CASES,
                        "CreateCountryGroup",
                        CreateCountryGroupRequest.newBuilder()
                                .setGroup(
                                        CountryGroup.newBuilder()
                                                .setName("Isolation " + RUN + " group " + a)
                                                .addAllMembers(members))
                                .build());
        trace(
                "CreateCountryGroup by "
                        + by
                        + " of "
                        + members
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!by.equals(COORDINATOR)) {
            expectCode(out, Status.Code.PERMISSION_DENIED, "CreateCountryGroup by " + by);
            return;
        }
        expectOk(out, "CreateCountryGroup by the coordinator");
        GroupM g = new GroupM(out.as(CountryGroup.parser()).getId());
        g.members.addAll(members);
        groups.add(g);
        allGroups.add(g);
        checkEveryone(t -> checkGroup(g, t, faceFor(t)));
    }

    void shareWithGroup(String by, Face face, CaseM c, GroupM g, HandlingCode code) {
        Outcome out =
                call(
                        face,
                        user(by),
                        Faces.CASES,
                        "ShareCaseWithGroup",
                        ShareCaseWithGroupRequest.newBuilder()
                                .setId(c.id)
                                .setGroupId(g.id)
                                .setHandlingCode(code)
                                .build());
        trace(
                "ShareCaseWithGroup "
                        + c.id
                        + " of "
                        + c.owner
                        + " by "
                        + by
                        + " to group "
                        + g.id
                        + " "
                        + g.members
                        + " "
                        + code
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!c.visibleTo(by)) {
            expectNotFoundText(
                    out,
                    by,
                    Faces.CASES,
                    "ShareCaseWithGroup",
                    ShareCaseWithGroupRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .setGroupId(g.id)
                            .setHandlingCode(code)
                            .build(),
                    c.id);
            return;
        }
        if (!c.owner.equals(by)) {
            expectCode(out, Status.Code.PERMISSION_DENIED, "ShareCaseWithGroup by " + by);
            return;
        }
        if (!g.members.contains(by) && !by.equals(COORDINATOR)) {
            // A group the owner does not see is refused as one that does not exist.
            expectCode(
                    out,
                    Status.Code.INVALID_ARGUMENT,
                    "ShareCaseWithGroup by " + by + " to a group it is not in");
            return;
        }
        expectOk(out, "ShareCaseWithGroup by the owner");
        g.shares.put(c, code);
        g.sharedAt.put(c, ++shareClock);
        for (String m : g.members) {
            if (!m.equals(c.owner)) {
                c.shares.put(m, code);
                c.contactsDisclosed.remove(m);
                sources(c).put(m, g);
            }
        }
        checkEveryone(t -> checkCase(c, t, faceFor(t)));
    }

    void changeMember(String by, Face face, GroupM g, String country) {
        boolean adding = !g.members.contains(country);
        String rpc = adding ? "AddCountryGroupMember" : "RemoveCountryGroupMember";
        Outcome out =
                call(
                        face,
                        user(by),
                        Faces.CASES,
                        rpc,
                        adding
                                ? AddCountryGroupMemberRequest.newBuilder()
                                        .setId(g.id)
                                        .setCountry(country)
                                        .build()
                                : RemoveCountryGroupMemberRequest.newBuilder()
                                        .setId(g.id)
                                        .setCountry(country)
                                        .build());
        trace(
                rpc
                        + " "
                        + g.id
                        + " "
                        + country
                        + " by "
                        + by
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (!by.equals(COORDINATOR)) {
            if (g.members.contains(by)) {
                expectCode(out, Status.Code.PERMISSION_DENIED, rpc + " by member " + by);
            } else {
                expectCode(out, Status.Code.NOT_FOUND, rpc + " by non-member " + by);
            }
            return;
        }
        expectOk(out, rpc + " by the coordinator");
        List<CaseM> touched = new ArrayList<>(g.shares.keySet());
        if (adding) {
            g.members.add(country);
            g.shares.forEach(
                    (c, code) -> {
                        if (!country.equals(c.owner) && !c.shares.containsKey(country)) {
                            c.shares.put(country, code);
                            sources(c).put(country, g);
                        }
                    });
        } else {
            g.members.remove(country);
            for (CaseM c : touched) {
                if (sources(c).get(country) == g) {
                    // Another group it is still in that shares the case carries the grant (the
                    // newest such share); otherwise it ends, and the country is told if no other
                    // path shows it the case.
                    GroupM other =
                            allGroups.stream()
                                    .filter(
                                            o ->
                                                    o != g
                                                            && o.members.contains(country)
                                                            && o.shares.containsKey(c))
                                    .max(java.util.Comparator.comparing(o -> o.sharedAt.get(c)))
                                    .orElse(null);
                    if (other != null) {
                        c.shares.put(country, other.shares.get(c));
                        sources(c).put(country, other);
                    } else {
                        sources(c).remove(country);
                        c.shares.remove(country);
                        c.contactsDisclosed.remove(country);
                        if (!c.visibleTo(country)) {
                            c.accessEnded.add(country);
                        }
                    }
                }
            }
        }
        checkEveryone(t -> checkGroup(g, t, faceFor(t)));
        for (CaseM c : touched) {
            checkCase(c, country, faceFor(country));
        }
    }

    /** The coordinator and the members see the group and exactly its members; others nothing. */
    void checkGroup(GroupM g, String viewer, Face face) {
        var request = GetCountryGroupRequest.newBuilder().setId(g.id).build();
        Outcome out = call(face, user(viewer), Faces.CASES, "GetCountryGroup", request);
        channel(GETS);
        if (viewer.equals(COORDINATOR) || g.members.contains(viewer)) {
            expectOk(out, viewer + " reads group " + g.id);
            List<String> seen = out.as(CountryGroup.parser()).getMembersList();
            expect(
                    seen.equals(List.copyOf(g.members)),
                    viewer + " sees group " + g.id + " with " + seen + ", model " + g.members);
        } else {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "GetCountryGroup",
                    GetCountryGroupRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    g.id);
        }
    }

    /** A direct share by the owner replaces a group grant (the database clears its group). */
    @Override
    void shareCase(
            String by,
            Face face,
            CaseM c,
            String country,
            HandlingCode code,
            boolean discloseContacts) {
        boolean direct = c.owner.equals(by) || passesOn(c.shares.get(by));
        super.shareCase(by, face, c, country, code, discloseContacts);
        if (direct && !country.equals(c.owner) && c.shares.containsKey(country)) {
            sources(c).remove(country);
        }
    }

    @Override
    void revokeShare(String by, Face face, CaseM c, String country) {
        super.revokeShare(by, face, c, country);
        if (c.owner.equals(by) && !c.shares.containsKey(country)) {
            sources(c).remove(country);
        }
    }
}
