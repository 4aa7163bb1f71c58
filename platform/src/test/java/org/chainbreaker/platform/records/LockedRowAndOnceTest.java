package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.platform.errors.AlreadyExistsException;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/**
 * The shared change mechanics (lock, read, rule, entity tag; make once per request key), without a
 * database.
 */
class LockedRowAndOnceTest {

    record Row(UUID id, String owner, long version) {}

    private static final Row ROW = new Row(UUID.randomUUID(), "KR", 4);

    private static LockedRow<Row> row(boolean lockable, List<String> steps) {
        return new LockedRow<>(
                ROW.id(),
                () -> {
                    steps.add("lock");
                    return lockable;
                },
                () -> {
                    steps.add("read");
                    return Optional.of(ROW);
                },
                Row::version,
                () -> new NotFoundException("row"));
    }

    private static void ownerOnly(Row row) {
        if (!row.owner().equals("KR")) {
            throw new PermissionDeniedException("owner only");
        }
    }

    @Test
    void a_change_locks_before_it_reads_and_decides_on_the_current_version() {
        List<String> steps = new ArrayList<>();
        assertThat(
                        row(true, steps)
                                .forChange(LockedRowAndOnceTest::ownerOnly, Etags.of(ROW.id(), 4)))
                .isEqualTo(ROW);
        assertThat(steps).containsExactly("lock", "read");
        assertThatThrownBy(
                        () ->
                                row(true, new ArrayList<>())
                                        .forChange(
                                                LockedRowAndOnceTest::ownerOnly,
                                                Etags.of(ROW.id(), 3)))
                .isInstanceOf(EtagMismatchException.class);
    }

    @Test
    void the_rule_answers_before_a_row_that_could_not_be_locked_is_called_missing() {
        assertThatThrownBy(
                        () ->
                                row(false, new ArrayList<>())
                                        .forChange(
                                                r -> {
                                                    throw new PermissionDeniedException(
                                                            "not yours");
                                                },
                                                ""))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> row(false, new ArrayList<>()).forChange(r -> {}, ""))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_write_that_found_the_row_moved_is_a_stale_change() {
        LockedRow.requireWritten(true);
        assertThatThrownBy(() -> LockedRow.requireWritten(false))
                .isInstanceOf(EtagMismatchException.class);
    }

    @Test
    void a_request_key_makes_its_record_once_and_answers_a_retry_with_it() {
        Optional<RequestKey> key = RequestKey.of("req-1", "the request");
        List<RequestKey.Stored<String>> stored = new ArrayList<>();
        AtomicInteger made = new AtomicInteger();
        java.util.function.Supplier<Optional<String>> make =
                () -> {
                    String record = "record-" + made.incrementAndGet();
                    stored.add(new RequestKey.Stored<>(record, key.orElseThrow().digest()));
                    return Optional.of(record);
                };
        String first = RequestKey.once(key, id -> stored.stream().findFirst(), make);
        String retry = RequestKey.once(key, id -> stored.stream().findFirst(), make);
        assertThat(first).isEqualTo("record-1");
        assertThat(retry).isEqualTo("record-1");
        assertThat(made).hasValue(1);
    }

    @Test
    void an_insert_that_lost_the_race_answers_the_winners_record_if_it_was_the_same_request() {
        Optional<RequestKey> key = RequestKey.of("req-2", "the request");
        List<RequestKey.Stored<String>> stored = new ArrayList<>();
        String answered =
                RequestKey.<String>once(
                        key,
                        id -> stored.stream().findFirst(),
                        () -> {
                            stored.add(
                                    new RequestKey.Stored<>(
                                            "the winner's", key.orElseThrow().digest()));
                            return Optional.empty();
                        });
        assertThat(answered).isEqualTo("the winner's");
        Optional<RequestKey> other = RequestKey.of("req-2", "another request");
        assertThatThrownBy(
                        () ->
                                RequestKey.<String>once(
                                        other, id -> stored.stream().findFirst(), Optional::empty))
                .isInstanceOf(AlreadyExistsException.class);
    }
}
