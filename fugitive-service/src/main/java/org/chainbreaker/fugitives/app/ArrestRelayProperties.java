package org.chainbreaker.fugitives.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the arrest relay ({@code chainbreaker.fugitives.arrest-relay.*}), which tells the
 * repatriation-service of arrests (see docs/guarantees.md, "Arrest to draft transfer").
 *
 * @param interval how often it looks for handoffs to send (and the first retry's delay)
 * @param batch how many one round takes per country
 * @param deadline deadline of one call to the repatriation-service
 * @param attempts attempts of one call (it is idempotent there)
 * @param retryWait wait between attempts
 * @param openFor how long the circuit breaker stays open
 * @param exchange how the relay obtains the officer's token for a call
 */
@ConfigurationProperties("chainbreaker.fugitives.arrest-relay")
public record ArrestRelayProperties(
        @DefaultValue("2s") Duration interval,
        @DefaultValue("20") int batch,
        @DefaultValue("3s") Duration deadline,
        @DefaultValue("2") int attempts,
        @DefaultValue("200ms") Duration retryWait,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue Exchange exchange) {

    /**
     * The service's own client at the realm, allowed only to exchange for {@code audience} on
     * behalf of a user.
     *
     * @param clientId the confidential client
     * @param clientSecret its secret (from a Secret, never in a file)
     * @param audience the audience the repatriation-service accepts on SyncArrestTransfer only
     * @param timeout of one token request
     */
    public record Exchange(
            @DefaultValue("fugitive-service") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("repatriation-deferred") String audience,
            @DefaultValue("5s") Duration timeout) {

        @Override
        public String toString() {
            return "Exchange[client=" + clientId + " audience=" + audience + "]";
        }
    }
}
