package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.repatriation.v1.Repatriation;

/**
 * The model of the isolation property: every record the property created, whatever sequence created
 * it, and who may see it (which fields, which events). The checks compare every country's views
 * with it.
 */
final class IsolationModel {

    private IsolationModel() {}

    static final class CaseM {
        final String id;
        final String owner;
        final Map<String, HandlingCode> shares = new HashMap<>();

        /** The partners to whom the owner disclosed victims' contacts on their share. */
        final Set<String> contactsDisclosed = new HashSet<>();

        final List<LeadM> leads = new ArrayList<>();
        final List<PersonM> persons = new ArrayList<>();

        /**
         * The countries that lost the case (revoked, and no lead of it assigned to them): the only
         * ones its access_ended event may reach.
         */
        final Set<String> accessEnded = java.util.concurrent.ConcurrentHashMap.newKeySet();

        volatile boolean tainted;

        CaseM(String id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        /**
         * The owner, a partner it was shared with, or a country one of its leads is assigned to
         * (header only).
         */
        boolean visibleTo(String tenant) {
            return owner.equals(tenant)
                    || shares.containsKey(tenant)
                    || leads.stream().anyMatch(l -> tenant.equals(l.assigned));
        }

        boolean headerOnlyFor(String tenant) {
            return !owner.equals(tenant) && !shares.containsKey(tenant) && visibleTo(tenant);
        }
    }

    /** A lead: the owner, the case's share partners and the country it is assigned to see it. */
    static final class LeadM {
        final String id;
        final CaseM c;
        String assigned;
        HandlingCode code;
        Lead.Status status = Lead.Status.NEW;

        LeadM(String id, CaseM c) {
            this.id = id;
            this.c = c;
        }

        boolean visibleTo(String tenant) {
            return c.owner.equals(tenant)
                    || tenant.equals(assigned)
                    || c.shares.containsKey(tenant);
        }
    }

    record PersonM(String id, org.chainbreaker.cases.v1.Person.Role role, String contact) {}

    /** The coordinating tenants, which see every repatriation. */
    static final Set<String> REPATRIATION_COORDINATORS = Set.of("INTERPOL", "ASEANAPOL");

    static final class RepM {
        final String id;
        final String owner;
        final String sending;
        final String receiving;
        final Set<String> transit;
        final String personName;
        final String supportNeed;

        /** The wanted person of a draft an arrest opened (no persons yet); null for the others. */
        String wantedPersonId;

        Repatriation.Status status = Repatriation.Status.DRAFT;

        RepM(
                String id,
                String owner,
                String sending,
                String receiving,
                Set<String> transit,
                String personName,
                String supportNeed) {
            this.id = id;
            this.owner = owner;
            this.sending = sending;
            this.receiving = receiving;
            this.transit = transit;
            this.personName = personName;
            this.supportNeed = supportNeed;
        }

        /** The DRAFT suspect transfer an arrest opens: from the arresting country to the owner. */
        static RepM fromArrest(String id, String arresting, String owner, String wantedPersonId) {
            RepM r = new RepM(id, arresting, arresting, owner, Set.of(), null, null);
            r.wantedPersonId = wantedPersonId;
            return r;
        }

        boolean party(String tenant) {
            return sending.equals(tenant) || receiving.equals(tenant);
        }

        boolean visibleTo(String tenant) {
            return party(tenant)
                    || transit.contains(tenant)
                    || REPATRIATION_COORDINATORS.contains(tenant);
        }
    }

    /**
     * A sighting; {@code grants}: it lets its country see the record (only the owner's sightings
     * do).
     */
    record SightingM(String country, String reporter, boolean grants) {}

    static final class WantedM {
        final String id;
        final String owner;
        final String reference;
        final String name;
        final String document;
        WantedPerson.NoticeStatus status = WantedPerson.NoticeStatus.DRAFT;
        final Set<OpM> operations = new LinkedHashSet<>();
        final List<SightingM> sightings = new ArrayList<>();

        /** The country that recorded the arrest (custody ARRESTED); null while at large. */
        volatile String arrestedBy;

        /** The DRAFT transfer the arrest opened (by another country than the owner). */
        volatile RepM draft;

        /**
         * Who could see the notice when it was cancelled: the only countries its cancellation may
         * reach.
         */
        final Set<String> audienceAtCancel = new HashSet<>();

        /**
         * The countries that stopped seeing it by leaving an operation: an access_ended event may
         * reach them.
         */
        final Set<String> accessEnded = java.util.concurrent.ConcurrentHashMap.newKeySet();

        volatile boolean tainted;

        WantedM(String id, String owner, String reference, String name, String document) {
            this.id = id;
            this.owner = owner;
            this.reference = reference;
            this.name = name;
            this.document = document;
        }

        boolean visibleTo(String tenant) {
            if (owner.equals(tenant)) {
                return true;
            }
            if (status != WantedPerson.NoticeStatus.PUBLISHED) {
                return false;
            }
            return operations.stream().anyMatch(o -> o.running && o.participants.contains(tenant))
                    || sightings.stream().anyMatch(s -> s.grants() && s.country().equals(tenant));
        }
    }

    static final class OpM {
        final String id;
        final String coordinator;
        final boolean running;
        final Set<String> participants = new LinkedHashSet<>();

        /** The countries removed from it: the only ones its access_ended event may reach. */
        final Set<String> accessEnded = java.util.concurrent.ConcurrentHashMap.newKeySet();

        volatile boolean tainted;

        OpM(String id, String coordinator, boolean running) {
            this.id = id;
            this.coordinator = coordinator;
            this.running = running;
        }

        boolean visibleTo(String tenant) {
            return coordinator.equals(tenant) || participants.contains(tenant);
        }
    }

    /**
     * A scam centre: its owner and the countries it is shared with see it (every grant of this
     * model is live: it sets no expiry). The country where it lies does not, by hosting it.
     */
    static final class CentreM {
        final String id;
        final String owner;
        final Map<String, HandlingCode> shares = new ConcurrentHashMap<>();

        /** The countries whose grant was revoked: the only ones its access_ended may reach. */
        final Set<String> accessEnded = ConcurrentHashMap.newKeySet();

        CentreM(String id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        boolean visibleTo(String tenant) {
            return owner.equals(tenant) || shares.containsKey(tenant);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Cooperation requests
    // ------------------------------------------------------------------------------------------------------------

    /** The countries that see another pair's request, and only once it escalated. */
    static final Set<String> REQUEST_COORDINATORS = Set.of("INTERPOL", "ASEANAPOL");

    /**
     * How long after its deadline a request left OPEN must have escalated (the suite's timer runs
     * every second; the rest is for a loaded machine). Within it, the model accepts either.
     */
    static final java.time.Duration ESCALATION_BOUND = java.time.Duration.ofSeconds(20);

    /**
     * Who may ask the owner about a case: a country holding a grant of it (this model makes no
     * identifier checks, whose hits would also let a country ask). The owner itself may not ask.
     */
    static boolean mayAskAbout(CaseM c, String by) {
        return !c.owner.equals(by) && c.shares.containsKey(by);
    }

    /**
     * Who may ask about a scam centre: a country the owner granted it to (a revoked grant is gone
     * and with it the right to ask; an expired one would still count, this model has none).
     */
    static boolean mayAskAbout(CentreM centre, String by) {
        return !centre.owner.equals(by) && centre.shares.containsKey(by);
    }

    /**
     * Who may ask about a lead: a country that sees the lead now, through a grant of its case or as
     * its assignee; not the owner.
     */
    static boolean mayAskAbout(LeadM lead, String by) {
        return !lead.c.owner.equals(by) && lead.visibleTo(by);
    }

    /** What the model can say of a view at a moment: it must, it must not, or either. */
    enum Seen {
        YES,
        NO,
        EITHER
    }

    /**
     * A request: who asked whom about what, where it stands, and its deadline. Its two countries
     * see it always; a coordinator (not party to it) from its escalation on, and an OPEN request
     * escalates once its deadline passed. Nobody else ever sees it.
     */
    static final class RequestM {
        final String id;
        final String requester;
        final String owner;
        final org.chainbreaker.common.v1.CooperationSubjectKind kind;

        /** The record asked about: one of them, by kind. */
        final CaseM c;

        final CentreM centre;
        final LeadM lead;
        final String reference;
        final java.time.Instant deadline;
        volatile org.chainbreaker.common.v1.CooperationRequestStatus status =
                org.chainbreaker.common.v1.CooperationRequestStatus.OPEN;

        /** The call that took it out of OPEN: when it was sent and when it was answered. */
        volatile java.time.Instant leftOpenFrom;

        volatile java.time.Instant leftOpenBy;

        /** Whether it escalated, once a view settled what the rule left open. */
        volatile Boolean escalated;

        RequestM(
                String id,
                String requester,
                String owner,
                org.chainbreaker.common.v1.CooperationSubjectKind kind,
                CaseM c,
                CentreM centre,
                LeadM lead,
                String reference,
                java.time.Instant deadline) {
            this.id = id;
            this.requester = requester;
            this.owner = owner;
            this.kind = kind;
            this.c = c;
            this.centre = centre;
            this.lead = lead;
            this.reference = reference;
            this.deadline = deadline;
        }

        boolean party(String tenant) {
            return requester.equals(tenant) || owner.equals(tenant);
        }

        /**
         * Whether it has escalated, for a view between {@code from} and {@code to}: not if it left
         * OPEN before its deadline or the view ended before it; surely if it stayed OPEN until
         * {@link #ESCALATION_BOUND} past it; in between, as a view showed.
         */
        Seen escalation(java.time.Instant from, java.time.Instant to) {
            if (escalated != null) {
                return escalated ? Seen.YES : Seen.NO;
            }
            if (leftOpenBy != null ? leftOpenBy.isBefore(deadline) : to.isBefore(deadline)) {
                return Seen.NO;
            }
            java.time.Instant openUntil =
                    leftOpenFrom == null || from.isBefore(leftOpenFrom) ? from : leftOpenFrom;
            return deadline.plus(ESCALATION_BOUND).isBefore(openUntil) ? Seen.YES : Seen.EITHER;
        }

        Seen visibleTo(String tenant, java.time.Instant from, java.time.Instant to) {
            if (party(tenant)) {
                return Seen.YES;
            }
            return REQUEST_COORDINATORS.contains(tenant) ? escalation(from, to) : Seen.NO;
        }

        /**
         * What a view between {@code from} and {@code to} showed: escalated (it stays so), or not
         * escalated after it left OPEN (it cannot escalate any more).
         */
        void observed(boolean escalatedSeen, java.time.Instant from) {
            if (escalatedSeen) {
                escalated = true;
            } else if (leftOpenBy != null && from.isAfter(leftOpenBy) && escalated == null) {
                escalated = false;
            }
        }
    }

    static final Map<String, CaseM> allCases = new ConcurrentHashMap<>();
    static final Map<String, CentreM> allCentres = new ConcurrentHashMap<>();

    /**
     * Every request the property made, in any sequence (streams may carry earlier ones' events).
     */
    static final Map<String, RequestM> allRequests = new ConcurrentHashMap<>();

    static final Map<String, WantedM> allWanted = new ConcurrentHashMap<>();
    static final Map<String, WantedM> wantedByReference = new ConcurrentHashMap<>();
    static final Map<String, OpM> allOps = new ConcurrentHashMap<>();
    static final Map<String, LeadM> allLeads = new ConcurrentHashMap<>();
    static final Map<String, RepM> allReps = new ConcurrentHashMap<>();

    /** (tenant, kind, request id) -> the record id the first create answered. */
    static final Map<String, String> requestIds = new ConcurrentHashMap<>();

    /**
     * (tenant, kind, request id) -> the request the first create sent: a retry resends it exactly.
     */
    static final Map<String, Message> requestBodies = new ConcurrentHashMap<>();

    static final List<String> usedRequestIds =
            java.util.Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong counter = new AtomicLong();

    /** Text of a NOT_FOUND for an id that never existed, by face and RPC. */
    static final Map<String, String> neverExisted = new ConcurrentHashMap<>();

    static boolean allowed(WantedPerson.NoticeStatus from, WantedPerson.NoticeStatus to) {
        return switch (from) {
            case DRAFT ->
                    to == WantedPerson.NoticeStatus.UNDER_REVIEW
                            || to == WantedPerson.NoticeStatus.CANCELLED;
            case UNDER_REVIEW ->
                    to == WantedPerson.NoticeStatus.PUBLISHED
                            || to == WantedPerson.NoticeStatus.CANCELLED
                            || to == WantedPerson.NoticeStatus.DRAFT;
            case PUBLISHED -> to == WantedPerson.NoticeStatus.CANCELLED;
            default -> false;
        };
    }

    /** The lead lifecycle of the contract: NEW | ASSIGNED -> IN_PROGRESS | DISMISSED, and so on. */
    static boolean leadMayMove(Lead.Status from, Lead.Status to) {
        return switch (from) {
            case NEW, ASSIGNED -> to == Lead.Status.IN_PROGRESS || to == Lead.Status.DISMISSED;
            case IN_PROGRESS -> to == Lead.Status.CONFIRMED || to == Lead.Status.DISMISSED;
            case CONFIRMED, DISMISSED -> to == Lead.Status.IN_PROGRESS;
            default -> false;
        };
    }

    static Set<String> visibleCases(String viewer) {
        Set<String> ids = new HashSet<>();
        allCases.values()
                .forEach(
                        c -> {
                            if (!c.tainted && c.visibleTo(viewer)) {
                                ids.add(c.id);
                            }
                        });
        return ids;
    }

    static Set<String> visibleWanted(String viewer) {
        Set<String> ids = new HashSet<>();
        allWanted
                .values()
                .forEach(
                        w -> {
                            if (!w.tainted && w.visibleTo(viewer)) {
                                ids.add(w.id);
                            }
                        });
        return ids;
    }

    static String ownerOf(CaseM c) {
        return c == null ? "?" : c.owner;
    }
}
