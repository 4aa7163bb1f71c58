package org.chainbreaker.cases.domain;

import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.tenancy.TenantDirectory;

/** What makes a grant of a case to another country valid. */
public final class SharingPolicy {

    private final TenantDirectory tenants;

    public SharingPolicy(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public void checkGrant(String owner, String country, HandlingCode handlingCode) {
        new FieldChecks()
                .require(tenants.knows(country), "country", "must be the code of a tenant served here, e.g. TH")
                .require(!owner.equals(country), "country", "a case is not shared with its own country")
                .require(handlingCode != null, "handling_code", "is required: one of H0, H1, H2, H3")
                .throwIfAny();
    }

    public void checkRevocation(String owner, String country) {
        new FieldChecks()
                .require(tenants.knows(country), "country", "must be the code of a tenant served here, e.g. TH")
                .require(!owner.equals(country), "country", "the owning country cannot be revoked")
                .throwIfAny();
    }
}
