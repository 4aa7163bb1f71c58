package org.chainbreaker.gateway.limits;

import reactor.core.publisher.Mono;

/** Where the buckets and day counters of the per-tenant limits live. */
public interface LimitStore {

    /** Takes one request from the tenant's allowance, or says when to come back. */
    Mono<TenantLimits.Decision> take(String tenant, TenantLimits.Limit limit);
}
