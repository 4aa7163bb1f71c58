package org.chainbreaker.repatriation.app;

import java.net.URI;
import java.util.Set;
import org.chainbreaker.platform.ChainbreakerProperties;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.store.Asker;
import org.springframework.stereotype.Component;

/**
 * The caller a deferred call to the fugitive-service acts as: the user who asked for it, with a
 * token obtained now by token exchange (audience the fugitive-service only, valid for seconds),
 * never one stored when the user asked. The token's country must still be the one the user asked
 * from; otherwise nothing is sent on their behalf.
 */
@Component
public class OnBehalfOf {

    private final TokenExchange exchange;
    private final String fugitivesAudience;

    OnBehalfOf(ChainbreakerProperties platform, RepatriationProperties properties) {
        RepatriationProperties.Exchange settings = properties.exchange();
        this.exchange =
                new TokenExchange(
                        new TokenExchange.Settings(
                                URI.create(
                                        platform.security().issuer()
                                                + "/protocol/openid-connect/token"),
                                settings.clientId(),
                                settings.clientSecret(),
                                settings.timeout()));
        this.fugitivesAudience = settings.fugitivesAudience();
    }

    /** A caller for one call to the fugitive-service on behalf of {@code asker}. */
    public Caller toFugitiveService(Asker asker) throws TokenExchange.ExchangeFailedException {
        String subject = asker.subject().isEmpty() ? asker.username() : asker.subject();
        TokenExchange.Exchanged token = exchange.onBehalfOf(subject, fugitivesAudience);
        if (!asker.tenant().equals(token.tenant())) {
            throw new TokenExchange.ExchangeFailedException(
                    "the user who asked no longer belongs to " + asker.tenant());
        }
        return new Caller(
                token.subject(),
                token.username(),
                token.tenant(),
                Set.of(),
                asker.clientId(),
                token.token());
    }
}
