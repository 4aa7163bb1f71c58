package org.chainbreaker.repatriation.app;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.platform.errors.FailedPreconditionException;
import org.chainbreaker.platform.errors.NotFoundException;
import org.chainbreaker.platform.errors.UnavailableException;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.security.TokenExchange;
import org.chainbreaker.platform.tenancy.Caller;
import org.chainbreaker.repatriation.domain.ArrestTransfer;
import org.chainbreaker.repatriation.domain.FugitiveLookup;
import org.chainbreaker.repatriation.domain.FugitiveRecords;
import org.chainbreaker.repatriation.domain.Repatriation;
import org.chainbreaker.repatriation.domain.RepatriationPermissions;
import org.chainbreaker.repatriation.store.Asker;
import org.chainbreaker.repatriation.store.RepatriationStore;
import org.springframework.stereotype.Service;

/**
 * Arrest to draft transfer: keeps the DRAFT transfer an arrest opens in line with the
 * fugitive-service (SyncArrestTransfer). Nothing the caller sends is taken on trust: the wanted
 * person and its arrest are read from the fugitive-service as the caller, with a token obtained for
 * that read by token exchange (the caller may be the fugitive-service's relay acting for the
 * arresting officer, whose token is good here only), and the draft is what that answer says.
 */
@Service
public class ArrestTransfers {

    private final FugitiveRecords fugitives;
    private final OnBehalfOf onBehalfOf;
    private final RepatriationRegistry registry;
    private final RepatriationStore store;
    private final TenantTransactions transactions;

    ArrestTransfers(
            FugitiveRecords fugitives,
            OnBehalfOf onBehalfOf,
            RepatriationRegistry registry,
            RepatriationStore store,
            TenantTransactions transactions) {
        this.fugitives = fugitives;
        this.onBehalfOf = onBehalfOf;
        this.registry = registry;
        this.store = store;
        this.transactions = transactions;
    }

    public Repatriation sync(Caller caller, UUID wantedPersonId) {
        RepatriationPermissions.mayTransferArrest(caller.roles());
        FugitiveLookup lookup = fugitives.lookup(asFugitiveReader(caller), wantedPersonId);
        FugitiveLookup.Found found =
                switch (lookup) {
                    case FugitiveLookup.Found f -> f;
                    case FugitiveLookup.NotVisible ignored ->
                            throw new NotFoundException("wanted person");
                    case FugitiveLookup.Unavailable u ->
                            throw new UnavailableException(
                                    "the fugitive-service cannot answer now (" + u.reason() + ")");
                };
        return switch (ArrestTransfer.decide(found, wantedPersonId, caller.tenant())) {
            case ArrestTransfer.Open open ->
                    registry.get(caller, registry.openFromArrest(caller, open));
            case ArrestTransfer.Close close -> {
                List<UUID> opened = openedFromArrests(caller, wantedPersonId);
                if (opened.isEmpty()) {
                    throw new FailedPreconditionException(
                            close.reason() + "; no transfer was opened from its arrest");
                }
                opened.forEach(id -> registry.closeFromArrest(caller, id, close.reason()));
                yield registry.get(caller, opened.getFirst());
            }
            case ArrestTransfer.Answer answer -> {
                List<UUID> opened = openedFromArrests(caller, wantedPersonId);
                if (opened.isEmpty()) {
                    throw new FailedPreconditionException(answer.reasonIfNone());
                }
                yield registry.get(caller, opened.getFirst());
            }
        };
    }

    private List<UUID> openedFromArrests(Caller caller, UUID wantedPersonId) {
        return transactions.read(
                caller.tenant(), () -> store.openedFromArrests(caller.tenant(), wantedPersonId));
    }

    /**
     * The caller as the fugitive-service accepts it: a token of its own audience for this user,
     * obtained now (the caller's own token may be one only this service accepts).
     */
    private Caller asFugitiveReader(Caller caller) {
        try {
            return onBehalfOf.toFugitiveService(Asker.of(caller));
        } catch (TokenExchange.ExchangeFailedException e) {
            throw new UnavailableException(
                    "cannot act for you in the fugitive-service now (" + e.getMessage() + ")");
        }
    }
}
