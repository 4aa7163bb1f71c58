package org.chainbreaker.cases.domain;

import java.util.List;
import java.util.Set;

/**
 * Who sees which persons of a case. The rule:
 *
 * <ul>
 *   <li>the owner sees everything;
 *   <li>a partner with a share sees suspects (with their contacts);
 *   <li>it sees victims only if the share's handling code is H0 or H1 and the caller has the
 *       investigator or liaison role (analysts, viewers and others never see victims of another
 *       country's case);
 *   <li>a victim's contact details only where, in addition, the owner disclosed them on the share;
 *   <li>a country that sees the case only through an assigned lead sees no persons.
 * </ul>
 *
 * The database applies the handling-code and disclosure parts itself (row-level security); roles it
 * cannot know.
 */
public final class VictimProtection {

    public static final Set<String> VICTIM_READERS = Set.of("investigator", "liaison");
    public static final Set<HandlingCode> VICTIM_CODES = Set.of(HandlingCode.H0, HandlingCode.H1);

    private VictimProtection() {}

    /** Whether the viewer may see the person's entry at all. */
    public static boolean maySee(
            Case visibleCase, String tenant, Set<String> roles, PersonRole role) {
        if (visibleCase.ownedBy(tenant)) {
            return true;
        }
        var share = visibleCase.shareWith(tenant);
        if (visibleCase.headerOnly() || share.isEmpty()) {
            return false;
        }
        return role == PersonRole.SUSPECT
                || (VICTIM_CODES.contains(share.get().handlingCode())
                        && roles.stream().anyMatch(VICTIM_READERS::contains));
    }

    /** Whether the viewer may see the contact of a person it may see. */
    public static boolean maySeeContact(Case visibleCase, String tenant, PersonRole role) {
        if (visibleCase.ownedBy(tenant) || role == PersonRole.SUSPECT) {
            return true;
        }
        return visibleCase
                .shareWith(tenant)
                .filter(s -> VICTIM_CODES.contains(s.handlingCode()) && s.victimContacts())
                .isPresent();
    }

    /**
     * The persons of a case as the viewer may see them: those it may see, without the contacts it
     * may not; none for a country that sees only the case's header.
     */
    public static List<Person> visible(
            Case visibleCase, String tenant, Set<String> roles, List<Person> persons) {
        if (visibleCase.headerOnly()) {
            return List.of();
        }
        return persons.stream()
                .filter(p -> maySee(visibleCase, tenant, roles, p.role()))
                .map(p -> maySeeContact(visibleCase, tenant, p.role()) ? p : p.withoutContact())
                .toList();
    }
}
