package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.chainbreaker.cases.v1.CasesProto;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.fugitives.v1.FugitivesProto;
import org.chainbreaker.repatriation.v1.RepatriationProto;
import org.chainbreaker.systemtests.Faces.Face;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every RPC of the case-, fugitive- and repatriation-service, through the gateway's REST face and
 * its gRPC face, with the same scenario on both: the owner succeeds; a country with a grant (share,
 * assigned lead, operation, sighting, transit, coordinator) sees what the rules let it see; an
 * unrelated country, and one whose grant was revoked or has ended, gets NOT_FOUND identical to that
 * of an id that never existed and finds nothing in lists and searches; an invalid request answers
 * INVALID_ARGUMENT (400) naming the field and changes nothing.
 *
 * <p>The scenarios live in {@link CaseServiceScenarios}, {@link CaseIntelligenceScenarios}, {@link
 * FugitiveServiceScenarios}, {@link RepatriationServiceScenarios} and {@link
 * RescueRequestScenarios}, one {@code add(service, rpc, on -> ...)} each. {@link
 * #every_rpc_of_the_three_services_has_a_scenario()} reads the services' descriptors and fails
 * naming every RPC without one: a new RPC is not public until it has its scenario here.
 */
class EveryRpcOverBothFacesTest {

    /** One RPC's scenario, run once per face. */
    @FunctionalInterface
    interface Scenario {
        void run(OnFace on) throws Exception;
    }

    /** The scenarios by RPC ({@code chainbreaker.cases.v1.CaseService/GetCase}). */
    static final class Scenarios {

        private final Map<String, Scenario> byRpc = new LinkedHashMap<>();

        void add(String service, String method, Scenario scenario) {
            if (byRpc.putIfAbsent(service + "/" + method, scenario) != null) {
                throw new IllegalStateException("two scenarios for " + service + "/" + method);
            }
        }

        Map<String, Scenario> all() {
            return byRpc;
        }
    }

    static final Scenarios SCENARIOS = new Scenarios();

    static {
        CaseServiceScenarios.register(SCENARIOS);
        CaseIntelligenceScenarios.register(SCENARIOS);
        FugitiveServiceScenarios.register(SCENARIOS);
        RepatriationServiceScenarios.register(SCENARIOS);
        RescueRequestScenarios.register(SCENARIOS);
        CooperationRequestScenarios.register(SCENARIOS);
        CountryGroupScenarios.register(SCENARIOS);
    }

    /** The files whose services the gateway makes public. */
    static final List<FileDescriptor> CONTRACT =
            List.of(
                    CasesProto.getDescriptor(),
                    FugitivesProto.getDescriptor(),
                    RepatriationProto.getDescriptor());

    static Faces faces;
    static final Map<String, Set<Face>> passed = new ConcurrentHashMap<>();
    static long started;

    @BeforeAll
    static void start() {
        faces = Faces.ofRunningSuite();
        started = System.nanoTime();
    }

    @AfterAll
    static void summary() {
        Map<String, Integer> perService = new TreeMap<>();
        Map<String, Integer> rpcs = new TreeMap<>();
        for (FileDescriptor file : CONTRACT) {
            for (ServiceDescriptor service : file.getServices()) {
                rpcs.put(service.getName(), service.getMethods().size());
                perService.put(service.getName(), 0);
            }
        }
        passed.forEach(
                (rpc, onFaces) -> {
                    if (onFaces.size() == Face.values().length) {
                        String service =
                                rpc.substring(
                                        rpc.lastIndexOf('.', rpc.indexOf('/')) + 1,
                                        rpc.indexOf('/'));
                        perService.merge(service, 1, Integer::sum);
                    }
                });
        StringBuilder out =
                new StringBuilder(
                        "\nEveryRpcOverBothFacesTest: RPCs whose scenario passed on both faces\n");
        perService.forEach(
                (service, n) ->
                        out.append(
                                String.format(
                                        "  %-20s %d of %d%n", service, n, rpcs.get(service))));
        out.append(
                String.format(
                        "  requests: REST %d, gRPC %d, in %.1f s%n",
                        OnFace.REQUESTS.get(Face.REST).get(),
                        OnFace.REQUESTS.get(Face.GRPC).get(),
                        (System.nanoTime() - started) / 1e9));
        System.out.print(out);
    }

    static List<MethodDescriptor> contractMethods() {
        List<MethodDescriptor> methods = new ArrayList<>();
        CONTRACT.forEach(f -> f.getServices().forEach(s -> methods.addAll(s.getMethods())));
        return methods;
    }

    @Test
    void every_rpc_of_the_three_services_has_a_scenario() {
        List<String> missing = new ArrayList<>();
        List<String> rpcs = new ArrayList<>();
        for (MethodDescriptor method : contractMethods()) {
            String rpc = method.getService().getFullName() + "/" + method.getName();
            rpcs.add(rpc);
            if (!SCENARIOS.all().containsKey(rpc)) {
                missing.add(rpc);
            }
        }
        assertThat(missing)
                .as(
                        "RPCs without a scenario in EveryRpcOverBothFacesTest (add one to the service's"
                                + " *Scenarios class)")
                .isEmpty();
        assertThat(SCENARIOS.all().keySet())
                .as("scenarios of RPCs that do not exist")
                .isSubsetOf(rpcs);
    }

    @TestFactory
    Stream<DynamicTest> every_rpc_keeps_its_visibility_rules_on_both_faces() {
        List<DynamicTest> tests = new ArrayList<>();
        for (MethodDescriptor method : contractMethods()) {
            String rpc = method.getService().getFullName() + "/" + method.getName();
            Scenario scenario = SCENARIOS.all().get(rpc);
            // -Deveryrpc.only=<part of an RPC name>[,<another part>...] runs only those scenarios
            // (e.g. CooperationRequest while working on them).
            if (scenario == null
                    || java.util.Arrays.stream(
                                    System.getProperty("everyrpc.only", "").split(",", -1))
                            .noneMatch(rpc::contains)) {
                continue;
            }
            for (Face face : Face.values()) {
                tests.add(
                        DynamicTest.dynamicTest(
                                method.getService().getName()
                                        + "."
                                        + method.getName()
                                        + " over "
                                        + face,
                                () -> {
                                    scenario.run(new OnFace(face, faces));
                                    passed.computeIfAbsent(rpc, r -> ConcurrentHashMap.newKeySet())
                                            .add(face);
                                }));
            }
        }
        return tests.stream();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // What the three services share: WatchEvents and VerifyAuditTrail
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * WatchEvents on one face. {@code ownerRecord} makes a change to a new record of the owner and
     * names it; {@code grant} lets the partner see it; {@code withdraw} (may be null) ends that
     * again; {@code partnerMarker} and {@code strangerMarker} make a change of the partner's and
     * the stranger's own. Events come in commit order, so a stream that reached the country's own
     * later change without showing the record never will.
     */
    static void watchEvents(
            OnFace on,
            String service,
            String owner,
            String partner,
            String stranger,
            Supplier<String> ownerRecord,
            Consumer<String> grant,
            Consumer<String> withdraw,
            Supplier<String> partnerMarker,
            Supplier<String> strangerMarker)
            throws Exception {
        String cursor = startCursor(on, service, owner, ownerRecord);
        String record = ownerRecord.get();
        grant.accept(record);
        String strangers = strangerMarker.get();
        try (EventWatch owners = EventWatch.open(on.face, service, owner, cursor);
                EventWatch partners = EventWatch.open(on.face, service, partner, cursor);
                EventWatch others = EventWatch.open(on.face, service, stranger, cursor)) {
            Event seen = owners.until(e -> e.getRecordId().equals(record));
            assertThat(seen)
                    .as(
                            "the owner's stream over %s shows its record (ended: %s)",
                            on.face, owners.ended())
                    .isNotNull();
            assertThat(partners.until(e -> e.getRecordId().equals(record)))
                    .as(
                            "the partner's stream over %s shows the granted record (ended: %s)",
                            on.face, partners.ended())
                    .isNotNull();
            assertThat(others.until(e -> e.getRecordId().equals(strangers)))
                    .as(
                            "the stranger's stream over %s shows its own change (ended: %s)",
                            on.face, others.ended())
                    .isNotNull();
            assertThat(others.seen())
                    .as("the stranger's stream over %s", on.face)
                    .extracting(Event::getRecordId)
                    .doesNotContain(record);
        }
        if (withdraw != null) {
            withdraw.accept(record);
            String partners = partnerMarker.get();
            try (EventWatch after = EventWatch.open(on.face, service, partner, cursor)) {
                assertThat(after.until(e -> e.getRecordId().equals(partners)))
                        .as(
                                "the partner's stream over %s shows its own change (ended: %s)",
                                on.face, after.ended())
                        .isNotNull();
                // Of the record, only that its access ended ("losing access is told"), nothing
                // more.
                assertThat(after.seen())
                        .as("after the grant ended, over %s", on.face)
                        .filteredOn(e -> e.getRecordId().equals(record))
                        .extracting(Event::getType)
                        .allMatch(type -> type.endsWith(".access_ended"));
            }
        }
        try (EventWatch forged =
                EventWatch.open(on.face, service, owner, "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA")) {
            EventWatch.Ended end = forged.awaitEnd();
            assertThat(end).as("a forged cursor over %s", on.face).isNotNull();
            assertThat(end.code())
                    .as("a forged cursor over %s: %s", on.face, end.text())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(end.text()).contains("cursor");
            if (on.face == Face.REST) {
                assertThat(end.text()).startsWith("400 ");
            }
        }
    }

    /**
     * A cursor from which the owner's later changes are delivered: taken from an event of a live
     * stream.
     */
    private static String startCursor(
            OnFace on, String service, String owner, Supplier<String> ownerRecord)
            throws Exception {
        try (EventWatch watch = EventWatch.open(on.face, service, owner, "")) {
            // A stream without a cursor starts at the head when the service receives it, which the
            // client cannot
            // observe: changes made before that are not delivered, so a few are made until one
            // arrives.
            for (int attempt = 0; attempt < 5; attempt++) {
                String record = ownerRecord.get();
                Event event =
                        watch.until(
                                e -> e.getRecordId().equals(record),
                                java.time.Duration.ofSeconds(3));
                if (event != null) {
                    return event.getCursor();
                }
                assertThat(watch.ended()).as("the owner's stream over %s ended", on.face).isNull();
            }
        }
        throw new AssertionError(
                "no event of the owner's changes reached its stream over " + on.face);
    }

    /** VerifyAuditTrail: a coordinator finds the chain intact; an investigator may not ask. */
    static void verifyAuditTrail(OnFace on, String service) {
        AuditVerification verification =
                on.ok(
                        OnFace.liaison("INTERPOL"),
                        service,
                        "VerifyAuditTrail",
                        VerifyAuditTrailRequest.getDefaultInstance(),
                        AuditVerification.parser());
        assertThat(verification.getIntact())
                .as("%s audit trail over %s: %s", service, on.face, verification)
                .isTrue();
        // Counts only the entries the caller may know of (its own actions, entries about its
        // records): possibly none.
        assertThat(verification.getChecked()).isNotNegative();
        on.refused(
                Status.Code.PERMISSION_DENIED,
                OnFace.investigator("KR"),
                service,
                "VerifyAuditTrail",
                VerifyAuditTrailRequest.getDefaultInstance());
        on.refused(
                Status.Code.PERMISSION_DENIED,
                OnFace.liaison("VN"),
                service,
                "VerifyAuditTrail",
                VerifyAuditTrailRequest.getDefaultInstance());
    }
}
