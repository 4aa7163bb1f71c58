package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.chainbreaker.fugitives.v1.CreateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The hostile inputs {@link HostileInputTest} once found answered with a server error or accepted,
 * one test each, on the smallest request that shows it: kept as regression tests now that the suite
 * refuses them.
 */
class HostileInputFindingsTest {

    static final Faces faces = Faces.ofRunningSuite();
    static final Faces backend =
            new Faces(
                    RunningSuite.get().restUrl(),
                    RunningSuite.channel(RunningSuite.get().backendTarget("fugitive-service")));

    /**
     * Undecodable protobuf is the client's fault: INVALID_ARGUMENT, not INTERNAL ("Invalid protobuf
     * byte sequence").
     */
    @Test
    void undecodable_protobuf_is_refused_as_invalid_argument() {
        Endpoint get = Faces.endpoint(Faces.CASES, "GetCase");
        String kr = "Bearer " + RunningSuite.token("kr-investigator");
        Outcome truncated = faces.grpc(get, kr, new byte[] {0x0A, 0x7F, 0x41});
        assertThat(truncated.code())
                .as(truncated.toString())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    /** A proto3 string that is not UTF-8 is malformed input: INVALID_ARGUMENT, not INTERNAL. */
    @Test
    void invalid_utf8_in_a_protobuf_string_is_refused_as_invalid_argument() throws Exception {
        Endpoint get = Faces.endpoint(Faces.CASES, "GetCase");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(1, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        out.flush();
        Outcome answer =
                faces.grpc(
                        get,
                        "Bearer " + RunningSuite.token("kr-investigator"),
                        bytes.toByteArray());
        assertThat(answer.code()).as(answer.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    /**
     * 5,000 nationalities (at most 5 are allowed) on the gRPC face: the service answers
     * INVALID_ARGUMENT with one field violation per element, whose details are too large for the
     * HTTP/2 trailers, and the caller gets INTERNAL.
     */
    @Test
    void a_huge_array_is_refused_as_invalid_argument_on_the_grpc_face() {
        WantedPerson.Builder person =
                WantedPerson.newBuilder()
                        .setPrimaryName(PersonName.newBuilder().setValue("Huge Array"))
                        .addCharges("fraud")
                        .setWarrant(
                                Warrant.newBuilder()
                                        .setReference("W-1")
                                        .setIssuingAuthority("Court"));
        for (int i = 0; i < 5_000; i++) {
            person.addNationalities("X" + i);
        }
        Endpoint create = Faces.endpoint(Faces.FUGITIVES, "CreateWantedPerson");
        CreateWantedPersonRequest request =
                CreateWantedPersonRequest.newBuilder().setWantedPerson(person).build();
        String kr = RunningSuite.token("kr-investigator");
        Outcome direct = backend.call(Faces.Face.GRPC, create, kr, request);
        Outcome viaGateway = faces.call(Faces.Face.GRPC, create, kr, request);
        assertThat(viaGateway.code())
                .as("through the gateway: %s; straight to the service: %s", viaGateway, direct)
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    /**
     * A JSON body that is not UTF-8 is malformed: 400, not decoded with replacement characters and
     * served.
     */
    @Test
    void a_json_body_that_is_not_utf8_is_refused() {
        Endpoint search = Faces.endpoint(Faces.FUGITIVES, "SearchWantedPersons");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"Kim".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        Outcome answer =
                faces.rest(
                        search,
                        "POST",
                        "/api/v1/wantedPersons:search",
                        "Bearer " + RunningSuite.token("kr-investigator"),
                        body.toByteArray(),
                        "application/json");
        assertThat(answer.http()).as(answer.toString()).isEqualTo(400);
    }
}
