package org.chainbreaker.fugitives.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.Arrest;
import org.chainbreaker.fugitives.domain.Confidence;
import org.chainbreaker.fugitives.domain.Custody;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.DocumentType;
import org.chainbreaker.fugitives.domain.IdentityDocument;
import org.chainbreaker.fugitives.domain.NewSighting;
import org.chainbreaker.fugitives.domain.NoticeReference;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.RiskFlag;
import org.chainbreaker.fugitives.domain.Sex;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.domain.Warrant;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for wanted persons, their publications, sightings, documents and search keys. Every method
 * runs inside a tenant transaction (see TenantTransactions), so row-level security limits it to
 * what the tenant may see. Queries still state the visibility predicate themselves, so that indexes
 * serve them; the policies are the backstop.
 */
@Repository
public class WantedPersonStore {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(WantedPersonStore.class);

    /**
     * Whether the tenant may see wanted person {@code w} through a grant: a running operation it
     * takes part in, or a sighting the owner reported in its country, or a granted cooperation
     * request (the rule of the policies; since V8 {@code sightings.country} names the country a
     * sighting lets see the record, null for none). Correlated per row, so that a few rows cost a
     * few primary-key lookups rather than the whole set of grants.
     */
    private static final String GRANTED =
            """
            (exists (select 1
                       from operation_publications p
                       join operations o on o.id = p.operation_id and now() between o.start_time and o.end_time
                       join operation_participants m on m.operation_id = p.operation_id and m.country = :tenant
                      where p.wanted_person_id = w.id)
             or exists (select 1 from sightings s where s.wanted_person_id = w.id and s.country = :tenant)
             or fugitives_request_granted(w.id))""";

    private static final String VISIBLE =
            "(w.owner_country = :tenant or (w.notice_status = 'PUBLISHED' and " + GRANTED + "))";

    private static final String COLUMNS =
            """
            w.id, w.owner_country, w.reference, w.notice_status, w.custody, w.primary_name, w.primary_script,
            w.aliases, w.alias_scripts, w.sex, w.birth_year, w.birth_month, w.birth_day, w.nationalities,
            w.identifying_marks, w.document_types, w.document_numbers, w.document_countries, w.charges,
            w.warrant_reference, w.warrant_authority, w.risk_flags, w.photo_reference, w.cancellation_reason,
            w.arrest_country, w.arrest_place, w.arrest_time, w.arrest_custody, w.transfer_reference, w.transfer_time,
            w.transfer_from_country, w.transfer_to_country, w.transfer_recorded_by, w.transfer_record_time,
            w.version, w.create_time, w.update_time""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    WantedPersonStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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
        MapSqlParameterSource[] rows =
                records.stream()
                        .map(
                                r -> {
                                    MapSqlParameterSource p =
                                            new MapSqlParameterSource(detailParams(r.details()));
                                    return p.addValue("id", r.id())
                                            .addValue("owner", owner)
                                            .addValue("reference", r.reference().toString())
                                            .addValue(
                                                    "requestId",
                                                    r.key().map(RequestKey::id).orElse(null))
                                            .addValue(
                                                    "digest",
                                                    r.key().map(RequestKey::digest).orElse(null),
                                                    java.sql.Types.BINARY)
                                            .addValue("now", time);
                                })
                        .toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate(INSERT, rows);
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
        List<MapSqlParameterSource> keys = new ArrayList<>();
        List<MapSqlParameterSource> documents = new ArrayList<>();
        for (NewRecord r : records) {
            Integer year = birthYear(r.details());
            r.keys()
                    .forEach(
                            k ->
                                    keys.add(
                                            new MapSqlParameterSource()
                                                    .addValue("id", r.id())
                                                    .addValue("owner", owner)
                                                    .addValue("key", k)
                                                    .addValue(
                                                            "year", year, java.sql.Types.INTEGER)));
            r.documentNumbers()
                    .forEach(
                            n ->
                                    documents.add(
                                            new MapSqlParameterSource()
                                                    .addValue("id", r.id())
                                                    .addValue("owner", owner)
                                                    .addValue("number", n)));
        }
        batch.batchUpdate(INSERT_KEY, keys.toArray(MapSqlParameterSource[]::new));
        batch.batchUpdate(
                """
                insert into wanted_person_documents (wanted_person_id, owner_country, number)
                values (:id, :owner, :number) on conflict do nothing""",
                documents.toArray(MapSqlParameterSource[]::new));
        return true;
    }

    private static final String INSERT_KEY =
            """
            insert into wanted_person_name_keys (wanted_person_id, owner_country, key, birth_year)
            values (:id, :owner, :key, :year) on conflict do nothing""";

    private static Integer birthYear(WantedPersonDetails details) {
        return details.dateOfBirth().year() == 0 ? null : details.dateOfBirth().year();
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
                        .params(detailParams(d))
                        .param("id", id)
                        .param("owner", reference.ownerCountry())
                        .param("reference", reference.toString())
                        .param("requestId", key.map(RequestKey::id).orElse(null))
                        .param(
                                "digest",
                                key.map(RequestKey::digest).orElse(null),
                                java.sql.Types.BINARY)
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
        return jdbc.sql(
                        "select id, request_digest from wanted_persons where owner_country = :owner"
                                + " and request_id = :requestId")
                .param("owner", owner)
                .param("requestId", requestId)
                .query(
                        (rs, n) ->
                                new RequestKey.Stored<>(
                                        rs.getObject(1, UUID.class), rs.getBytes(2)))
                .optional();
    }

    /**
     * Replaces the descriptive fields if the notice is still {@code from}; false if it is not
     * (nothing changed).
     */
    public boolean updateDetails(UUID id, NoticeStatus from, WantedPersonDetails d, Instant now) {
        return jdbc.sql(
                                """
                        update wanted_persons
                           set primary_name = :primaryName, primary_script = :primaryScript, aliases = :aliases,
                               alias_scripts = :aliasScripts, sex = :sex, birth_year = :year, birth_month = :month,
                               birth_day = :day, nationalities = :nationalities, identifying_marks = :marks,
                               document_types = :docTypes, document_numbers = :docNumbers,
                               document_countries = :docCountries, charges = :charges,
                               warrant_reference = :warrantReference, warrant_authority = :warrantAuthority,
                               risk_flags = :riskFlags, photo_reference = :photo,
                               version = version + 1, update_time = :now
                         where id = :id and notice_status = :from""")
                        .params(detailParams(d))
                        .param("id", id)
                        .param("from", from.name())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Moves the notice from {@code change.from()} to {@code change.to()}; false if it is no longer
     * there.
     */
    public boolean setStatus(UUID id, NoticeSteps.StatusChange change, Instant now) {
        return jdbc.sql(
                                """
                        update wanted_persons
                           set notice_status = :status, cancellation_reason = coalesce(:reason, cancellation_reason),
                               -- Who hears of a cancellation depends on what the notice was then (events policy).
                               cancelled_from = case when :status = 'CANCELLED' then notice_status else cancelled_from end,
                               cancel_time = case when :status = 'CANCELLED' then :now else cancel_time end,
                               version = version + 1, update_time = :now
                         where id = :id and notice_status = :from""")
                        .param("id", id)
                        .param("status", change.to().name())
                        .param("from", change.from().name())
                        .param("reason", change.cancellationReason().orElse(null))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Replaces the search keys and normalised document numbers of a wanted person (owner only). */
    public void replaceIndex(
            UUID id,
            String owner,
            WantedPersonDetails details,
            Collection<String> keys,
            Collection<String> documentNumbers) {
        Integer year = birthYear(details);
        // Only the keys that went (or whose year of birth changed): a spelling whose last holder
        // goes leaves the
        // dictionary of spellings (V7), so rewriting unchanged keys would remove and re-add it on
        // every edit.
        jdbc.sql(
                        """
                        delete from wanted_person_name_keys
                         where wanted_person_id = :id
                           and not (key = any(:keys) and birth_year is not distinct from :year)""")
                .param("id", id)
                .param("keys", keys.toArray(String[]::new))
                .param("year", year, java.sql.Types.INTEGER)
                .update();
        jdbc.sql("delete from wanted_person_documents where wanted_person_id = :id")
                .param("id", id)
                .update();
        batch.batchUpdate(
                INSERT_KEY,
                keys.stream()
                        .map(
                                k ->
                                        new MapSqlParameterSource()
                                                .addValue("id", id)
                                                .addValue("owner", owner)
                                                .addValue("key", k)
                                                .addValue("year", year, java.sql.Types.INTEGER))
                        .toArray(MapSqlParameterSource[]::new));
        for (String number : documentNumbers) {
            jdbc.sql(
                            """
                            insert into wanted_person_documents (wanted_person_id, owner_country, number)
                            values (:id, :owner, :number) on conflict do nothing""")
                    .param("id", id)
                    .param("owner", owner)
                    .param("number", number)
                    .update();
        }
    }

    /**
     * Replaces the names as written (in a non-Latin script, one syllable array per name) of the
     * owner's records: what identity checks compare inside the database (V10). Only the owner's own
     * rows are readable to it.
     */
    public void replaceWrittenNames(String owner, Map<UUID, List<List<String>>> byRecord) {
        if (byRecord.isEmpty()) {
            return;
        }
        jdbc.sql("delete from wanted_person_written_names where wanted_person_id = any(:ids)")
                .param("ids", byRecord.keySet().toArray(UUID[]::new))
                .update();
        insertWrittenNames(owner, byRecord);
    }

    /** The written names of records new in this transaction (a bulk load): nothing to replace. */
    public void insertWrittenNames(String owner, Map<UUID, List<List<String>>> byRecord) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        byRecord.forEach(
                (id, names) ->
                        names.stream()
                                .distinct()
                                .forEach(
                                        n ->
                                                rows.add(
                                                        new MapSqlParameterSource()
                                                                .addValue("id", id)
                                                                .addValue("owner", owner)
                                                                .addValue(
                                                                        "syllables",
                                                                        n.toArray(
                                                                                String[]::new)))));
        batch.batchUpdate(
                """
                insert into wanted_person_written_names (wanted_person_id, owner_country, syllables)
                values (:id, :owner, :syllables) on conflict do nothing""",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Locks the record against concurrent change if the tenant of the transaction may see it (owner
     * or grantee); false if it may not, as for an id that does not exist. Read the record after
     * this, never before.
     */
    public boolean lock(UUID id) {
        return Boolean.TRUE.equals(
                jdbc.sql("select fugitives_lock_visible(:id)")
                        .param("id", id)
                        .query(Boolean.class)
                        .single());
    }

    public Optional<WantedPerson> find(String tenant, UUID id) {
        return findAll(tenant, List.of(id)).stream().findFirst();
    }

    /** The records among these ids that the tenant may see, in the order of the ids. */
    public List<WantedPerson> findAll(String tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<WantedPerson> rows =
                jdbc.sql(
                                "select "
                                        + COLUMNS
                                        + " from wanted_persons w where w.id = any(:ids) and "
                                        + VISIBLE)
                        .param("ids", ids.toArray(UUID[]::new))
                        .param("tenant", tenant)
                        .query(WantedPersonStore::row)
                        .list();
        Map<UUID, WantedPerson> byId = new LinkedHashMap<>();
        complete(tenant, rows).forEach(w -> byId.put(w.id(), w));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<WantedPerson> list(String tenant, Optional<PageCursor> after, int limit) {
        String sql =
                "select "
                        + COLUMNS
                        + " from wanted_persons w where "
                        + VISIBLE
                        + (after.isPresent()
                                ? " and (w.create_time, w.id) < (:afterTime, :afterId)"
                                : "")
                        + " order by w.create_time desc, w.id desc limit :limit";
        var statement = jdbc.sql(sql).param("tenant", tenant).param("limit", limit);
        if (after.isPresent()) {
            statement =
                    statement
                            .param("afterTime", Timestamp.from(after.get().createTime()))
                            .param("afterId", after.get().id());
        }
        return complete(tenant, statement.query(WantedPersonStore::row).list());
    }

    /**
     * Candidates for a name search: records the tenant may see with a search key similar to one of
     * the query's keys, best first, and among the holders of one spelling those born in {@code
     * birthYear} (0: not asked) first. The similar spellings come from the dictionary of keys
     * (trigram index, one row per spelling, as hashes only: {@code fugitives_similar_keys}, which
     * counts only spellings held by a record the tenant may see, so that other countries' hidden
     * spellings cannot take the slots); the records holding them through the B-tree on the key
     * hash, filtered by row-level security (no trigram operator runs under it). Only ids leave this
     * query: the records are read with the visibility rule stated explicitly ({@link #findAll}).
     */
    public List<UUID> searchCandidates(
            Collection<String> keys, double threshold, int birthYear, int limit) {
        return jdbc.sql(SEARCH_CANDIDATES_SQL)
                .param("keys", keys.toArray(String[]::new))
                .param("threshold", (float) threshold)
                .param("year", birthYear)
                .param("spellings", SIMILAR_SPELLINGS)
                .param("perSpelling", limit)
                .param("rows", 3 * limit)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * How many similar spellings a search follows, most similar first (spellings the tenant can
     * find a record by).
     */
    static final int SIMILAR_SPELLINGS = 50;

    /**
     * The candidate query of a name search; parameters {@code :keys} (text[]), {@code :threshold},
     * {@code :year}, {@code :spellings}, {@code :perSpelling}, {@code :rows} and {@code :limit}.
     * The spellings arrive most similar first and each is followed only until {@code :perSpelling}
     * visible holders: the scan stops after {@code :rows} holders in that order instead of visiting
     * every namesake of a common name.
     */
    public static final String SEARCH_CANDIDATES_SQL =
            """
            select h.wanted_person_id
              from (select c.wanted_person_id, s.similarity, c.born_that_year
                      from fugitives_similar_keys(cast(:keys as text[]), :threshold, :spellings) s
                     cross join lateral (
                           (select k.wanted_person_id, true as born_that_year
                              from wanted_person_name_keys k
                             where k.key_hash = s.key_hash and k.birth_year = :year
                             limit :perSpelling)
                           union all
                           (select k.wanted_person_id, false
                              from wanted_person_name_keys k
                             where k.key_hash = s.key_hash
                             limit :perSpelling)
                           limit :perSpelling) c
                     limit :rows) h
             group by h.wanted_person_id
             order by max(h.similarity) desc, bool_or(h.born_that_year) desc, h.wanted_person_id
             limit :limit""";

    /**
     * What a name search scores a candidate by: its names (primary first) and its date of birth.
     */
    public record ScoringRow(UUID id, List<PersonName> names, PartialDate dateOfBirth) {}

    /**
     * The names and dates of birth of the records among these ids that the tenant may see: the
     * scorer needs nothing more, so only the page finally returned is read in full ({@link
     * #findAll}).
     */
    public List<ScoringRow> scoringRows(String tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select w.id, w.primary_name, w.primary_script, w.aliases, w.alias_scripts,
                               w.birth_year, w.birth_month, w.birth_day
                          from wanted_persons w where w.id = any(:ids) and """
                                + VISIBLE)
                .param("ids", ids.toArray(UUID[]::new))
                .param("tenant", tenant)
                .query(
                        (rs, n) -> {
                            List<PersonName> names = new ArrayList<>();
                            names.add(
                                    new PersonName(
                                            rs.getString("primary_name"),
                                            rs.getString("primary_script")));
                            String[] aliases = strings(rs.getArray("aliases"));
                            String[] scripts = strings(rs.getArray("alias_scripts"));
                            for (int i = 0; i < aliases.length; i++) {
                                names.add(new PersonName(aliases[i], scripts[i]));
                            }
                            return new ScoringRow(
                                    rs.getObject("id", UUID.class),
                                    names,
                                    new PartialDate(
                                            rs.getInt("birth_year"),
                                            rs.getInt("birth_month"),
                                            rs.getInt("birth_day")));
                        })
                .list();
    }

    /**
     * Hit/no-hit against every country's published notices, through the SECURITY DEFINER function:
     * name candidates by key similarity at least {@code threshold}, and where a notice has names
     * written in the script of {@code written} (the query's syllables as written, or empty), one of
     * them must score at least {@code writtenThreshold} against it (V10).
     */
    public List<String[]> identityCheck(
            Collection<String> keys,
            List<String> written,
            double threshold,
            double writtenThreshold,
            PartialDate dob,
            String document) {
        return jdbc.sql(
                        "select owner_country, reference from fugitives_identity_check(:keys, :written, :threshold,"
                                + " :writtenThreshold, :y, :m, :d, :doc)")
                .param("keys", keys.toArray(String[]::new))
                .param("written", written.toArray(String[]::new))
                .param("threshold", (float) threshold)
                .param("writtenThreshold", (float) writtenThreshold)
                .param("y", dob.year())
                .param("m", dob.month())
                .param("d", dob.day())
                .param("doc", document)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    /**
     * Tells the owners of the notices an identity check hit (owner/reference pairs) that the
     * session's country checked them: the database appends an event for each pair naming a
     * PUBLISHED notice (the application role may not append events addressed to another country
     * about records it does not see).
     */
    public void announceIdentityChecks(
            List<String> owners, List<String> references, String actorUser) {
        if (owners.isEmpty()) {
            return;
        }
        jdbc.sql("select fugitives_announce_identity_checks(:owners, :references, :actor)")
                .param("owners", owners.toArray(String[]::new))
                .param("references", references.toArray(String[]::new))
                .param("actor", actorUser)
                .query((rs, n) -> 0)
                .list();
    }

    public boolean publishToOperation(UUID id, UUID operationId, String owner, Instant now) {
        return jdbc.sql(
                                """
                        insert into operation_publications (wanted_person_id, operation_id, owner_country, publish_time)
                        values (:id, :op, :owner, :now) on conflict do nothing""")
                        .param("id", id)
                        .param("op", operationId)
                        .param("owner", owner)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Stores a sighting; its {@code country} column names the country it lets see the record (null:
     * none).
     */
    public void insertSighting(
            UUID id,
            WantedPerson person,
            String reporter,
            NoticeSteps.SightingStep step,
            Instant now) {
        NewSighting s = step.sighting();
        jdbc.sql(
                        """
                        insert into sightings (id, wanted_person_id, owner_country, seen_country, country,
                                               reporter_country, place, seen_time, confidence, source, report_time)
                        values (:id, :wp, :owner, :seen, :granted, :reporter, :place, :seenTime, :confidence, :source, :now)""")
                .param("id", id)
                .param("wp", person.id())
                .param("owner", person.ownerCountry())
                .param("seen", s.country())
                .param("granted", step.grantedCountry().orElse(null))
                .param("reporter", reporter)
                .param("place", s.place())
                .param("seenTime", Timestamp.from(s.seenTime()))
                .param("confidence", s.confidence().name())
                .param("source", s.source())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** One sighting of a record, if the tenant may see it. */
    public Optional<Sighting> sighting(String tenant, UUID wantedPersonId, UUID sightingId) {
        return jdbc.sql(
                        """
                        select * from sightings s
                         where s.id = :sighting and s.wanted_person_id = :id
                           and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)""")
                .param("sighting", sightingId)
                .param("id", wantedPersonId)
                .param("tenant", tenant)
                .query(WantedPersonStore::sighting)
                .optional();
    }

    /**
     * Ends the access a sighting gave its country; false if it gave none (any more). Owner only
     * (update policy).
     */
    public boolean withdrawSightingAccess(UUID sightingId, Instant now) {
        return jdbc.sql(
                                """
                        update sightings set country = null, access_withdraw_time = :now
                         where id = :id and country is not null""")
                        .param("id", sightingId)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Sightings of a record that the tenant may see (owner: all; others: reported by or made in
     * it), newest first.
     */
    public List<Sighting> sightings(String tenant, UUID wantedPersonId) {
        return jdbc.sql(
                        """
                        select * from sightings s
                         where s.wanted_person_id = :id
                           and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)
                         order by s.seen_time desc, s.id""")
                .param("id", wantedPersonId)
                .param("tenant", tenant)
                .query(WantedPersonStore::sighting)
                .list();
    }

    public boolean recordArrest(UUID id, Arrest arrest, Instant now) {
        Boolean done =
                jdbc.sql("select fugitives_record_arrest(:id, :place, :time, :custody, :now)")
                        .param("id", id)
                        .param("place", arrest.place())
                        .param("time", Timestamp.from(arrest.arrestTime()))
                        .param("custody", arrest.custody())
                        .param("now", Timestamp.from(now))
                        .query(Boolean.class)
                        .single();
        return Boolean.TRUE.equals(done);
    }

    /**
     * Records a custody transfer; true only for the call that found the person still ARRESTED by
     * {@code from}.
     */
    public boolean recordCustodyTransfer(UUID id, CustodyTransfer t) {
        Boolean done =
                jdbc.sql(
                                "select coalesce(fugitives_record_custody_transfer(:id, :reference, :handover, :from, :to, :now), false)")
                        .param("id", id)
                        .param("reference", t.repatriationReference())
                        .param("handover", Timestamp.from(t.handoverTime()))
                        .param("from", t.fromCountry())
                        .param("to", t.toCountry())
                        .param("now", Timestamp.from(t.recordTime()))
                        .query(Boolean.class)
                        .single();
        return Boolean.TRUE.equals(done);
    }

    /**
     * Adds what a viewer sees beyond the row: operations (owner only) and the last confirmed
     * sighting it may see.
     */
    private List<WantedPerson> complete(String tenant, List<WantedPerson> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(WantedPerson::id).toArray(UUID[]::new);
        Map<UUID, Sighting> last = new HashMap<>();
        jdbc.sql(
                        """
                        select distinct on (s.wanted_person_id) s.*
                          from sightings s
                          join wanted_persons w on w.id = s.wanted_person_id
                         where s.wanted_person_id = any(:ids) and s.confidence = 'CONFIRMED'
                           and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)
                           -- A person in custody is where the arrest put them: nothing seen after it counts.
                           and (w.arrest_time is null or s.seen_time <= w.arrest_time)
                         order by s.wanted_person_id, s.seen_time desc, s.id""")
                .param("ids", ids)
                .param("tenant", tenant)
                .query(WantedPersonStore::sighting)
                .list()
                .forEach(s -> last.put(s.wantedPersonId(), s));
        Map<UUID, List<UUID>> operations = new HashMap<>();
        jdbc.sql(
                        """
                        select wanted_person_id, operation_id from operation_publications
                         where wanted_person_id = any(:ids) and owner_country = :tenant
                         order by publish_time, operation_id""")
                .param("ids", ids)
                .param("tenant", tenant)
                .query(
                        rs -> {
                            operations
                                    .computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(rs.getObject(2, UUID.class));
                        });
        return rows.stream()
                .map(
                        w ->
                                new WantedPerson(
                                        w.id(),
                                        w.reference(),
                                        w.ownerCountry(),
                                        w.details(),
                                        w.status(),
                                        w.custody(),
                                        w.arrest(),
                                        w.custodyTransfer(),
                                        Optional.ofNullable(last.get(w.id())),
                                        w.ownedBy(tenant)
                                                ? operations.getOrDefault(w.id(), List.of())
                                                : List.of(),
                                        w.cancellationReason(),
                                        w.createTime(),
                                        w.updateTime(),
                                        w.version()))
                .toList();
    }

    private static Map<String, Object> detailParams(WantedPersonDetails d) {
        Map<String, Object> p = new HashMap<>();
        p.put("primaryName", d.primaryName().value());
        p.put("primaryScript", d.primaryName().script());
        p.put("aliases", d.aliases().stream().map(PersonName::value).toArray(String[]::new));
        p.put("aliasScripts", d.aliases().stream().map(PersonName::script).toArray(String[]::new));
        p.put("sex", d.sex().map(Enum::name).orElse(null));
        p.put("year", d.dateOfBirth().year() == 0 ? null : d.dateOfBirth().year());
        p.put("month", d.dateOfBirth().month() == 0 ? null : d.dateOfBirth().month());
        p.put("day", d.dateOfBirth().day() == 0 ? null : d.dateOfBirth().day());
        p.put("nationalities", d.nationalities().toArray(String[]::new));
        p.put("marks", d.identifyingMarks().toArray(String[]::new));
        p.put("docTypes", d.documents().stream().map(x -> x.type().name()).toArray(String[]::new));
        p.put(
                "docNumbers",
                d.documents().stream().map(IdentityDocument::number).toArray(String[]::new));
        p.put(
                "docCountries",
                d.documents().stream()
                        .map(IdentityDocument::issuingCountry)
                        .toArray(String[]::new));
        p.put("charges", d.charges().toArray(String[]::new));
        p.put("warrantReference", d.warrant().reference());
        p.put("warrantAuthority", d.warrant().issuingAuthority());
        p.put("riskFlags", d.riskFlags().stream().map(Enum::name).sorted().toArray(String[]::new));
        p.put("photo", d.photoReference());
        return p;
    }

    private static WantedPerson row(ResultSet rs, int n) throws SQLException {
        String[] aliases = strings(rs.getArray("aliases"));
        String[] aliasScripts = strings(rs.getArray("alias_scripts"));
        List<PersonName> aliasNames = new ArrayList<>();
        for (int i = 0; i < aliases.length; i++) {
            aliasNames.add(new PersonName(aliases[i], aliasScripts[i]));
        }
        String[] docTypes = strings(rs.getArray("document_types"));
        String[] docNumbers = strings(rs.getArray("document_numbers"));
        String[] docCountries = strings(rs.getArray("document_countries"));
        List<IdentityDocument> documents = new ArrayList<>();
        for (int i = 0; i < docTypes.length; i++) {
            documents.add(
                    new IdentityDocument(
                            DocumentType.valueOf(docTypes[i]), docNumbers[i], docCountries[i]));
        }
        String sex = rs.getString("sex");
        var details =
                new WantedPersonDetails(
                        new PersonName(
                                rs.getString("primary_name"), rs.getString("primary_script")),
                        aliasNames,
                        Optional.ofNullable(sex).map(Sex::valueOf),
                        new PartialDate(
                                rs.getInt("birth_year"),
                                rs.getInt("birth_month"),
                                rs.getInt("birth_day")),
                        List.of(strings(rs.getArray("nationalities"))),
                        List.of(strings(rs.getArray("identifying_marks"))),
                        documents,
                        List.of(strings(rs.getArray("charges"))),
                        new Warrant(
                                rs.getString("warrant_reference"),
                                rs.getString("warrant_authority")),
                        Arrays.stream(strings(rs.getArray("risk_flags")))
                                .map(RiskFlag::valueOf)
                                .collect(java.util.stream.Collectors.toSet()),
                        rs.getString("photo_reference"));
        Timestamp arrestTime = rs.getTimestamp("arrest_time");
        Optional<Arrest> arrest =
                arrestTime == null
                        ? Optional.empty()
                        : Optional.of(
                                new Arrest(
                                        rs.getString("arrest_country"),
                                        rs.getString("arrest_place"),
                                        arrestTime.toInstant(),
                                        rs.getString("arrest_custody")));
        Timestamp transferTime = rs.getTimestamp("transfer_time");
        Optional<CustodyTransfer> transfer =
                transferTime == null
                        ? Optional.empty()
                        : Optional.of(
                                new CustodyTransfer(
                                        rs.getString("transfer_reference"),
                                        transferTime.toInstant(),
                                        rs.getString("transfer_from_country"),
                                        rs.getString("transfer_to_country"),
                                        rs.getString("transfer_recorded_by"),
                                        rs.getTimestamp("transfer_record_time").toInstant()));
        return new WantedPerson(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("owner_country"),
                details,
                NoticeStatus.valueOf(rs.getString("notice_status")),
                Custody.valueOf(rs.getString("custody")),
                arrest,
                transfer,
                Optional.empty(),
                List.of(),
                Optional.ofNullable(rs.getString("cancellation_reason")),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }

    private static Sighting sighting(ResultSet rs, int n) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("access_withdraw_time");
        return new Sighting(
                rs.getObject("id", UUID.class),
                rs.getObject("wanted_person_id", UUID.class),
                rs.getString("seen_country"),
                rs.getString("place"),
                rs.getTimestamp("seen_time").toInstant(),
                Confidence.valueOf(rs.getString("confidence")),
                rs.getString("source"),
                rs.getString("reporter_country"),
                rs.getTimestamp("report_time").toInstant(),
                Optional.ofNullable(rs.getString("country")),
                Optional.ofNullable(withdrawn).map(Timestamp::toInstant));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
