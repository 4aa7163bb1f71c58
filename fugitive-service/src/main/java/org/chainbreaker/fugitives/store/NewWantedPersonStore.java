package org.chainbreaker.fugitives.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.NoticeReference;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL that enters wanted persons: reference numbers, the request ids that make a retry return the
 * first call's record, and the DRAFT rows, one by one or in JDBC batches with their index ({@link
 * WantedPersonIndexStore}). Runs inside a tenant transaction.
 */
@Repository
public class NewWantedPersonStore {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(WantedPersonStore.class);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final WantedPersonRows rows;
    private final WantedPersonIndexStore index;

    NewWantedPersonStore(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batch,
            WantedPersonRows rows,
            WantedPersonIndexStore index) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.rows = rows;
        this.index = index;
    }

    /** A record of a bulk load, ready to insert. */
    public record NewRecord(
            UUID id,
            NoticeReference reference,
            WantedPersonDetails details,
            Optional<RequestKey> key,
            Collection<String> keys,
            Collection<String> documentNumbers) {}

    /**
     * Takes {@code count} consecutive reference numbers of the owner for the year; returns the
     * first.
     */
    public long reserveReferences(String owner, int year, int count) {
        long last =
                jdbc.sql(
                                """
                        insert into wanted_person_reference_counters (owner_country, year, last_value)
                        values (:owner, :year, :count)
                        on conflict (owner_country, year)
                        do update set last_value = wanted_person_reference_counters.last_value + :count
                        returning last_value""")
                        .param("owner", owner)
                        .param("year", year)
                        .param("count", count)
                        .query(Long.class)
                        .single();
        return last - count + 1;
    }

    /**
     * The records of the owner already loaded under these request ids, with the digests of their
     * requests.
     */
    public Map<String, RequestKey.Stored<UUID>> findByRequestIds(
            String owner, Collection<String> requestIds) {
        Map<String, RequestKey.Stored<UUID>> found = new HashMap<>();
        if (requestIds.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        "select request_id, id, request_digest from wanted_persons where owner_country = :owner"
                                + " and request_id = any(:ids)")
                .param("owner", owner)
                .param("ids", requestIds.toArray(String[]::new))
                .query(
                        rs -> {
                            found.put(
                                    rs.getString(1),
                                    new RequestKey.Stored<>(
                                            rs.getObject(2, UUID.class), rs.getBytes(3)));
                        });
        return found;
    }

    /**
     * What became of an insert: a value the checks let through may still be refused by a column.
     */
    public enum Insert {
        STORED,
        REQUEST_ID_TAKEN,
        REFUSED
    }

    /**
     * Inserts DRAFTs and their search keys and documents in JDBC batches. {@code REQUEST_ID_TAKEN}
     * if any insert met a concurrent load of the same request id, {@code REFUSED} if the database
     * refused one of them; either way the transaction must roll back (the caller then retries
     * record by record).
     */
    public Insert insertAll(String owner, List<NewRecord> records, Instant now) {
        try {
            return insertAllOrThrow(owner, records, now) ? Insert.STORED : Insert.REQUEST_ID_TAKEN;
        } catch (DataAccessException refused) {
            log.info(
                    "A batch of {} records for {} was refused as a whole ({})",
                    records.size(),
                    owner,
                    refused.getMessage());
            return Insert.REFUSED;
        }
    }

    private boolean insertAllOrThrow(String owner, List<NewRecord> records, Instant now) {
        if (records.isEmpty()) {
            return true;
        }
        Timestamp time = Timestamp.from(now);
        MapSqlParameterSource[] inserts =
                records.stream()
                        .map(
                                r -> {
                                    MapSqlParameterSource p =
                                            new MapSqlParameterSource(
                                                    rows.detailParams(r.id(), owner, r.details()));
                                    return p.addValue("id", r.id())
                                            .addValue("owner", owner)
                                            .addValue("reference", r.reference().toString())
                                            .addValues(RequestKeyColumns.params(r.key()))
                                            .addValue("now", time);
                                })
                        .toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate(INSERT, inserts);
        // The driver rewrites the batch into multi-row inserts (reWriteBatchedInserts), which
        // report no count per
        // row: whether a concurrent load took a request id shows in how many of the ids were
        // stored.
        Long stored =
                jdbc.sql("select count(*) from wanted_persons where id = any(:ids)")
                        .param("ids", records.stream().map(NewRecord::id).toArray(UUID[]::new))
                        .query(Long.class)
                        .single();
        if (stored != records.size()) {
            return false;
        }
        index.insertAll(owner, records);
        return true;
    }

    private static final String INSERT =
            """
            insert into wanted_persons (id, owner_country, reference, notice_status, custody, primary_name,
                   primary_script, aliases, alias_scripts, sex, birth_year, birth_month, birth_day,
                   nationalities, identifying_marks, document_types, document_numbers, document_countries,
                   charges, warrant_reference, warrant_authority, risk_flags, photo_reference, version,
                   request_id, request_digest, create_time, update_time)
            values (:id, :owner, :reference, 'DRAFT', 'AT_LARGE', :primaryName, :primaryScript, :aliases,
                    :aliasScripts, :sex, :year, :month, :day, :nationalities, :marks, :docTypes, :docNumbers,
                    :docCountries, :charges, :warrantReference, :warrantAuthority, :riskFlags, :photo, 1,
                    :requestId, :digest, :now, :now)
            on conflict (owner_country, request_id) do nothing""";

    public NoticeReference nextReference(String owner, int year) {
        long value =
                jdbc.sql(
                                """
                        insert into wanted_person_reference_counters (owner_country, year, last_value) values (:owner, :year, 1)
                        on conflict (owner_country, year)
                        do update set last_value = wanted_person_reference_counters.last_value + 1
                        returning last_value""")
                        .param("owner", owner)
                        .param("year", year)
                        .query(Long.class)
                        .single();
        return new NoticeReference(owner, year, value);
    }

    /** Inserts a DRAFT unless the owner already used this request id; true if inserted. */
    public boolean insert(
            UUID id,
            NoticeReference reference,
            WantedPersonDetails d,
            Optional<RequestKey> key,
            Instant now) {
        return jdbc.sql(INSERT)
                        .params(rows.detailParams(id, reference.ownerCountry(), d))
                        .param("id", id)
                        .param("owner", reference.ownerCountry())
                        .param("reference", reference.toString())
                        .params(RequestKeyColumns.params(key))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * {@link #insert}, with the database's refusal of the record as an outcome (the transaction
     * must roll back).
     */
    public Insert tryInsert(
            UUID id,
            NoticeReference reference,
            WantedPersonDetails d,
            Optional<RequestKey> key,
            Instant now) {
        try {
            return insert(id, reference, d, key, now) ? Insert.STORED : Insert.REQUEST_ID_TAKEN;
        } catch (DataAccessException refused) {
            return Insert.REFUSED;
        }
    }

    /**
     * The owner's record made with this request id, with the digest of the request that made it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String owner, String requestId) {
        return RequestKeyColumns.find(jdbc, "wanted_persons", "owner_country", owner, requestId);
    }
}
