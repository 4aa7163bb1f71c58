package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.systemtests.FaultSuite.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chainbreaker.common.v1.AuditVerification;
import org.chainbreaker.common.v1.VerifyAuditTrailRequest;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.FaultLedger.Target;

/** What the fault suite's databases hold, against what the clients were acknowledged. */
final class FaultStore {

    private FaultStore() {}

    /**
     * Acknowledged writes of one kind against the rows of the database. A row belongs to the write
     * whose key its content carries (the title of a case, a support need of a repatriation), so
     * that a retry that lost its key would show as a second row for the same write.
     */
    record StoreCount(
            String what,
            long acknowledged,
            long found,
            long duplicates,
            long missing,
            long strays,
            long sharesMissing) {
        @Override
        public String toString() {
            return String.format(
                    "%s: acknowledged %d, found in the database %d, duplicates %d, missing %d, rows"
                            + " that are no acknowledged write %d",
                    what, acknowledged, found, duplicates, missing, strays);
        }
    }

    static StoreCount countCases(FaultLedger ledger) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        try (Connection c = postgres.superuserConnection("cases");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id::text, request_id, title from cases")) {
                collect(rs, rows);
            }
            try (ResultSet rs =
                    s.executeQuery(
                            "select case_id::text from case_shares where country = '"
                                    + PARTNER
                                    + "'")) {
                while (rs.next()) {
                    shared.add(rs.getString(1));
                }
            }
        }
        StoreCount count = compare("cases", ledger, Target.CASES, rows);
        long sharesMissing = ledger.shares.stream().filter(id -> !shared.contains(id)).count();
        return new StoreCount(
                count.what(),
                count.acknowledged(),
                count.found(),
                count.duplicates(),
                count.missing(),
                count.strays(),
                sharesMissing);
    }

    static StoreCount countRepatriations(FaultLedger ledger) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = postgres.superuserConnection("repatriation");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select r.id::text, r.request_id, array_to_string(n.support_needs, '|')"
                                        + " from repatriations r left join repatriation_victim_needs n on n.repatriation_id = r.id")) {
            collect(rs, rows);
        }
        return compare("repatriations", ledger, Target.REPATRIATION, rows);
    }

    /**
     * Row id -> "request_id|content"; every row of these private databases was written by this
     * class.
     */
    static void collect(ResultSet rs, Map<String, String> rows) throws SQLException {
        while (rs.next()) {
            rows.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3));
        }
    }

    static StoreCount compare(
            String what, FaultLedger ledger, Target target, Map<String, String> rows) {
        Map<String, String> acked = new HashMap<>();
        ledger.acked.forEach(
                (key, id) -> {
                    if (ledger.targets.get(key) == target) {
                        acked.put(key, id);
                    }
                });
        Map<String, Integer> rowsPerKey = new HashMap<>();
        long strays = 0;
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String content = row.getValue();
            if (!content.contains(ledger.runTag)) {
                continue; // another test's write
            }
            // The marker in the content names the write; where the content is sealed under the
            // owner's key (a repatriation's support needs) the superuser reads only the
            // request id, which every write of this class carries as its key.
            int marker = content.indexOf("Fault test ");
            String key =
                    marker >= 0
                            ? content.substring(marker + "Fault test ".length()).split("\\|")[0]
                            : content.substring(0, content.indexOf('|'));
            rowsPerKey.merge(key, 1, Integer::sum);
            if (!content.startsWith(key + "|") || !row.getKey().equals(acked.get(key))) {
                strays++;
            }
        }
        long duplicates = rowsPerKey.values().stream().mapToLong(n -> n - 1).sum();
        long missing =
                acked.entrySet().stream()
                        .filter(
                                e ->
                                        !rows.getOrDefault(e.getValue(), "")
                                                .startsWith(e.getKey() + "|"))
                        .count();
        return new StoreCount(
                what, acked.size(), acked.size() - missing, duplicates, missing, strays, 0);
    }

    /** Acknowledged shares and coordinator reads without their entry in the audit trail. */
    static long missingAuditEntries(FaultLedger ledger) throws SQLException {
        return missing(ledger.shares, "cases", "SHARE")
                + missing(ledger.reads, "repatriation", "READ");
    }

    static long missing(Set<String> ids, String database, String action) throws SQLException {
        Set<String> audited = new java.util.HashSet<>();
        try (Connection c = postgres.superuserConnection(database);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select distinct record_id from audit_log where action = '"
                                        + action
                                        + "'")) {
            while (rs.next()) {
                audited.add(rs.getString(1));
            }
        }
        return ids.stream().filter(id -> !audited.contains(id)).count();
    }

    /**
     * VerifyAuditTrail of each service, through the gateway's gRPC face, as INTERPOL's liaison (a
     * coordinator).
     */
    static Map<String, AuditVerification> verifyAuditTrails() {
        Map<String, AuditVerification> result = new TreeMap<>();
        Map<String, String> services =
                Map.of("cases", CASES, "fugitives", FUGITIVES, "repatriation", REPATRIATION);
        services.forEach(
                (name, service) -> {
                    Outcome outcome =
                            faces.call(
                                    Face.GRPC,
                                    Faces.endpoint(service, "VerifyAuditTrail"),
                                    token("interpol-liaison"),
                                    VerifyAuditTrailRequest.getDefaultInstance());
                    assertThat(outcome.ok())
                            .as("VerifyAuditTrail of " + name + ": " + outcome)
                            .isTrue();
                    result.put(name, outcome.as(AuditVerification.parser()));
                });
        return result;
    }
}
