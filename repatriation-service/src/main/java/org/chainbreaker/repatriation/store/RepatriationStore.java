package org.chainbreaker.repatriation.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.chainbreaker.repatriation.domain.ArrestOrigin;
import org.chainbreaker.repatriation.domain.Escort;
import org.chainbreaker.repatriation.domain.FugitiveCheck;
import org.chainbreaker.repatriation.domain.Handover;
import org.chainbreaker.repatriation.domain.Leg;
import org.chainbreaker.repatriation.domain.Logistics;
import org.chainbreaker.repatriation.domain.NewRepatriation;
import org.chainbreaker.repatriation.domain.Person;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.Side;
import org.chainbreaker.repatriation.domain.Transition;
import org.chainbreaker.repatriation.domain.VictimGroup;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for repatriations, their persons, legs, escorts and history. Every method runs inside a
 * tenant transaction (see TenantTransactions), so row-level security limits it to what the tenant
 * may see. Queries still state the visibility predicate themselves, so that indexes serve them; the
 * policies are the backstop. Persons' names, travel-document numbers and support needs are sealed
 * under the owning country's key ({@link FieldCipher}; the record id is the repatriation's, the
 * field names the person's position); a value that cannot be opened reads as empty.
 */
@Repository
public class RepatriationStore {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final RepatriationReader reader;

    RepatriationStore(JdbcClient jdbc, FieldCipher cipher, RepatriationReader reader) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reader = reader;
    }

    private String owner(UUID id) {
        return jdbc.sql("select owner_country from repatriations where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    /** The victim group's support needs, sealed element by element (field name and position). */
    static final String VICTIM_NEEDS = "repatriation_victim_needs.support_needs";

    private List<String> sealAll(String owner, UUID id, String field, List<String> values) {
        List<String> sealed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            sealed.add(cipher.seal(owner, id, field + "#" + i, values.get(i)));
        }
        return sealed;
    }

    /**
     * The unique partial index of V5: one live repatriation with a confirmed check per wanted
     * person.
     */
    static final String ONE_LIVE_PER_PERSON = "repatriations_one_live_per_person";

    /** Another live repatriation of the same wanted person holds it (the index said so). */
    public static final class AnotherLiveRepatriation extends RuntimeException {
        AnotherLiveRepatriation() {
            super("another live repatriation of this wanted person exists");
        }
    }

    /**
     * Inserts a DRAFT unless the owner already used this request id; true if inserted. Throws
     * {@link AnotherLiveRepatriation} if a confirmed one would be a second live repatriation of its
     * wanted person.
     */
    /**
     * A DRAFT to insert: its id, the owner country, what was asked, the state of its wanted-person
     * check and the wanted person's reference.
     */
    public record Draft(
            UUID id,
            String owner,
            NewRepatriation repatriation,
            FugitiveCheck check,
            String reference) {}

    public boolean insert(Draft draft, Optional<RequestKey> key, Instant now) {
        try {
            return doInsert(draft, key, now);
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains(ONE_LIVE_PER_PERSON)) {
                throw new AnotherLiveRepatriation();
            }
            throw e;
        }
    }

    private boolean doInsert(Draft draft, Optional<RequestKey> key, Instant now) {
        UUID id = draft.id();
        String owner = draft.owner();
        NewRepatriation r = draft.repatriation();
        FugitiveCheck check = draft.check();
        String reference = draft.reference();
        VictimGroup g = r.victimGroup();
        boolean made =
                jdbc.sql(
                                        """
                        insert into repatriations (id, owner_country, kind, sending_country, receiving_country,
                               transit_countries, status, wanted_person_id, wanted_person_reference, fugitive_check,
                               case_ids, victim_count, victim_nationalities, victim_languages,
                               version, request_id, request_digest, create_time, update_time)
                        values (:id, :owner, :kind, :sending, :receiving, :transit, 'DRAFT', :wantedPerson, :reference,
                                :check, :cases, :victims, :nationalities, :languages, 1, :requestId, :digest,
                                :now, :now)
                        on conflict (owner_country, request_id) do nothing""")
                                .param("id", id)
                                .param("owner", owner)
                                .param("kind", r.kind().name())
                                .param("sending", r.sendingCountry())
                                .param("receiving", r.receivingCountry())
                                .param("transit", array(r.transitCountries()))
                                .param("wantedPerson", r.wantedPersonId().orElse(null))
                                .param("reference", reference)
                                .param("check", check.name())
                                .param("cases", array(r.caseIds()))
                                .param("victims", g.count())
                                .param("nationalities", array(g.nationalities()))
                                .param("languages", array(g.languages()))
                                .params(RequestKeyColumns.params(key))
                                .param("now", Timestamp.from(now))
                                .update()
                        == 1;
        if (made) {
            // Support needs live in their own table, whose policy withholds them from transit
            // countries.
            jdbc.sql(
                            "insert into repatriation_victim_needs (repatriation_id, support_needs) values (:id, :needs)")
                    .param("id", id)
                    .param("needs", array(sealAll(owner, id, VICTIM_NEEDS, g.supportNeeds())))
                    .update();
        }
        return made;
    }

    /** Names the arrest a fresh transfer was opened from (once per arrest: a unique index). */
    public void markArrest(UUID id, ArrestOrigin arrest) {
        jdbc.sql(
                        "update repatriations set arrest_place = :place, arrest_time = :time where id = :id")
                .param("id", id)
                .param("place", arrest.place())
                .param("time", Timestamp.from(arrest.arrestTime()))
                .update();
    }

    /** See {@link RepatriationReader#openedFromArrests}. */
    public List<UUID> openedFromArrests(String tenant, UUID wantedPersonId) {
        return reader.openedFromArrests(tenant, wantedPersonId);
    }

    /** Links a victim return to the rescue request it comes from. */
    public void linkToRescue(UUID id, UUID rescueRequestId) {
        jdbc.sql("update repatriations set rescue_request_id = :rescue where id = :id")
                .param("id", id)
                .param("rescue", rescueRequestId)
                .update();
    }

    /**
     * The owner's repatriation opened with this request id, with the digest of the request that
     * opened it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String owner, String requestId) {
        return RequestKeyColumns.find(jdbc, "repatriations", "owner_country", owner, requestId);
    }

    /** Replaces the plan. */
    public void replaceLogistics(UUID id, Logistics l) {
        String owner = owner(id);
        for (String table :
                List.of("repatriation_persons", "repatriation_legs", "repatriation_escorts")) {
            jdbc.sql("delete from " + table + " where repatriation_id = :id")
                    .param("id", id)
                    .update();
        }
        for (int i = 0; i < l.persons().size(); i++) {
            Person p = l.persons().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_persons (repatriation_id, position, role, nationality, languages,
                                   document_type, document_status, document_number)
                            values (:id, :position, :role, :nationality, :languages, :docType, :docStatus, :docNumber)""")
                    .param("id", id)
                    .param("position", i)
                    .param("role", p.role().name())
                    .param("nationality", p.nationality())
                    .param("languages", array(p.languages()))
                    .param("docType", p.travelDocument().type().name())
                    .param("docStatus", p.travelDocument().status().name())
                    .param(
                            "docNumber",
                            cipher.seal(
                                    owner,
                                    id,
                                    "repatriation_persons.document_number#" + i,
                                    p.travelDocument().number()))
                    .update();
            // Name and support needs live in their own table, whose policy withholds them from
            // transit countries.
            jdbc.sql(
                            """
                            insert into repatriation_person_identities (repatriation_id, position, full_name, support_needs)
                            values (:id, :position, :name, :needs)""")
                    .param("id", id)
                    .param("position", i)
                    .param(
                            "name",
                            cipher.seal(
                                    owner,
                                    id,
                                    "repatriation_person_identities.full_name#" + i,
                                    p.fullName().strip()))
                    .param(
                            "needs",
                            array(
                                    sealAll(
                                            owner,
                                            id,
                                            "repatriation_person_identities.support_needs#" + i,
                                            p.supportNeeds().stream().map(String::strip).toList())))
                    .update();
        }
        for (int i = 0; i < l.legs().size(); i++) {
            Leg leg = l.legs().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_legs (repatriation_id, position, carrier, flight_number,
                                   departure_airport, arrival_airport, departure_time, arrival_time)
                            values (:id, :position, :carrier, :flight, :from, :to, :departs, :arrives)""")
                    .param("id", id)
                    .param("position", i)
                    .param("carrier", leg.carrier().strip())
                    .param("flight", leg.flightNumber())
                    .param("from", leg.departureAirport())
                    .param("to", leg.arrivalAirport())
                    .param("departs", Timestamp.from(leg.departureTime()))
                    .param("arrives", Timestamp.from(leg.arrivalTime()))
                    .update();
        }
        for (int i = 0; i < l.escorts().size(); i++) {
            Escort e = l.escorts().get(i);
            jdbc.sql(
                            """
                            insert into repatriation_escorts (repatriation_id, position, name, country)
                            values (:id, :position, :name, :country)""")
                    .param("id", id)
                    .param("position", i)
                    .param("name", e.name().strip())
                    .param("country", e.country())
                    .update();
        }
    }

    /** Locks the repatriation's row until the transaction ends and returns its version. */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("select version from repatriations where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /**
     * Records a step of the workflow: the new status, its history entry, a new version; only if the
     * repatriation is still in {@code from} (false otherwise, and nothing is written).
     */
    public boolean setStatus(UUID id, Transition step) {
        int moved =
                jdbc.sql(
                                """
                        update repatriations
                           set status = :to, status_reason = case when :reason = '' then status_reason else :reason end,
                               version = version + 1, update_time = :now
                         where id = :id and status = :from""")
                        .param("id", id)
                        .param("from", step.fromStatus())
                        .param("to", step.toStatus().name())
                        .param("reason", step.reason())
                        .param("now", Timestamp.from(step.at()))
                        .update();
        if (moved == 1) {
            addHistory(id, step);
        }
        return moved == 1;
    }

    /** A change of plan: both escort waivers fall. */
    public void withdrawWaivers(UUID id) {
        jdbc.sql(
                        "update repatriations set escort_waived_by_sending = false, escort_waived_by_receiving = false where id = :id")
                .param("id", id)
                .update();
    }

    /** A victim return's corrected count. */
    public void setVictimCount(UUID id, int count) {
        jdbc.sql("update repatriations set victim_count = :count where id = :id")
                .param("id", id)
                .param("count", count)
                .update();
    }

    /**
     * The live repatriation with a confirmed check of this wanted person, other than {@code
     * except}, if visible.
     */
    public Optional<UUID> liveOf(UUID wantedPersonId, UUID except) {
        return jdbc.sql(
                        """
                        select id from repatriations
                         where wanted_person_id = :person and id <> :except and fugitive_check = 'CONFIRMED'
                           and status not in ('COMPLETED', 'REJECTED', 'CANCELLED')""")
                .param("person", wantedPersonId)
                .param("except", except)
                .query(UUID.class)
                .optional();
    }

    public void addHistory(UUID id, Transition step) {
        jdbc.sql(
                        """
                        insert into repatriation_transitions (repatriation_id, seq, from_status, to_status, actor_country,
                               actor_user, at, reason)
                        values (:id, (select coalesce(max(seq), 0) + 1 from repatriation_transitions where repatriation_id = :id),
                                :from, :to, :country, :user, :now, :reason)""")
                .param("id", id)
                .param("from", step.fromStatus())
                .param("to", step.toStatus().name())
                .param("country", step.actorCountry())
                .param("user", step.actorUser())
                .param("now", Timestamp.from(step.at()))
                .param("reason", step.reason())
                .update();
    }

    public void touch(UUID id, Instant now) {
        jdbc.sql(
                        "update repatriations set version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void waiveEscorts(UUID id, Side side, Instant now) {
        String column =
                side == Side.SENDING ? "escort_waived_by_sending" : "escort_waived_by_receiving";
        jdbc.sql(
                        "update repatriations set "
                                + column
                                + " = true, version = version + 1, update_time = :now where id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void setHandover(UUID id, Handover h) {
        jdbc.sql(
                        """
                        update repatriations
                           set handover_place = :place, handover_time = :time, handing_officer = :handing,
                               receiving_officer = :receiving
                         where id = :id""")
                .param("id", id)
                .param("place", h.place().strip())
                .param("time", Timestamp.from(h.time()))
                .param("handing", h.handingOfficer().strip())
                .param("receiving", h.receivingOfficer().strip())
                .update();
    }

    /**
     * Settles a PENDING fugitive check; true only for the one call that found it still PENDING (so
     * its effects happen once, whoever settles it and however often).
     */
    public boolean settleFugitiveCheck(
            UUID id, FugitiveCheck outcome, String reference, Instant now) {
        if (outcome != FugitiveCheck.CONFIRMED) {
            return doSettle(id, outcome, reference, now);
        }
        // A confirmation may collide with another live repatriation confirmed meanwhile: the
        // savepoint keeps the
        // caller's transaction (a reconciler round settling several checks) usable, and the caller
        // refuses it.
        jdbc.sql("savepoint confirm_check").update();
        try {
            boolean settled = doSettle(id, outcome, reference, now);
            jdbc.sql("release savepoint confirm_check").update();
            return settled;
        } catch (DuplicateKeyException e) {
            jdbc.sql("rollback to savepoint confirm_check").update();
            if (String.valueOf(e.getMessage()).contains(ONE_LIVE_PER_PERSON)) {
                throw new AnotherLiveRepatriation();
            }
            throw e;
        }
    }

    private boolean doSettle(UUID id, FugitiveCheck outcome, String reference, Instant now) {
        return jdbc.sql(
                                """
                        update repatriations
                           set fugitive_check = :outcome, wanted_person_reference = :reference,
                               version = version + 1, update_time = :now
                         where id = :id and fugitive_check = 'PENDING'""")
                        .param("id", id)
                        .param("outcome", outcome.name())
                        .param("reference", reference)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** See {@link RepatriationReader}. */
    public Optional<Repatriation> find(String tenant, UUID id) {
        return reader.find(tenant, id);
    }

    /** The repatriations the tenant may see, newest first, after the cursor. */
    public List<Repatriation> list(String tenant, Optional<PageCursor> after, int limit) {
        return reader.list(tenant, after, limit);
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
