package org.chainbreaker.platform.tenancy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tenants this deployment serves: national police agencies by ISO 3166-1 alpha-2 code, and
 * international bodies by configured codes. A token naming any other tenant is refused.
 */
public final class TenantDirectory {

    /** The region Chainbreaker is built for; deployments may configure another list. */
    public static final List<String> REGION =
            List.of(
                    "KR",
                    "TH",
                    "VN",
                    "KH",
                    "LA",
                    "MM",
                    "PH",
                    "ID",
                    "MY",
                    "SG",
                    "BN",
                    "INTERPOL",
                    "ASEANAPOL");

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}|[A-Z][A-Z0-9]{2,15}");

    private final Set<String> codes;

    public TenantDirectory(List<String> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("at least one tenant must be configured");
        }
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException(
                        "tenant code must be 2 to 16 upper-case letters or digits: " + code);
            }
        }
        this.codes = Set.copyOf(new LinkedHashSet<>(codes));
    }

    public static TenantDirectory region() {
        return new TenantDirectory(REGION);
    }

    public boolean knows(String code) {
        return code != null && codes.contains(code);
    }

    public Set<String> codes() {
        return codes;
    }
}
