package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.common.v1.Event;
import org.chainbreaker.common.v1.WatchEventsRequest;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.ChangeParticipantRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.events.GrantEndings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Losing access is told: a country removed from an operation, a participant of an operation that
 * ended, a country that saw a notice now cancelled, each receives an access_ended event naming what
 * it knew; the owner, the participants that keep access and unrelated countries receive none.
 */
class AccessEndedEventsTest extends RunningFugitiveService {

    @Autowired GrantEndings grantEndings;

    /** A subscriber whose stream has started (its first message, a heartbeat, arrived). */
    static final class Subscription implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Context.CancellableContext context = Context.current().withCancellation();

        Subscription(String tenant) throws InterruptedException {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer "
                            + TOKENS.token(
                                    tenant,
                                    tenant.toLowerCase() + "-investigator",
                                    "investigator"));
            var stub =
                    FugitiveServiceGrpc.newStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            context.run(
                    () ->
                            stub.watchEvents(
                                    WatchEventsRequest.getDefaultInstance(),
                                    new StreamObserver<>() {
                                        public void onNext(Event event) {
                                            events.add(event);
                                        }

                                        public void onError(Throwable t) {}

                                        public void onCompleted() {}
                                    }));
            assertThat(events.poll(30, TimeUnit.SECONDS))
                    .as("%s's stream started", tenant)
                    .isNotNull();
        }

        /**
         * The access_ended events received until nothing came for {@code quiet}, as "type:record".
         */
        List<String> accessEnded(Duration quiet) throws InterruptedException {
            List<String> all = new ArrayList<>();
            Event event;
            while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                if (event.getType().endsWith(".access_ended")) {
                    all.add(event.getType() + ":" + event.getRecordId());
                }
            }
            return all;
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }

    private record Setup(WantedPerson person, Operation op) {}

    private Setup publishedToAnOperationWithSgAndVn(String name, int year) {
        var kr = coordinator("KR");
        WantedPerson person = published(kr, person(name, year, 0, 0));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "SG",
                        "VN");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(person.getId())
                        .setOperationId(op.getId())
                        .build());
        return new Setup(person, op);
    }

    @Test
    void
            a_country_removed_from_an_operation_is_told_it_lost_the_operation_and_its_notices_and_nobody_else_is()
                    throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Leaver", 1971);
        try (Subscription sg = new Subscription("SG");
                Subscription vn = new Subscription("VN");
                Subscription kr = new Subscription("KR");
                Subscription bn = new Subscription("BN")) {
            coordinator("KR")
                    .removeParticipant(
                            ChangeParticipantRequest.newBuilder()
                                    .setId(s.op().getId())
                                    .setCountry("SG")
                                    .build());
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .containsExactlyInAnyOrder(
                            "operation.access_ended:" + s.op().getId(),
                            "wanted_person.access_ended:" + s.person().getId());
            assertThat(vn.accessEnded(Duration.ofMillis(300))).isEmpty();
            assertThat(kr.accessEnded(Duration.ofMillis(300))).isEmpty();
            assertThat(bn.accessEnded(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void the_countries_that_saw_a_cancelled_notice_are_told_and_nobody_else_is() throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Cancelled", 1972);
        try (Subscription sg = new Subscription("SG");
                Subscription vn = new Subscription("VN");
                Subscription kr = new Subscription("KR");
                Subscription bn = new Subscription("BN")) {
            coordinator("KR")
                    .cancelWantedPerson(
                            CancelWantedPersonRequest.newBuilder()
                                    .setId(s.person().getId())
                                    .setReason("withdrawn")
                                    .build());
            String told = "wanted_person.access_ended:" + s.person().getId();
            assertThat(sg.accessEnded(Duration.ofMillis(1500))).containsExactly(told);
            assertThat(vn.accessEnded(Duration.ofMillis(500))).containsExactly(told);
            assertThat(kr.accessEnded(Duration.ofMillis(300))).isEmpty();
            assertThat(bn.accessEnded(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void the_participants_of_an_operation_that_ended_are_told_once() throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Operation Over", 1973);
        try (Subscription sg = new Subscription("SG");
                Subscription kr = new Subscription("KR");
                Subscription bn = new Subscription("BN")) {
            try (var owner =
                            java.sql.DriverManager.getConnection(
                                    DATABASE.jdbcUrl(),
                                    DATABASE.ownerUser(),
                                    DATABASE.ownerPassword());
                    var end =
                            owner.prepareStatement(
                                    "update operations set end_time = now() - interval '1 millisecond' where id = ?")) {
                end.setObject(1, java.util.UUID.fromString(s.op().getId()));
                assertThat(end.executeUpdate()).isEqualTo(1);
            }
            grantEndings.tellNow();
            grantEndings.tellNow();
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .containsExactly("wanted_person.access_ended:" + s.person().getId());
            assertThat(kr.accessEnded(Duration.ofMillis(300))).isEmpty();
            assertThat(bn.accessEnded(Duration.ofMillis(300))).isEmpty();
        }
    }

    /** A second running operation of KR with SG, to which the person is published too. */
    private Operation alsoPublishedToASecondOperationWithSg(Setup s) {
        var kr = coordinator("KR");
        Operation second =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "SG");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(s.person().getId())
                        .setOperationId(second.getId())
                        .build());
        return second;
    }

    private static void removeSg(Operation op) {
        coordinator("KR")
                .removeParticipant(
                        ChangeParticipantRequest.newBuilder()
                                .setId(op.getId())
                                .setCountry("SG")
                                .build());
    }

    private static void end(Operation op) throws java.sql.SQLException {
        try (var owner =
                        java.sql.DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                var end =
                        owner.prepareStatement(
                                "update operations set end_time = now() - interval '1 millisecond'"
                                        + " where id = ?")) {
            end.setObject(1, java.util.UUID.fromString(op.getId()));
            assertThat(end.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void
            a_country_removed_from_one_of_two_operations_showing_a_notice_is_told_only_when_it_leaves_the_last()
                    throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Two Ways Out", 1974);
        Operation second = alsoPublishedToASecondOperationWithSg(s);
        try (Subscription sg = new Subscription("SG")) {
            removeSg(s.op());
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .as("SG still sees the notice through the second operation")
                    .containsExactly("operation.access_ended:" + s.op().getId());
            removeSg(second);
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .containsExactlyInAnyOrder(
                            "operation.access_ended:" + second.getId(),
                            "wanted_person.access_ended:" + s.person().getId());
        }
    }

    @Test
    void a_participant_of_two_operations_showing_a_notice_is_told_only_when_the_last_ends()
            throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Two Ends", 1975);
        Operation second = alsoPublishedToASecondOperationWithSg(s);
        try (Subscription sg = new Subscription("SG")) {
            end(s.op());
            grantEndings.tellNow();
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .as("SG still sees the notice through the second operation")
                    .isEmpty();
            end(second);
            grantEndings.tellNow();
            grantEndings.tellNow();
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .containsExactly("wanted_person.access_ended:" + s.person().getId());
        }
    }

    @Test
    void a_country_that_saw_a_cancelled_notice_two_ways_is_told_once() throws Exception {
        Setup s = publishedToAnOperationWithSgAndVn("Access Ended Cancelled Twice Seen", 1976);
        alsoPublishedToASecondOperationWithSg(s);
        try (Subscription sg = new Subscription("SG")) {
            coordinator("KR")
                    .cancelWantedPerson(
                            CancelWantedPersonRequest.newBuilder()
                                    .setId(s.person().getId())
                                    .setReason("withdrawn")
                                    .build());
            assertThat(sg.accessEnded(Duration.ofMillis(1500)))
                    .containsExactly("wanted_person.access_ended:" + s.person().getId());
        }
    }
}
