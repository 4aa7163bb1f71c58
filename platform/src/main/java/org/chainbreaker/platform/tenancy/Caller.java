package org.chainbreaker.platform.tenancy;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: a user or a partner system of one tenant, as proven by a verified access token.
 * The tenant comes only from the token, never from anything else the client sends.
 *
 * @param subject the token's {@code sub}
 * @param username the user's name ({@code preferred_username}), or the client id for a partner
 *     system
 * @param tenant the tenant code (country or international body) the identity belongs to
 * @param roles realm roles (viewer, investigator, analyst, liaison, coordinator, admin)
 * @param clientId the OAuth client that obtained the token ({@code azp})
 * @param token the raw access token, forwarded on calls to other services on the caller's behalf
 */
public record Caller(
        String subject,
        String username,
        String tenant,
        Set<String> roles,
        String clientId,
        String token) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(token, "token");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean belongsTo(String tenantCode) {
        return tenant.equals(tenantCode);
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "Caller["
                + username
                + "@"
                + tenant
                + " roles="
                + roles
                + " client="
                + clientId
                + "]";
    }
}
