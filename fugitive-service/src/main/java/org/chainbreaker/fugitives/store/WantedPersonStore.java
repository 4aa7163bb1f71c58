package org.chainbreaker.fugitives.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.Arrest;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.NoticeSteps;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.platform.persistence.OneRoundTrip;
import org.chainbreaker.platform.persistence.RowIds;
import org.chainbreaker.platform.records.Keyset;
import org.chainbreaker.platform.records.PageCursor;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL that reads and changes wanted persons: the records a tenant may see (with their last
 * confirmed sighting and, for the owner, their operations), their details, notice status, arrest
 * and custody transfer. Every method runs inside a tenant transaction (see TenantTransactions), so
 * row-level security limits it to what the tenant may see. Queries still state the visibility
 * predicate themselves ({@link WantedPersonRows#VISIBLE}), so that indexes serve them; the policies
 * are the backstop. New records enter through {@link NewWantedPersonStore}, their search keys and
 * document blind indexes through {@link WantedPersonIndexStore}.
 */
@Repository
public class WantedPersonStore {

    private final JdbcClient jdbc;
    private final JdbcOperations statements;
    private final WantedPersonRows rows;

    WantedPersonStore(JdbcClient jdbc, JdbcOperations statements, WantedPersonRows rows) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.rows = rows;
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
                        .params(rows.detailParams(id, owner, d))
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
        // The records, their sightings and operations in one round trip: the ids are known before
        // the records are read (what belongs to a record not read is left out).
        RowIds rowIds = new RowIds(ids);
        List<WantedPerson> found = new ArrayList<>();
        Extras extras = new Extras(tenant, rowIds);
        OneRoundTrip trip =
                new OneRoundTrip()
                        .select(
                                "select "
                                        + WantedPersonRows.COLUMNS
                                        + " from wanted_persons w where "
                                        + rowIds.match("w.id")
                                        + " and "
                                        + WantedPersonRows.VISIBLE,
                                Map.of("ids", rowIds.value(), "tenant", tenant),
                                rs -> found.add(rows.row(rs, found.size())));
        extras.addTo(trip);
        trip.run(statements);
        Map<UUID, WantedPerson> byId = new LinkedHashMap<>();
        extras.complete(found).forEach(w -> byId.put(w.id(), w));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<WantedPerson> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = Keyset.of("w", after, limit);
        var statement =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + WantedPersonRows.COLUMNS
                                                + " from wanted_persons w where "
                                                + WantedPersonRows.VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return complete(tenant, statement.query(rows::row).list());
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
    private List<WantedPerson> complete(String tenant, List<WantedPerson> read) {
        if (read.isEmpty()) {
            return read;
        }
        Extras extras =
                new Extras(tenant, new RowIds(read.stream().map(WantedPerson::id).toList()));
        OneRoundTrip trip = new OneRoundTrip();
        extras.addTo(trip);
        trip.run(statements);
        return extras.complete(read);
    }

    /** The last confirmed sighting and the operations of some records, read in one trip. */
    private static final class Extras {
        private final String tenant;
        private final RowIds ids;
        private final Map<UUID, Sighting> last = new HashMap<>();
        private final Map<UUID, List<UUID>> operations = new HashMap<>();

        Extras(String tenant, RowIds ids) {
            this.tenant = tenant;
            this.ids = ids;
        }

        void addTo(OneRoundTrip trip) {
            Map<String, Object> params = Map.of("ids", ids.value(), "tenant", tenant);
            trip.select(
                    """
                    select distinct on (s.wanted_person_id) s.*
                      from sightings s
                      join wanted_persons w on w.id = s.wanted_person_id
                     where %s and s.confidence = 'CONFIRMED'
                       and (s.owner_country = :tenant or s.reporter_country = :tenant or s.country = :tenant)
                       -- A person in custody is where the arrest put them: nothing seen after it counts.
                       and (w.arrest_time is null or s.seen_time <= w.arrest_time)
                     order by s.wanted_person_id, s.seen_time desc, s.id"""
                            .formatted(ids.match("s.wanted_person_id")),
                    params,
                    rs -> {
                        Sighting sighting = SightingStore.sighting(rs, 0);
                        last.put(sighting.wantedPersonId(), sighting);
                    });
            trip.select(
                    """
                    select wanted_person_id, operation_id from operation_publications
                     where %s and owner_country = :tenant
                     order by publish_time, operation_id"""
                            .formatted(ids.match("wanted_person_id")),
                    params,
                    rs ->
                            operations
                                    .computeIfAbsent(
                                            rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(rs.getObject(2, UUID.class)));
        }

        List<WantedPerson> complete(List<WantedPerson> read) {
            return read.stream()
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
    }
}
