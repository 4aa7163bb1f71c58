package org.chainbreaker.systemtests;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.RegisterScamReportRequest;
import org.chainbreaker.cases.v1.ScamReport;
import org.chainbreaker.fugitives.v1.CreateOperationRequest;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.repatriation.v1.CreateRepatriationRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.VictimGroup;
import org.chainbreaker.systemtests.Faces.Face;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The create RPCs of the contract that take an idempotency key, each with two countries allowed to
 * call it and a request carrying a marker, paired with both faces: the cases {@link
 * ConcurrentIdempotentRetriesTest} fires its bursts over.
 */
final class IdempotentCreates {

    private IdempotentCreates() {}

    /**
     * One create RPC: its users (two countries allowed to create), the request, and where its
     * records are listed.
     */
    record Create(
            String service,
            String rpc,
            String getRpc,
            String listRpc,
            List<String> users,
            BiFunction<String, String, Message> request) {
        @Override
        public String toString() {
            return rpc;
        }
    }

    /** Every create paired with every face. */
    static Stream<Arguments> overBothFaces() {
        Instant now = Instant.now();
        List<Create> creates =
                List.of(
                        new Create(
                                Faces.CASES,
                                "CreateCase",
                                "GetCase",
                                "ListCases",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateCaseRequest.newBuilder()
                                                .setCase(
                                                        Case.newBuilder()
                                                                .setTitle(marker)
                                                                .setCategory(
                                                                        Case.Category.ONLINE_SCAM)
                                                                .setSummary("concurrent retries"))
                                                .build()),
                        new Create(
                                Faces.FUGITIVES,
                                "CreateWantedPerson",
                                "GetWantedPerson",
                                "ListWantedPersons",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateWantedPersonRequest.newBuilder()
                                                .setWantedPerson(
                                                        WantedPerson.newBuilder()
                                                                .setPrimaryName(
                                                                        PersonName.newBuilder()
                                                                                .setValue(
                                                                                        "Idem "
                                                                                                + letters(
                                                                                                        marker)))
                                                                .addCharges(
                                                                        "fraud (concurrent retries)")
                                                                .setWarrant(
                                                                        Warrant.newBuilder()
                                                                                .setReference(
                                                                                        marker)
                                                                                .setIssuingAuthority(
                                                                                        "Court "
                                                                                                + tenant)))
                                                .build()),
                        new Create(
                                Faces.FUGITIVES,
                                "CreateOperation",
                                "GetOperation",
                                "ListOperations",
                                List.of("interpol-liaison", "aseanapol-liaison"),
                                (tenant, marker) ->
                                        CreateOperationRequest.newBuilder()
                                                .setOperation(
                                                        Operation.newBuilder()
                                                                .setName(marker)
                                                                .setStartTime(
                                                                        timestamp(
                                                                                now.minus(
                                                                                        Duration
                                                                                                .ofDays(
                                                                                                        1))))
                                                                .setEndTime(
                                                                        timestamp(
                                                                                now.plus(
                                                                                        Duration
                                                                                                .ofDays(
                                                                                                        30)))))
                                                .build()),
                        new Create(
                                Faces.CASES,
                                "RegisterScamReport",
                                "GetScamReport",
                                "ListScamReports",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        RegisterScamReportRequest.newBuilder()
                                                .setScamReport(
                                                        ScamReport.newBuilder()
                                                                .setChannel(
                                                                        ScamReport.Channel.WEBSITE)
                                                                .setMethod(
                                                                        ScamReport.Method
                                                                                .INVESTMENT)
                                                                .setNarrative(marker)
                                                                .addIdentifiers(
                                                                        Identifier.newBuilder()
                                                                                .setKind(
                                                                                        Identifier
                                                                                                .Kind
                                                                                                .WEBSITE)
                                                                                .setValue(
                                                                                        marker.toLowerCase()
                                                                                                        .replace(
                                                                                                                '.',
                                                                                                                '-')
                                                                                                + ".example.com")))
                                                .build()),
                        new Create(
                                Faces.REPATRIATION,
                                "CreateRepatriation",
                                "GetRepatriation",
                                "ListRepatriations",
                                List.of("kr-investigator", "th-investigator"),
                                (tenant, marker) ->
                                        CreateRepatriationRequest.newBuilder()
                                                .setRepatriation(
                                                        Repatriation.newBuilder()
                                                                .setKind(
                                                                        Repatriation.Kind
                                                                                .VICTIM_RETURN)
                                                                .setSendingCountry(tenant)
                                                                .setReceivingCountry(
                                                                        tenant.equals("KR")
                                                                                ? "MY"
                                                                                : "SG")
                                                                .setVictimGroup(
                                                                        VictimGroup.newBuilder()
                                                                                .setCount(3))
                                                                .addCaseIds(marker))
                                                .build()));
        List<Arguments> arguments = new ArrayList<>();
        for (Create create : creates) {
            for (Face face : Face.values()) {
                arguments.add(Arguments.of(create, face));
            }
        }
        return arguments.stream();
    }

    static String tenantOf(String user) {
        return user.substring(0, user.indexOf('-')).toUpperCase();
    }

    /** A name's worth of letters derived from the marker, since names hold no digits or dots. */
    static String letters(String marker) {
        StringBuilder out = new StringBuilder();
        for (char c : marker.toCharArray()) {
            out.append(Character.isLetter(c) ? Character.toLowerCase(c) : (char) ('a' + (c % 26)));
        }
        return Character.toUpperCase(out.charAt(0)) + out.substring(1, Math.min(out.length(), 60));
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
