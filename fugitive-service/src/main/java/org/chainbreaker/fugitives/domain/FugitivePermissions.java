package org.chainbreaker.fugitives.domain;

import java.util.Set;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;

/**
 * Who may do what. A country that cannot see a record is told it does not exist (the store already
 * hides it); a country that sees it but may not act on it is told it may not.
 */
public final class FugitivePermissions {

    private static final Set<String> RECORDERS = Set.of("investigator", "admin");
    private static final Set<String> FIELD_OFFICERS = Set.of("investigator", "liaison", "admin");
    private static final Set<String> COORDINATORS = Set.of("coordinator", "admin");

    private FugitivePermissions() {}

    /** Recording and changing wanted persons: the owner country's investigators. */
    public static void mayRecord(Set<String> roles) {
        if (roles.stream().noneMatch(RECORDERS::contains)) {
            throw new PermissionDeniedException(
                    "recording wanted persons needs the investigator role");
        }
    }

    public static void mayChange(WantedPerson seen, String tenant, Set<String> roles) {
        if (!seen.ownedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the owning country may change this wanted person");
        }
        mayRecord(roles);
    }

    /**
     * Sightings and arrests: investigators and liaison officers of a country that sees the record.
     */
    public static void mayReport(Set<String> roles) {
        if (roles.stream().noneMatch(FIELD_OFFICERS::contains)) {
            throw new PermissionDeniedException(
                    "reporting sightings and arrests needs the investigator or liaison role");
        }
    }

    /**
     * A custody transfer: the owning country (which wants the person) or the arresting country
     * (which holds them), the two countries between which custody passes.
     */
    public static void mayTransferCustody(WantedPerson seen, String tenant) {
        boolean arresting =
                seen.arrest().map(a -> a.arrestingCountry().equals(tenant)).orElse(false);
        if (!seen.ownedBy(tenant) && !arresting) {
            throw new PermissionDeniedException(
                    "only the owning or the arresting country may record a custody transfer");
        }
    }

    /**
     * Who in other countries read or checked a wanted person: the owning country only (it owns the
     * record's audit).
     */
    public static void mayReadAuditOf(WantedPerson seen, String tenant, String refusal) {
        if (!seen.ownedBy(tenant)) {
            throw new PermissionDeniedException(refusal);
        }
    }

    public static void mayCoordinate(Set<String> roles) {
        if (roles.stream().noneMatch(COORDINATORS::contains)) {
            throw new PermissionDeniedException("opening an operation needs the coordinator role");
        }
    }

    public static void mayManage(Operation operation, String tenant, Set<String> roles) {
        if (!operation.coordinatedBy(tenant)) {
            throw new PermissionDeniedException(
                    "only the coordinating country may change who takes part");
        }
        mayCoordinate(roles);
    }

    public static NotFoundException wantedPersonNotFound() {
        return new NotFoundException("wanted person");
    }

    public static NotFoundException operationNotFound() {
        return new NotFoundException("operation");
    }
}
