package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.stream.Stream;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A name that cannot be searched for is refused as INVALID_ARGUMENT on the name field, by search
 * and check alike.
 */
class NameInputRefusedOverGrpcTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub my = investigator("MY");

    record Bad(String what, String name) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Bad> badNames() {
        return Stream.of(
                new Bad("empty", ""),
                new Bad("only spaces", "   "),
                new Bad("10,000 characters", "a".repeat(10_000)),
                new Bad("201 Hangul syllables", "김".repeat(201)),
                new Bad("mixed scripts in one word", "Kim민수"),
                new Bad("Latin with a Cyrillic look-alike", "Kіm Minsu"),
                new Bad("Thai and Latin", "สมชาย Boonma"),
                new Bad("only punctuation", "-- ,. '' !?"),
                new Bad("only digits and symbols", "12345 #$%"),
                new Bad("a control character", "Kim\u0000Minsu"),
                new Bad("an escape sequence", "Kim \u001b[31mMinsu"));
    }

    @ParameterizedTest(name = "search refuses {0}")
    @MethodSource("badNames")
    void search_refuses_the_name_on_the_name_field(Bad bad) throws Exception {
        StatusRuntimeException e =
                failure(
                        () ->
                                my.searchWantedPersons(
                                        SearchWantedPersonsRequest.newBuilder()
                                                .setName(bad.name())
                                                .build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(e)).containsOnly("name");
    }

    @ParameterizedTest(name = "identity check refuses {0}")
    @MethodSource("badNames")
    void identity_check_refuses_the_name_on_the_name_field(Bad bad) throws Exception {
        StatusRuntimeException e =
                failure(
                        () ->
                                my.checkIdentity(
                                        CheckIdentityRequest.newBuilder()
                                                .setName(bad.name())
                                                .setPurpose("border crossing at Poipet")
                                                .build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(e)).containsOnly("name");
    }

    private static StatusRuntimeException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static List<String> violatedFields(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }
}
