package org.chainbreaker.cases.domain;

import java.util.Optional;
import java.util.Set;
import org.chainbreaker.platform.records.Etags;

/**
 * Handing a lead or a technical analysis to a country: the owner assigns it (or takes it back and
 * gives it to another), the country it is assigned to passes it on as its own assignment allows (H0
 * or H1, never less strictly). The checks run in the order the caller is answered: who asks, the
 * grant's fields, the entity tag, then the record's state.
 */
public final class HandOver {

    private final SharingPolicy sharing;

    public HandOver(SharingPolicy sharing) {
        this.sharing = sharing;
    }

    /** The owner's assignment of a lead of its case {@code seen}. */
    public Step<Lead.Assignment> assign(
            Case seen,
            Lead lead,
            String tenant,
            Set<String> roles,
            String country,
            HandlingCode code,
            String etag) {
        CasePermissions.mayGrant(seen, tenant, roles);
        sharing.checkGrant(seen.ownerCountry(), country, code);
        Etags.requireCurrent(etag, lead.id(), lead.version());
        return lead.assign(country, code);
    }

    /** The assignee passes the lead on; it keeps its status (see {@link Lead#passOn}). */
    public Step<Lead.Assignment> passOn(
            Lead lead,
            String tenant,
            Set<String> roles,
            String country,
            HandlingCode code,
            String etag) {
        CasePermissions.mayWork(lead, tenant, roles);
        checkOnward(
                tenant, lead.assignHandling().orElseThrow(), lead.ownerCountry(), country, code);
        Etags.requireCurrent(etag, lead.id(), lead.version());
        return lead.passOn(country, code);
    }

    /** The assignee passes an analysis on. */
    public void passOn(
            TechnicalAnalysis analysis,
            String tenant,
            Set<String> roles,
            String country,
            HandlingCode code,
            String etag) {
        CasePermissions.mayPassOnAssignment(roles);
        checkOnward(
                tenant,
                analysis.assignHandling().orElseThrow(),
                analysis.ownerCountry(),
                country,
                code);
        Etags.requireCurrent(etag, analysis.id(), analysis.version());
    }

    private void checkOnward(
            String tenant,
            HandlingCode received,
            String owner,
            String country,
            HandlingCode requested) {
        sharing.checkPassingOn(
                tenant, received, Optional.empty(), country, requested, Optional.empty());
        sharing.checkGrant(owner, country, requested);
    }
}
