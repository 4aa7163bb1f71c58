package org.chainbreaker.cases.domain;

import java.util.Set;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;

/**
 * Who may do what to a case. A country that cannot see a case is told it does not exist (the store
 * already hides it); a country that sees it but does not own it is told it may not.
 */
public final class CasePermissions {

    private static final Set<String> OPENERS = Set.of("investigator", "admin");
    private static final Set<String> GRANTORS = Set.of("investigator", "liaison", "admin");
    private static final Set<String> REPORTERS =
            Set.of("investigator", "liaison", "analyst", "admin");

    private CasePermissions() {}

    public static void mayOpen(Set<String> roles) {
        if (roles.stream().noneMatch(OPENERS::contains)) {
            throw new PermissionDeniedException("opening a case needs the investigator role");
        }
    }

    public static void mayReport(Set<String> roles) {
        if (roles.stream().noneMatch(REPORTERS::contains)) {
            throw new PermissionDeniedException(
                    "registering a scam report needs the investigator, liaison or analyst role");
        }
    }

    /** Who in other countries read a case: the owner's to know; partners learn nothing. */
    public static void maySeeReads(Case visibleCase, String tenant) {
        if (!visibleCase.ownedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country may see who read this case");
        }
    }

    /** Which countries' identifier checks hit a case: the owner's to know. */
    public static void maySeeChecks(Case visibleCase, String tenant) {
        if (!visibleCase.ownedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country may see who checked this case");
        }
    }

    /** Sharing and revoking belong to the owner country's investigators and liaison officers. */
    public static void mayGrant(Case visibleCase, String tenant, Set<String> roles) {
        if (!visibleCase.ownedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country may share this case or revoke its shares");
        }
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "sharing a case needs the investigator or liaison role");
        }
    }

    /**
     * Passing a case on belongs to a share partner's investigators and liaison officers (never a
     * lead assignee).
     */
    public static void mayPassOn(Case visibleCase, String tenant, Set<String> roles) {
        if (!visibleCase.fullyVisibleTo(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country or a country the case is shared with may share it");
        }
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "sharing a case needs the investigator or liaison role");
        }
    }

    /**
     * Changing a case (update, transition, leads, persons) belongs to the owner's investigators and
     * liaison officers.
     */
    public static void mayChange(Case visibleCase, String tenant, Set<String> roles) {
        if (!visibleCase.ownedBy(tenant)) {
            throw new PermissionDeniedException("only the owning country may change this case");
        }
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "changing a case needs the investigator or liaison role");
        }
    }

    /**
     * Working a lead (status, findings): the owner, or the country it is assigned to; nobody else.
     */
    public static void mayWork(Lead lead, String tenant, Set<String> roles) {
        if (!lead.ownedBy(tenant) && !lead.assignedTo(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country or the country the lead is assigned to may work it");
        }
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "working a lead needs the investigator or liaison role");
        }
    }

    /**
     * Passing on what was assigned to the caller's country belongs to its investigators and liaison
     * officers.
     */
    public static void mayPassOnAssignment(Set<String> roles) {
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "passing an assignment on needs the investigator or liaison role");
        }
    }

    /**
     * Changing, sharing or linking a scam centre belongs to its owner's investigators and liaison
     * officers.
     */
    public static void mayChangeCentre(ScamCentre centre, String tenant, Set<String> roles) {
        if (!centre.ownedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country may change, share or link this scam centre");
        }
        if (roles.stream().noneMatch(GRANTORS::contains)) {
            throw new PermissionDeniedException(
                    "changing a scam centre needs the investigator or liaison role");
        }
    }

    public static NotFoundException analysisNotFound() {
        return new NotFoundException("technical analysis");
    }

    public static NotFoundException centreNotFound() {
        return new NotFoundException("scam centre");
    }

    public static NotFoundException notFound() {
        return new NotFoundException("case");
    }

    public static NotFoundException leadNotFound() {
        return new NotFoundException("lead");
    }

    public static NotFoundException reportNotFound() {
        return new NotFoundException("scam report");
    }
}
