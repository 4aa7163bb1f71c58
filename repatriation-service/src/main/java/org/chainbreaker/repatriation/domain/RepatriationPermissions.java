package org.chainbreaker.repatriation.domain;

import java.util.Set;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;

/**
 * Who may do what. A country that cannot see a repatriation is told it does not exist (the store
 * already hides it); a country that sees it but may not act on it is told it may not.
 */
public final class RepatriationPermissions {

    private static final Set<String> OPENERS = Set.of("investigator", "liaison", "admin");
    private static final Set<String> LIAISONS = Set.of("liaison");
    private static final Set<String> ARREST_ACTORS = Set.of("investigator", "liaison");

    private RepatriationPermissions() {}

    /**
     * Opening a repatriation: investigators and liaison officers of its sending or receiving
     * country.
     */
    public static void mayOpen(Set<String> roles, String tenant, String sending, String receiving) {
        if (roles.stream().noneMatch(OPENERS::contains)) {
            throw new PermissionDeniedException(
                    "opening a repatriation needs the investigator or liaison role");
        }
        if (!tenant.equals(sending) && !tenant.equals(receiving)) {
            throw new PermissionDeniedException(
                    "a country may open only repatriations it sends or receives");
        }
    }

    /**
     * Acting for one side of a repatriation (approving, rejecting, planning, moving it on): a
     * liaison officer of the sending or receiving country. Returns that side.
     */
    public static Side liaisonOf(Repatriation seen, String tenant, Set<String> roles) {
        Side side =
                seen.sideOf(tenant)
                        .orElseThrow(
                                () ->
                                        new PermissionDeniedException(
                                                "only the sending and receiving countries act on a repatriation"));
        if (roles.stream().noneMatch(LIAISONS::contains)) {
            throw new PermissionDeniedException(
                    "this step needs the liaison role of the "
                            + side.name().toLowerCase()
                            + " country");
        }
        return side;
    }

    /**
     * A step reserved to one side's liaison officers (the sending side starts the journey, the
     * receiving one takes over).
     */
    public static void liaisonOf(
            Repatriation seen, Side required, String tenant, Set<String> roles) {
        Side side = liaisonOf(seen, tenant, roles);
        if (side != required) {
            throw new PermissionDeniedException(
                    "this step is for the " + required.name().toLowerCase() + " country");
        }
    }

    /**
     * Submitting (or cancelling) a DRAFT: the owning country's investigators and liaison officers.
     */
    public static void mayHandleDraft(Repatriation seen, String tenant, Set<String> roles) {
        if (!seen.ownerCountry().equals(tenant)) {
            throw new PermissionDeniedException(
                    "only the country that opened the repatriation may do this to its draft");
        }
        if (roles.stream().noneMatch(OPENERS::contains)) {
            throw new PermissionDeniedException("this needs the investigator or liaison role");
        }
    }

    /**
     * Cancelling: the owning country's draft handlers while it is a DRAFT, else a liaison officer
     * of either side.
     */
    public static void mayCancel(Repatriation seen, String tenant, Set<String> roles) {
        if (seen.status() == RepatriationStatus.DRAFT && seen.ownerCountry().equals(tenant)) {
            mayHandleDraft(seen, tenant, roles);
        } else {
            liaisonOf(seen, tenant, roles);
        }
    }

    /** Who outside the two countries read a repatriation: the country that opened it only. */
    public static void mayReadWhoRead(Repatriation seen, String tenant) {
        if (!seen.ownerCountry().equals(tenant)) {
            throw new PermissionDeniedException(
                    "only the country that opened this request may see who read it");
        }
    }

    /**
     * Opening or closing the draft transfer of an arrest: investigators and liaison officers (the
     * arresting country's officers, on whose behalf the fugitive-service asks).
     */
    public static void mayTransferArrest(Set<String> roles) {
        if (roles.stream().noneMatch(ARREST_ACTORS::contains)) {
            throw new PermissionDeniedException("this needs the investigator or liaison role");
        }
    }

    public static NotFoundException notFound() {
        return new NotFoundException("repatriation");
    }
}
