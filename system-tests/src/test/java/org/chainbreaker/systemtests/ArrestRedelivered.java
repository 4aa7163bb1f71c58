package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.FaultSuite.REPATRIATION;
import static org.chainbreaker.systemtests.FaultSuite.faces;
import static org.chainbreaker.systemtests.FaultSuite.postgres;
import static org.chainbreaker.systemtests.FaultSuite.token;

import com.google.protobuf.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chainbreaker.repatriation.v1.ReasonedTransitionRequest;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.SyncArrestTransferRequest;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;

/**
 * An arrest sent again to the repatriation-service after its draft left DRAFT, as the arrest relay
 * sends it when the answer to its call was lost. While the draft is live, the unique index of live
 * repatriations ({@code repatriations_one_live_per_person}) turns any repeat into the live draft,
 * recognised as the same arrest or not; once the arresting country cancelled the draft, only the
 * arrest's own key makes a repeat answer that draft, as the contract says. Without the key the
 * repeat ends on the unique index of arrests ({@code repatriations_one_per_arrest}) as an internal
 * error, which the relay would take for a fault and send again.
 */
final class ArrestRedelivered {

    private ArrestRedelivered() {}

    /** What a repeat is to answer: the arrest's draft, as its owner cancelled it. */
    static final String THE_CANCELLED_DRAFT = "the arrest's draft, CANCELLED";

    /**
     * TH cancels the draft of each person's arrest, then sends the arrest again
     * (SyncArrestTransfer); per person, what the repeat answered.
     */
    static Map<String, String> answersAfterCancelling(List<String> persons) throws SQLException {
        Map<String, String> answers = new TreeMap<>();
        for (String person : persons) {
            String draft = repatriationOf(person);
            Outcome cancel =
                    call(
                            "CancelRepatriation",
                            ReasonedTransitionRequest.newBuilder()
                                    .setId(draft)
                                    .setReason("arrested person released on bail")
                                    .build());
            if (!cancel.ok()) {
                throw new IllegalStateException("CancelRepatriation as th-investigator: " + cancel);
            }
            Outcome out =
                    call(
                            "SyncArrestTransfer",
                            SyncArrestTransferRequest.newBuilder()
                                    .setWantedPersonId(person)
                                    .build());
            if (!out.ok()) {
                answers.put(person, "refused: " + out);
                continue;
            }
            Repatriation again = out.as(Repatriation.parser());
            answers.put(
                    person,
                    again.getId().equals(draft)
                            ? "the arrest's draft, " + again.getStatus()
                            : "another repatriation " + again.getId() + ", " + again.getStatus());
        }
        return answers;
    }

    private static Outcome call(String method, Message request) {
        return faces.call(
                Face.GRPC, Faces.endpoint(REPATRIATION, method), token("th-investigator"), request);
    }

    private static String repatriationOf(String person) throws SQLException {
        try (Connection c = postgres.superuserConnection("repatriation");
                PreparedStatement s =
                        c.prepareStatement(
                                "select id::text from repatriations where wanted_person_id = ?::uuid")) {
            s.setString(1, person);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
