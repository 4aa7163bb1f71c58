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
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc;
import org.chainbreaker.fugitives.v1.Operation;
import org.chainbreaker.fugitives.v1.PublishToOperationRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * The event stream: a cancellation reaches everyone who could see the notice; a check reaches its
 * owner only.
 */
class EventsOverGrpcTest extends RunningFugitiveService {

    final class Subscription implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Context.CancellableContext context = Context.current().withCancellation();

        Subscription(String tenant) {
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
                                            if (!event.getHeartbeat()) {
                                                events.add(event);
                                            }
                                        }

                                        public void onError(Throwable t) {}

                                        public void onCompleted() {}
                                    }));
        }

        List<String> drain(Duration quiet) throws InterruptedException {
            List<String> all = new ArrayList<>();
            Event event;
            while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                all.add(event.getType() + ":" + event.getRecordId());
            }
            return all;
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }

    @Test
    void
            a_cancellation_reaches_the_operation_participants_and_the_owner_but_not_unrelated_countries()
                    throws Exception {
        var kr = coordinator("KR");
        WantedPerson published = published(kr, person("Events Cancel", 1980, 0, 0));
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "SG");
        kr.publishToOperation(
                PublishToOperationRequest.newBuilder()
                        .setId(published.getId())
                        .setOperationId(op.getId())
                        .build());
        try (Subscription sg = new Subscription("SG");
                Subscription bn = new Subscription("BN");
                Subscription owner = new Subscription("KR")) {
            Thread.sleep(300);
            kr.cancelWantedPerson(
                    CancelWantedPersonRequest.newBuilder()
                            .setId(published.getId())
                            .setReason("withdrawn")
                            .build());
            String cancelled = "wanted_person.cancelled:" + published.getId();
            assertThat(sg.drain(Duration.ofMillis(1500))).contains(cancelled);
            assertThat(owner.drain(Duration.ofMillis(500))).contains(cancelled);
            assertThat(bn.drain(Duration.ofMillis(500))).doesNotContain(cancelled);
        }
    }

    @Test
    void a_notice_cancelled_before_it_was_published_is_announced_to_its_owner_only()
            throws Exception {
        var kr = coordinator("KR");
        Operation op =
                operation(
                        kr,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(1)),
                        "SG");
        WantedPerson draft = record(kr, person("Events Draft Cancel", 1981, 0, 0));
        WantedPerson published = published(kr, person("Events Published Cancel", 1982, 0, 0));
        for (WantedPerson w : List.of(draft, published)) {
            kr.publishToOperation(
                    PublishToOperationRequest.newBuilder()
                            .setId(w.getId())
                            .setOperationId(op.getId())
                            .build());
        }
        try (Subscription sg = new Subscription("SG");
                Subscription owner = new Subscription("KR")) {
            Thread.sleep(300);
            kr.cancelWantedPerson(
                    CancelWantedPersonRequest.newBuilder()
                            .setId(draft.getId())
                            .setReason("withdrawn")
                            .build());
            kr.cancelWantedPerson(
                    CancelWantedPersonRequest.newBuilder()
                            .setId(published.getId())
                            .setReason("withdrawn")
                            .build());
            // In commit order: once SG heard of the second cancellation, it would have heard of the
            // first.
            assertThat(sg.drain(Duration.ofMillis(1500)))
                    .contains("wanted_person.cancelled:" + published.getId())
                    .doesNotContain("wanted_person.cancelled:" + draft.getId());
            assertThat(owner.drain(Duration.ofMillis(500)))
                    .contains(
                            "wanted_person.cancelled:" + draft.getId(),
                            "wanted_person.cancelled:" + published.getId());
        }
    }

    @Test
    void an_identity_check_is_announced_to_the_owner_only() throws Exception {
        var kr = coordinator("KR");
        WantedPerson published = published(kr, person("Events Checked Person", 1977, 0, 0));
        try (Subscription owner = new Subscription("KR");
                Subscription checker = new Subscription("ID")) {
            Thread.sleep(300);
            investigator("ID")
                    .checkIdentity(
                            CheckIdentityRequest.newBuilder()
                                    .setName("Events Checked Person")
                                    .setPurpose("port of entry Batam")
                                    .build());
            String checked = "notice.checked:" + published.getReference();
            assertThat(owner.drain(Duration.ofMillis(1500))).contains(checked);
            assertThat(checker.drain(Duration.ofMillis(500))).doesNotContain(checked);
        }
    }
}
