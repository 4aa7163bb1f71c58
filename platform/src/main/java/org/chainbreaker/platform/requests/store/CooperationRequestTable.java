package org.chainbreaker.platform.requests.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.requests.Answer;
import org.chainbreaker.platform.requests.AnswerKind;
import org.chainbreaker.platform.requests.Ask;
import org.chainbreaker.platform.requests.CooperationRequest;
import org.chainbreaker.platform.requests.RequestStatus;
import org.chainbreaker.platform.requests.Subject;
import org.chainbreaker.platform.requests.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL of a service's cooperation-request table (same columns in every service; the table, the
 * definer function that finds the record a request may be about, and the escalation function are
 * the service's own, named here). Runs inside a tenant transaction: row-level security limits every
 * statement to the two countries (and coordinators once escalated).
 */
public final class CooperationRequestTable {

    private static final String COLUMNS =
            """
            id, requester_country, owner_country, reference, purpose, legal_basis, urgency, asks, third_country,
            status, ask_time, deadline, escalate_time, answer_kind, answer_text, answer_code, grant_until, granted,
            answer_time, reply, version""";

    /** A request the timer escalated. */
    public record Escalated(
            UUID id, String requester, String owner, String reference, Instant deadline) {}

    private final JdbcClient jdbc;
    private final String table;
    private final String subjectFunction;
    private final String escalateFunction;

    /** The one kind of a table without a kind column; empty when each row names its kind. */
    private final Optional<String> onlyKind;

    private final String columns;

    /** A table whose requests are all about one kind of record. */
    public CooperationRequestTable(
            JdbcClient jdbc,
            String table,
            String subjectFunction,
            String escalateFunction,
            String subjectKind) {
        this(jdbc, table, subjectFunction, escalateFunction, Optional.of(subjectKind));
    }

    /**
     * A table whose rows name their kind ({@code subject_kind}); its subject function takes the
     * kind first: {@code (kind, owner, reference)}.
     */
    public static CooperationRequestTable ofSeveralKinds(
            JdbcClient jdbc, String table, String subjectFunction, String escalateFunction) {
        return new CooperationRequestTable(
                jdbc, table, subjectFunction, escalateFunction, Optional.empty());
    }

    private CooperationRequestTable(
            JdbcClient jdbc,
            String table,
            String subjectFunction,
            String escalateFunction,
            Optional<String> onlyKind) {
        this.jdbc = jdbc;
        this.table = table;
        this.subjectFunction = subjectFunction;
        this.escalateFunction = escalateFunction;
        this.onlyKind = onlyKind;
        this.columns = onlyKind.isPresent() ? COLUMNS : COLUMNS + ", subject_kind";
    }

    /**
     * The record of this kind the session's country may ask about under this owner and reference;
     * empty for any other.
     */
    public Optional<UUID> subject(String kind, String owner, String reference) {
        if (onlyKind.isPresent()) {
            return onlyKind.get().equals(kind)
                    ? jdbc.sql("select " + subjectFunction + "(:owner, :reference)")
                            .param("owner", owner)
                            .param("reference", reference)
                            .query(UUID.class)
                            .optional()
                    : Optional.empty();
        }
        return jdbc.sql("select " + subjectFunction + "(:kind, :owner, :reference)")
                .param("kind", kind)
                .param("owner", owner)
                .param("reference", reference)
                .query(UUID.class)
                .optional();
    }

    /**
     * How many requests the requester sent about this target since the instant (the rate limit).
     */
    public int sentSince(
            String kind, String requester, String owner, String reference, Instant since) {
        return jdbc.sql(
                        "select count(*) from "
                                + table
                                + " "
                                + """
                         where requester_country = :requester and owner_country = :owner and reference = :reference
                           and ask_time >= :since"""
                                + (onlyKind.isPresent() ? "" : " and subject_kind = :kind"))
                .param("requester", requester)
                .param("owner", owner)
                .param("reference", reference)
                .param("since", Timestamp.from(since))
                .param("kind", kind)
                .query(Integer.class)
                .single();
    }

    public Optional<RequestKey.Stored<UUID>> findByRequestId(String requester, String requestId) {
        return jdbc.sql(
                        "select id, request_digest from "
                                + table
                                + " where requester_country = :requester and request_id = :requestId")
                .param("requester", requester)
                .param("requestId", requestId)
                .query(
                        (rs, n) ->
                                new RequestKey.Stored<>(
                                        rs.getObject("id", UUID.class),
                                        rs.getBytes("request_digest")))
                .optional();
    }

    /** Inserts the request unless the requester already used the request id; true if inserted. */
    public boolean insert(CooperationRequest r, UUID subjectId, Optional<RequestKey> key) {
        return jdbc.sql(
                                "insert into "
                                        + table
                                        + " "
                                        + """
                         (id, requester_country, owner_country, subject_id, reference, purpose, legal_basis, urgency,
                          asks, third_country, status, ask_time, deadline, version, request_id, request_digest"""
                                        + (onlyKind.isPresent() ? "" : ", subject_kind")
                                        + """
                        ) values (:id, :requester, :owner, :subject, :reference, :purpose, :legalBasis, :urgency,
                                :asks, :third, :status, :askTime, :deadline, :version, :requestId, :digest"""
                                        + (onlyKind.isPresent() ? "" : ", :subjectKind")
                                        + """
                        ) on conflict (requester_country, request_id) do nothing""")
                        .param("subjectKind", r.subject().kind())
                        .param("id", r.id())
                        .param("requester", r.requester())
                        .param("owner", r.owner())
                        .param("subject", subjectId)
                        .param("reference", r.subject().reference())
                        .param("purpose", r.purpose())
                        .param("legalBasis", r.legalBasis())
                        .param("urgency", r.urgency().name())
                        .param("asks", names(r.asks()))
                        .param("third", r.thirdCountry().orElse(null))
                        .param("status", r.status().name())
                        .param("askTime", Timestamp.from(r.askTime()))
                        .param("deadline", Timestamp.from(r.deadline()))
                        .param("version", r.version())
                        .param("requestId", key.map(RequestKey::id).orElse(null))
                        .param("digest", key.map(RequestKey::digest).orElse(null))
                        .update()
                == 1;
    }

    public Optional<CooperationRequest> find(UUID id) {
        return jdbc.sql("select " + columns + " from " + table + " where id = :id")
                .param("id", id)
                .query(this::request)
                .optional();
    }

    /**
     * Locks a request one of the two countries may change (the update policy), then reads it; empty
     * if the session's country is not a party (a coordinator, or a request it cannot see).
     */
    public Optional<CooperationRequest> lock(UUID id) {
        return jdbc.sql("select " + columns + " from " + table + " where id = :id for update")
                .param("id", id)
                .query(this::request)
                .optional();
    }

    /** The record a request is about (for the owner's grant). */
    public UUID subjectOf(UUID id) {
        return jdbc.sql("select subject_id from " + table + " where id = :id")
                .param("id", id)
                .query(UUID.class)
                .single();
    }

    /**
     * Stores a step, conditionally on the status and version it was decided on; false if the row
     * moved.
     */
    public boolean update(CooperationRequest before, CooperationRequest after) {
        Optional<Answer> a = after.answer();
        return jdbc.sql(
                                "update "
                                        + table
                                        + " "
                                        + """
                         set status = :status, deadline = :deadline, answer_kind = :kind, answer_text = :text,
                             answer_code = :code, grant_until = :until, granted = :granted, answer_time = :answerTime,
                             reply = :reply, version = :version
                         where id = :id and status = :from and version = :fromVersion""")
                        .param("status", after.status().name())
                        .param("deadline", Timestamp.from(after.deadline()))
                        .param("kind", a.map(x -> x.kind().name()).orElse(null))
                        .param("text", a.map(Answer::text).orElse(""))
                        .param("code", a.flatMap(Answer::handlingCode).orElse(null))
                        .param(
                                "until",
                                a.flatMap(Answer::grantUntil).map(Timestamp::from).orElse(null))
                        .param("granted", a.map(x -> names(x.granted())).orElse(new String[0]))
                        .param("answerTime", after.answerTime().map(Timestamp::from).orElse(null))
                        .param("reply", after.reply())
                        .param("version", after.version())
                        .param("id", before.id())
                        .param("from", before.status().name())
                        .param("fromVersion", before.version())
                        .update()
                == 1;
    }

    /** The requests the session's country may see, newest first, after a cursor. */
    public List<CooperationRequest> list(Optional<PageCursor> after, int limit) {
        String where = after.isEmpty() ? "" : " where (ask_time, id) < (:afterTime, :afterId)";
        var spec =
                jdbc.sql(
                                "select "
                                        + columns
                                        + " from "
                                        + table
                                        + where
                                        + " order by ask_time desc, id desc limit :limit")
                        .param("limit", limit);
        if (after.isPresent()) {
            spec =
                    spec.param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return spec.query(this::request).list();
    }

    /**
     * Escalates the session's country's overdue OPEN requests (at most {@code limit}), each once.
     */
    public List<Escalated> escalateDue(int limit) {
        return jdbc.sql(
                        "select id, requester_country, owner_country, reference, deadline from "
                                + escalateFunction
                                + "(:limit)")
                .param("limit", limit)
                .query(
                        (rs, n) ->
                                new Escalated(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("requester_country"),
                                        rs.getString("owner_country"),
                                        rs.getString("reference"),
                                        rs.getTimestamp("deadline").toInstant()))
                .list();
    }

    private CooperationRequest request(ResultSet rs, int n) throws SQLException {
        Optional<Answer> answer =
                Optional.ofNullable(rs.getString("answer_kind"))
                        .map(
                                kind -> {
                                    try {
                                        return new Answer(
                                                AnswerKind.valueOf(kind),
                                                rs.getString("answer_text"),
                                                Optional.ofNullable(rs.getString("answer_code")),
                                                instant(rs, "grant_until"),
                                                asks(rs.getArray("granted")));
                                    } catch (SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
        return new CooperationRequest(
                rs.getObject("id", UUID.class),
                rs.getString("requester_country"),
                rs.getString("owner_country"),
                new Subject(
                        onlyKind.isPresent() ? onlyKind.get() : rs.getString("subject_kind"),
                        rs.getString("reference")),
                rs.getString("purpose"),
                rs.getString("legal_basis"),
                Urgency.valueOf(rs.getString("urgency")),
                asks(rs.getArray("asks")),
                Optional.ofNullable(rs.getString("third_country")),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("ask_time").toInstant(),
                rs.getTimestamp("deadline").toInstant(),
                instant(rs, "escalate_time"),
                answer,
                instant(rs, "answer_time"),
                rs.getString("reply"),
                rs.getLong("version"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static Set<Ask> asks(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(Ask::valueOf)
                .collect(Collectors.toSet());
    }

    private static String[] names(Set<Ask> asks) {
        return asks.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
