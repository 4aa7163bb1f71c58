package org.chainbreaker.fugitives.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.chainbreaker.fugitives.domain.TransferDrafts;
import org.chainbreaker.fugitives.store.ArrestHandoffStore;
import org.chainbreaker.platform.ChainbreakerProperties;
import org.chainbreaker.platform.jobs.PeriodicJob;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.platform.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the repatriation-service of arrests (and of cancelled notices of arrested persons): the
 * relay of the handoffs the change committed. Each round works country by country (the database
 * hands the application role only the session's country's handoffs), claims due handoffs with FOR
 * UPDATE SKIP LOCKED and keeps the lock while it calls, so one replica sends a handoff at a time.
 * The call acts for the officer who made the change, with a token obtained for that call alone by
 * token exchange (audience: the repatriation-service's deferred calls, accepted there on
 * SyncArrestTransfer only); nothing replayable is stored. The repatriation-service's answer is
 * idempotent per arrest, so a call repeated after a lost answer, or after this process died before
 * deleting the handoff, opens no second draft.
 */
@Component
public class ArrestRelay extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(ArrestRelay.class);

    private final ArrestHandoffStore handoffs;
    private final TransferDrafts drafts;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final ArrestRelayProperties properties;
    private final TokenExchange exchange;
    private final Clock clock;

    ArrestRelay(
            ArrestHandoffStore handoffs,
            TransferDrafts drafts,
            TenantTransactions transactions,
            TenantDirectory directory,
            ArrestRelayProperties properties,
            ChainbreakerProperties platform,
            Clock clock) {
        super("arrest-relay");
        this.handoffs = handoffs;
        this.drafts = drafts;
        this.transactions = transactions;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.exchange =
                new TokenExchange(
                        new TokenExchange.Settings(
                                URI.create(
                                        platform.security().issuer()
                                                + "/protocol/openid-connect/token"),
                                properties.exchange().clientId(),
                                properties.exchange().clientSecret(),
                                properties.exchange().timeout()));
    }

    /** One round over every country's due handoffs; returns how many were answered. */
    public int sendDue() {
        int answered = 0;
        for (String tenant : directory.codes()) {
            answered += transactions.write(tenant, () -> send(tenant));
        }
        return answered;
    }

    /** Handoffs of the session's country not yet answered (tests and monitoring). */
    public int pending(String tenant) {
        return transactions.read(tenant, handoffs::pending);
    }

    private int send(String tenant) {
        int answered = 0;
        for (ArrestHandoffStore.Due due : handoffs.claim(properties.batch(), now())) {
            Caller officer;
            try {
                String subject =
                        due.actorSubject().isEmpty() ? due.actorUser() : due.actorSubject();
                TokenExchange.Exchanged exchanged =
                        exchange.onBehalfOf(subject, properties.exchange().audience());
                // The officer must still belong to the country they acted for.
                if (!tenant.equals(exchanged.tenant())) {
                    throw new TokenExchange.ExchangeFailedException(
                            "the officer who acted no longer belongs to " + tenant);
                }
                officer =
                        new Caller(
                                exchanged.subject(),
                                exchanged.username(),
                                tenant,
                                java.util.Set.of(),
                                due.actorClient(),
                                exchanged.token());
            } catch (TokenExchange.ExchangeFailedException e) {
                postpone(due, e.getMessage());
                continue;
            }
            switch (drafts.sync(officer, due.wantedPersonId())) {
                case TransferDrafts.Outcome.Answered ignored -> {
                    handoffs.remove(due.id());
                    answered++;
                }
                case TransferDrafts.Outcome.Refused refused -> {
                    // Final: the repatriation-service decided on the fugitive-service's own record
                    // (e.g. the arrest was already followed by a transfer); kept in the log.
                    log.info(
                            "Arrest handoff {} ({} of {}) refused by the repatriation-service: {}",
                            due.id(),
                            due.reason(),
                            due.wantedPersonId(),
                            refused.reason());
                    handoffs.remove(due.id());
                    answered++;
                }
                case TransferDrafts.Outcome.Unavailable unavailable ->
                        postpone(due, unavailable.reason());
            }
        }
        return answered;
    }

    private void postpone(ArrestHandoffStore.Due due, String error) {
        handoffs.postpone(due.id(), backoff(now(), properties.interval(), due.attempts()), error);
    }

    @Override
    protected Duration interval() {
        return properties.interval();
    }

    @Override
    protected void round() {
        sendDue();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
