package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.PermissionDeniedException;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/**
 * A named set of countries that the coordinators maintain. Seen by the coordinators and by its
 * members only; a case or scam centre shared with it stands as one grant per member.
 */
public record CountryGroup(
        UUID id,
        String name,
        List<String> members,
        String createdBy,
        Instant createTime,
        Instant updateTime,
        long version) {

    public static final int MAX_NAME = 200;
    public static final int MAX_MEMBERS = 100;

    public CountryGroup {
        members = members.stream().sorted().toList();
    }

    /**
     * A share with a group names a group the owner's country sees ({@code group} empty where it
     * does not, exactly as for one that does not exist), a handling code, and an expiry, if any, in
     * the future: every wrong field at once.
     */
    public static CountryGroup checkShare(
            Optional<CountryGroup> group,
            HandlingCode code,
            Optional<Instant> expireTime,
            Instant now) {
        new FieldChecks()
                .require(
                        group.isPresent(),
                        "group_id",
                        "must be the id of a country group your country belongs to")
                .require(code != null, "handling_code", "is required: one of H0, H1, H2, H3")
                .require(
                        expireTime.map(now::isBefore).orElse(true),
                        "expire_time",
                        "must lie in the future")
                .throwIfAny();
        return group.get();
    }

    /** The audit note of a share with this group. */
    public String describeShare(HandlingCode code, Optional<Instant> expireTime) {
        return "to the members of group "
                + id
                + " under "
                + code
                + expireTime.map(t -> " until " + t).orElse("");
    }

    public boolean hasMember(String country) {
        return members.contains(country);
    }

    /** What a new group must be: a name, and first members that are known tenants, once each. */
    public static void checkNew(String name, List<String> members, TenantDirectory tenants) {
        FieldChecks checks = new FieldChecks().text(name, "group.name", 1, MAX_NAME);
        checks.require(
                members.size() <= MAX_MEMBERS,
                "group.members",
                "must have at most " + MAX_MEMBERS + " countries");
        checks.require(
                members.stream().distinct().count() == members.size(),
                "group.members",
                "must name each country once");
        for (int i = 0; i < Math.min(members.size(), MAX_MEMBERS); i++) {
            checks.require(
                    tenants.knows(members.get(i)),
                    "group.members[" + i + "]",
                    "must be the code of a tenant served here, e.g. TH");
        }
        checks.throwIfAny();
    }

    public static void checkName(String name) {
        new FieldChecks().text(name, "name", 1, MAX_NAME).throwIfAny();
    }

    /** A country to add: a known tenant, not yet a member, and room left. */
    public void checkAddition(String country, TenantDirectory tenants) {
        new FieldChecks()
                .require(
                        tenants.knows(country),
                        "country",
                        "must be the code of a tenant served here, e.g. TH")
                .require(!hasMember(country), "country", "is already a member of this group")
                .require(
                        members.size() < MAX_MEMBERS,
                        "country",
                        "the group has " + MAX_MEMBERS + " members already")
                .throwIfAny();
    }

    public void checkRemoval(String country) {
        new FieldChecks()
                .require(hasMember(country), "country", "is not a member of this group")
                .throwIfAny();
    }

    /**
     * Only the coordinators maintain groups; a member country that sees the group is told so, any
     * other country was already answered NOT_FOUND.
     */
    public static void mayMaintain(boolean coordinator) {
        if (!coordinator) {
            throw new PermissionDeniedException(
                    "only the coordinators (INTERPOL, ASEANAPOL) maintain country groups");
        }
    }

    public static NotFoundException notFound() {
        return new NotFoundException("country group");
    }
}
