package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.HostileRequestCorpus.REFUSED;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.HostileRequestBases.Base;
import org.chainbreaker.systemtests.HostileRequestCorpus.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Hostile input against every cooperation-request RPC and every country-group RPC, over REST and
 * gRPC through the gateway. Each row starts from a request that would succeed (a real request,
 * group, case and scam centre of this run) and breaks one field: the values the contract's rules
 * forbid ({@link HostileRequestCorpus}, derived from the descriptors) and the rules the contract
 * states in prose (a request to oneself, a deadline beyond the urgency, an unknown group, a member
 * already in the group...: {@link HostileRequestProse}). Each must answer INVALID_ARGUMENT or
 * FAILED_PRECONDITION naming the field, or NOT_FOUND for a reference that must not be confirmed;
 * never a server error; and nothing changes: no row of any service's database, and the records the
 * requests name read the same.
 *
 * <p>Isolated: the row counts hold only while no other class writes to the suite.
 */
@Isolated
class HostileRequestInputTest {

    /** One hostile request over both faces. */
    record Row(
            Endpoint endpoint,
            String user,
            String what,
            String field,
            Message request,
            Set<Status.Code> codes) {}

    static Faces faces;
    static HostileRequestBases bases;

    @BeforeAll
    static void realRequestsAndGroup() {
        faces = Faces.ofRunningSuite();
        bases = new HostileRequestBases(new OnFace(Face.GRPC, faces));
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
        assertThat(bases.byRpc.keySet())
                .as(
                        "every request and group RPC has a request that would succeed (add one in HostileRequestBases)")
                .containsAll(targets.stream().map(Endpoint::fullName).toList());

        List<Row> rows = new ArrayList<>();
        for (Endpoint endpoint : targets) {
            Base base = bases.byRpc.get(endpoint.fullName());
            for (Variant v : HostileRequestCorpus.derived(endpoint)) {
                Message hostile =
                        v.hostile()
                                .apply(
                                        HostileRequestCorpus.asContract(
                                                endpoint.method(), base.request()));
                rows.add(new Row(endpoint, base.user(), v.what(), v.field(), hostile, v.codes()));
            }
        }
        rows.addAll(HostileRequestProse.rows(bases));

        Map<String, Long> countsBefore = HostileVerdicts.rowCounts();
        List<String> before = bases.named();
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
        assertThat(HostileVerdicts.rowCounts())
                .as("rows of every table of every database")
                .isEqualTo(countsBefore);
        assertThat(bases.named())
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
        if (HostileVerdicts.INTERNALS.matcher(text).find()) {
            return "reveals internals: " + abbreviate(text);
        }
        return null;
    }

    private static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() > 240 ? t.substring(0, 240) + "..." : t;
    }
}
