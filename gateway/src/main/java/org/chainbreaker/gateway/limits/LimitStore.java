package org.chainbreaker.gateway.limits;

import reactor.core.publisher.Mono;

/** Where the buckets and day counters of the per-tenant limits live. */
public interface LimitStore {

    /** Takes one request from the tenant's allowance, or says when to come back. */
    Mono<TenantLimits.Decision> take(String tenant, TenantLimits.Limit limit);

    /**
     * The same as {@link #take}, answered on this thread when the store can do so without waiting
     * (buckets in this process); null when only {@link #take} can answer (a shared store across the
     * network).
     */
    default TenantLimits.Decision takeAtOnce(String tenant, TenantLimits.Limit limit) {
        return null;
    }
}
