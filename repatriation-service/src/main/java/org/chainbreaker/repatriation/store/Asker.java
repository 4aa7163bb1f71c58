package org.chainbreaker.repatriation.store;

import org.chainbreaker.platform.tenancy.Caller;

/**
 * Who a deferred call to the fugitive-service acts for, as stored with it: the user, never their
 * token (a token is obtained when the call is made).
 */
public record Asker(String subject, String username, String tenant, String clientId) {

    public static Asker of(Caller caller) {
        return new Asker(caller.subject(), caller.username(), caller.tenant(), caller.clientId());
    }
}
