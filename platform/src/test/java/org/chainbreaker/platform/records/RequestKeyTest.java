package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.platform.errors.AlreadyExistsException;
import org.chainbreaker.platform.grpc.StatusMapping;
import org.junit.jupiter.api.Test;

class RequestKeyTest {

    enum Kind {
        RESCUE,
        RETURN
    }

    record Place(String country, Optional<Double> latitude) {}

    record Draft(
            String host,
            Kind kind,
            int people,
            List<String> nationalities,
            Set<String> participants,
            Place place,
            Instant when,
            Optional<String> requestId) {}

    /** The same draft as it would look one release later, with a component added at its default. */
    record DraftWithMore(
            String host,
            Kind kind,
            int people,
            List<String> nationalities,
            Set<String> participants,
            Place place,
            Instant when,
            Optional<String> note,
            List<String> languages,
            int escorts) {}

    private static final Instant WHEN = Instant.parse("2026-12-06T10:15:30.123456Z");

    private static Draft draft(String host, int people, String requestId) {
        return new Draft(
                host,
                Kind.RESCUE,
                people,
                List.of("KH", "VN"),
                new LinkedHashSet<>(List.of("TH", "KR")),
                new Place("TH", Optional.of(16.7)),
                WHEN,
                Optional.of(requestId));
    }

    private static byte[] digest(Object... request) {
        return RequestKey.of("k-1", request).orElseThrow().digest();
    }

    @Test
    void the_same_request_has_the_same_digest_whatever_its_key_and_the_order_of_its_sets() {
        Draft first = draft("TH", 5, "k-1");
        Draft again =
                new Draft(
                        "TH",
                        Kind.RESCUE,
                        5,
                        List.of("KH", "VN"),
                        new LinkedHashSet<>(List.of("KR", "TH")),
                        new Place("TH", Optional.of(16.7)),
                        WHEN,
                        Optional.of("another-key"));
        assertThat(digest(first)).isEqualTo(digest(again)).hasSize(32);
        assertThat(digest(first, UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isEqualTo(digest(again, UUID.fromString("00000000-0000-0000-0000-000000000001")));
    }

    @Test
    void any_difference_in_content_or_list_order_is_a_different_request() {
        byte[] thai = digest(draft("TH", 5, "k"));
        assertThat(digest(draft("KH", 500, "k"))).isNotEqualTo(thai);
        assertThat(digest(draft("TH", 6, "k"))).isNotEqualTo(thai);
        assertThat(
                        digest(
                                new Draft(
                                        "TH",
                                        Kind.RESCUE,
                                        5,
                                        List.of("VN", "KH"),
                                        Set.of("TH", "KR"),
                                        new Place("TH", Optional.of(16.7)),
                                        WHEN,
                                        Optional.empty())))
                .isNotEqualTo(thai);
        assertThat(
                        digest(
                                new Draft(
                                        "TH",
                                        Kind.RESCUE,
                                        5,
                                        List.of("KH", "VN"),
                                        Set.of("TH", "KR"),
                                        new Place("TH", Optional.empty()),
                                        WHEN,
                                        Optional.empty())))
                .isNotEqualTo(thai);
        assertThat(
                        digest(
                                new Draft(
                                        "TH",
                                        Kind.RESCUE,
                                        5,
                                        List.of("KH", "VN"),
                                        Set.of("TH", "KR"),
                                        new Place("TH", Optional.of(16.7)),
                                        WHEN.plusNanos(1000),
                                        Optional.empty())))
                .isNotEqualTo(thai);
        // Tags and lengths keep neighbouring values apart: ("ab", "c") is not ("a", "bc"), "" is
        // not absent.
        assertThat(digest("ab", "c")).isNotEqualTo(digest("a", "bc"));
        assertThat(digest(Optional.of(""))).isNotEqualTo(digest(Optional.empty()));
        assertThat(digest(1)).isNotEqualTo(digest("1"));
        assertThat(digest(Map.of("a", 1, "b", 2))).isEqualTo(digest(Map.of("b", 2, "a", 1)));
    }

    @Test
    void a_component_added_later_at_its_default_leaves_the_digest_unchanged() {
        Draft now = draft("TH", 5, "k");
        DraftWithMore later =
                new DraftWithMore(
                        now.host(),
                        now.kind(),
                        now.people(),
                        now.nationalities(),
                        now.participants(),
                        now.place(),
                        now.when(),
                        Optional.empty(),
                        List.of(),
                        0);
        assertThat(digest(later)).isEqualTo(digest(now));
    }

    @Test
    void values_without_a_canonical_form_are_refused_rather_than_digested_by_to_string() {
        assertThatThrownBy(() -> digest(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_replay_answers_the_first_record_for_the_same_request_and_refuses_a_different_one() {
        RequestKey thai = RequestKey.of("rescue-1", draft("TH", 5, "rescue-1")).orElseThrow();
        RequestKey cambodian =
                RequestKey.of("rescue-1", draft("KH", 500, "rescue-1")).orElseThrow();
        UUID first = UUID.randomUUID();
        RequestKey.Stored<UUID> stored = new RequestKey.Stored<>(first, thai.digest());

        assertThat(thai.replay(Optional.of(stored))).contains(first);
        assertThat(thai.replay(Optional.<RequestKey.Stored<UUID>>empty())).isEmpty();
        assertThatThrownBy(() -> cambodian.replay(Optional.of(stored)))
                .isInstanceOfSatisfying(
                        AlreadyExistsException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("request_id");
                            assertThat(e.getMessage())
                                    .contains("request_id \"rescue-1\"")
                                    .contains("different request");
                        });
        // Rows from before digests were kept, and keys the server makes itself, answer as keys
        // always did.
        assertThat(cambodian.replay(Optional.of(new RequestKey.Stored<>(first, null))))
                .contains(first);
        assertThat(RequestKey.internal("rescue:x:TH").replay(Optional.of(stored))).contains(first);
        assertThat(RequestKey.of("", draft("TH", 5, ""))).isEmpty();
    }

    @Test
    void the_refusal_is_already_exists_with_its_reason_and_field_on_grpc() throws Exception {
        RequestKey key = RequestKey.of("k-9", "x").orElseThrow();
        com.google.rpc.Status status = StatusMapping.toStatus(key.refusal());
        assertThat(status.getCode()).isEqualTo(Code.ALREADY_EXISTS_VALUE);
        assertThat(status.getMessage()).contains("request_id \"k-9\"");
        ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo(RequestKey.REUSED);
        assertThat(info.getMetadataMap()).containsEntry("field", "request_id");
    }
}
