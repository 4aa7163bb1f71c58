package org.chainbreaker.repatriation.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the repatriation-service ({@code chainbreaker.repatriation.*}).
 *
 * @param fugitives how the fugitive-service is called
 * @param reconcileInterval how often pending fugitive checks are tried again (and the first retry's
 *     delay)
 * @param reconcileBatch how many pending checks one round takes
 * @param relayInterval how often custody handovers waiting for the fugitive-service are sent (and
 *     the first retry's delay)
 * @param relayBatch how many of them one round takes
 * @param exchange how the deferred calls to the fugitive-service obtain their token
 */
@ConfigurationProperties("chainbreaker.repatriation")
public record RepatriationProperties(
        @DefaultValue Fugitives fugitives,
        @DefaultValue("15s") Duration reconcileInterval,
        @DefaultValue("20") int reconcileBatch,
        @DefaultValue("5s") Duration relayInterval,
        @DefaultValue("20") int relayBatch,
        @DefaultValue Exchange exchange) {

    /**
     * The service's own client at the realm, allowed only to exchange for {@code fugitivesAudience}
     * on behalf of a user (see docs/guarantees.md, "No bearer tokens at rest").
     *
     * @param clientId the confidential client
     * @param clientSecret its secret (from a Secret, never in a file)
     * @param fugitivesAudience the audience of the fugitive-service's deferred calls
     * @param timeout of one token request
     */
    public record Exchange(
            @DefaultValue("repatriation-service") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("fugitive-service") String fugitivesAudience,
            @DefaultValue("5s") Duration timeout) {

        @Override
        public String toString() {
            return "Exchange[client=" + clientId + " audience=" + fugitivesAudience + "]";
        }
    }

    /**
     * @param deadline deadline of one attempt
     * @param attempts attempts of an idempotent read (the first included)
     * @param retryWait wait between attempts
     * @param openFor how long the circuit breaker stays open before letting a trial call through
     */
    public record Fugitives(
            @DefaultValue("2s") Duration deadline,
            @DefaultValue("3") int attempts,
            @DefaultValue("200ms") Duration retryWait,
            @DefaultValue("10s") Duration openFor) {}
}
