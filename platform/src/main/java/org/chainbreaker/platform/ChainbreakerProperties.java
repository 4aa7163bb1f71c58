package org.chainbreaker.platform;

import java.time.Duration;
import java.util.List;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every component shares.
 *
 * @param tenants  the tenant codes this deployment serves
 * @param security how access tokens are verified
 */
@ConfigurationProperties("chainbreaker")
public record ChainbreakerProperties(List<String> tenants, Security security) {

    public ChainbreakerProperties {
        tenants = tenants == null || tenants.isEmpty() ? TenantDirectory.REGION : List.copyOf(tenants);
        security = security == null ? new Security(null, null, "chainbreaker-api", Duration.ofSeconds(30)) : security;
    }

    /**
     * @param issuer    the realm's issuer URL, e.g. http://localhost:8180/realms/chainbreaker
     * @param jwksUri   where the realm publishes its keys; derived from the issuer (Keycloak's layout) when unset
     * @param audience  the audience every token must carry
     * @param clockSkew tolerance for clocks that differ between Keycloak and us
     */
    public record Security(String issuer, String jwksUri, @DefaultValue("chainbreaker-api") String audience,
                           @DefaultValue("30s") Duration clockSkew) {

        public String effectiveJwksUri() {
            if (jwksUri != null && !jwksUri.isBlank()) {
                return jwksUri;
            }
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalStateException("chainbreaker.security.issuer must be set");
            }
            return issuer.replaceAll("/+$", "") + "/protocol/openid-connect/certs";
        }
    }
}
