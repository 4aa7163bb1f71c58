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
import org.chainbreaker.fugitives.domain.Custody;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.DocumentType;
import org.chainbreaker.fugitives.domain.IdentityDocument;
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
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.records.Keyset;
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
 * serve them; the policies are the backstop. Identity-document numbers are sealed under the owning
 * country's key ({@link FieldCipher}, field {@value #DOCUMENT_NUMBERS} and the position, record id
 * the wanted person's; a number that cannot be opened reads as empty), and the normalised numbers
 * that identity checks compare are stored only as their blind index ({@code
 * wanted_person_documents.number_index}, V25).
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

    static final String VISIBLE =
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

    /** The sealed field of each document's number (with {@code #<position>}). */
    public static final String DOCUMENT_NUMBERS = "wanted_persons.document_numbers";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final FieldCipher cipher;

    WantedPersonStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.cipher = cipher;
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
                                            new MapSqlParameterSource(
                                                    detailParams(r.id(), owner, r.details()));
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
            blindIndexes(r.documentNumbers())
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
                insert into wanted_person_documents (wanted_person_id, owner_country, number_index)
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
                        .params(detailParams(id, reference.ownerCountry(), d))
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
    public boolean updateDetails(
            UUID id, String owner, NoticeStatus from, WantedPersonDetails d, Instant now) {
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
                        .params(detailParams(id, owner, d))
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

    /**
     * Replaces the search keys and the blind indexes of the normalised document numbers of a wanted
     * person (owner only).
     */
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
        for (String number : blindIndexes(documentNumbers)) {
            jdbc.sql(
                            """
                            insert into wanted_person_documents (wanted_person_id, owner_country, number_index)
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
     * Replaces what the matcher reads of each name of the owner's records (NameForm JSON, one per
     * name in order): what identity checks score inside the database (V19). Owner only.
     */
    public void replaceNameForms(String owner, Map<UUID, List<String>> byRecord) {
        if (byRecord.isEmpty()) {
            return;
        }
        jdbc.sql("delete from wanted_person_name_forms where wanted_person_id = any(:ids)")
                .param("ids", byRecord.keySet().toArray(UUID[]::new))
                .update();
        insertNameForms(owner, byRecord);
    }

    /** The name forms of records new in this transaction (a bulk load): nothing to replace. */
    public void insertNameForms(String owner, Map<UUID, List<String>> byRecord) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        byRecord.forEach(
                (id, forms) -> {
                    for (int i = 0; i < forms.size(); i++) {
                        rows.add(
                                new MapSqlParameterSource()
                                        .addValue("id", id)
                                        .addValue("owner", owner)
                                        .addValue("no", i)
                                        .addValue("form", forms.get(i)));
                    }
                });
        batch.batchUpdate(
                """
                insert into wanted_person_name_forms (wanted_person_id, owner_country, name_no, form)
                values (:id, :owner, :no, cast(:form as jsonb))""",
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
                        .query(this::row)
                        .list();
        Map<UUID, WantedPerson> byId = new LinkedHashMap<>();
        complete(tenant, rows).forEach(w -> byId.put(w.id(), w));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<WantedPerson> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = Keyset.of("w", after, limit);
        var statement =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from wanted_persons w where "
                                                + VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return complete(tenant, statement.query(this::row).list());
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
                .query(SightingStore::sighting)
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

    /** The blind indexes of normalised document numbers (an empty number has none). */
    private List<String> blindIndexes(Collection<String> normalizedNumbers) {
        return normalizedNumbers.stream()
                .filter(n -> !n.isEmpty())
                .map(cipher::blindIndex)
                .distinct()
                .toList();
    }

    private Map<String, Object> detailParams(UUID id, String owner, WantedPersonDetails d) {
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
        String[] numbers = new String[d.documents().size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] =
                    cipher.seal(
                            owner, id, DOCUMENT_NUMBERS + "#" + i, d.documents().get(i).number());
        }
        p.put("docNumbers", numbers);
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

    private WantedPerson row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String owner = rs.getString("owner_country");
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
            var number = cipher.open(owner, id, DOCUMENT_NUMBERS + "#" + i, docNumbers[i]);
            documents.add(
                    new IdentityDocument(
                            DocumentType.valueOf(docTypes[i]),
                            number.value(),
                            docCountries[i],
                            number.withheld()));
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
                id,
                rs.getString("reference"),
                owner,
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

    static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
