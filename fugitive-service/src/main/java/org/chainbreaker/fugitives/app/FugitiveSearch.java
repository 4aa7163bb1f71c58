package org.chainbreaker.fugitives.app;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.IdentityCheckQuery;
import org.chainbreaker.fugitives.domain.IdentityHit;
import org.chainbreaker.fugitives.domain.NameSearchQuery;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.SearchHit;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.names.NameForm;
import org.chainbreaker.fugitives.domain.names.NameMatch;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.domain.names.NormalizedName;
import org.chainbreaker.fugitives.store.NameSearchStore;
import org.chainbreaker.fugitives.store.WantedPersonStore;
import org.chainbreaker.platform.audit.AuditAction;
import org.chainbreaker.platform.audit.AuditTrail;
import org.chainbreaker.platform.events.CursorCodec;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.chainbreaker.platform.tenancy.Caller;
import org.springframework.stereotype.Service;

/**
 * Name search and hit/no-hit identity checks over wanted persons; each one transaction on behalf of
 * the caller's country, reads of other countries' records and every check audited.
 */
@Service
public class FugitiveSearch {

    /**
     * Lowest trigram similarity between search keys for a candidate of an identity check. Lower
     * than the search's: the candidates are scored by the matcher's rules (in the database, V19),
     * and at 0.45 one true pair in 80 of the development half (Li Teng / 李婷, Mao Sreymom / ម៉ៅ
     * ស្រីមុំ) never became a candidate although the matcher scores it a hit.
     */
    static final double CHECK_KEY_THRESHOLD = 0.3;

    /**
     * How many candidates the trigram step hands to the scorer, and the lowest trigram similarity
     * of a candidate's key to a query key. Keys are canonical romanised spellings, so a true match
     * across scripts shares most of its trigrams; 0.3 (pg_trgm's default) made a million-record
     * search gather thousands of namesakes' neighbours.
     */
    static final int SEARCH_CANDIDATES = 100;

    public static final double SEARCH_KEY_THRESHOLD = 0.45;

    private final WantedPersonStore store;
    private final NameSearchStore names;
    private final TenantTransactions transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final SearchTokens searchTokens;

    FugitiveSearch(
            WantedPersonStore store,
            NameSearchStore names,
            TenantTransactions transactions,
            AuditTrail audit,
            Clock clock,
            CursorCodec cursors) {
        this.store = store;
        this.names = names;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.searchTokens = new SearchTokens(cursors);
    }

    /**
     * One page of a name search, best first, and the token of the next page (empty when there is
     * none).
     */
    public record SearchPage(List<SearchHit> matches, String nextPageToken) {}

    /**
     * Searches the records the caller may see by name and date of birth; best first, a page at a
     * time. Every page runs the search again under the caller's own visibility; the page token
     * holds only an offset into it, sealed with the request it belongs to (see {@link
     * SearchTokens}), so it can neither be made by hand nor show a country anything its own search
     * would not.
     */
    public SearchPage search(Caller caller, NameSearchQuery asked, String pageToken) {
        NameSearchQuery.Checked search = asked.check(currentYear());
        String request = SearchTokens.request(caller.tenant(), asked);
        int offset =
                pageToken == null || pageToken.isEmpty()
                        ? 0
                        : searchTokens.offset(pageToken, request);
        int size = search.pageSize();
        double floor = search.floor();
        PartialDate dob = search.dateOfBirth();
        NormalizedName query = NameNormalizer.normalize(search.name());
        Set<String> keys = NameNormalizer.keys(query);
        if (keys.isEmpty()) {
            return new SearchPage(List.of(), "");
        }
        record Scored(UUID id, NameMatch match, String matchedName) {}
        List<Scored> ranked = new ArrayList<>();
        List<SearchHit> hits =
                transactions.read(
                        caller.tenant(),
                        () -> {
                            List<UUID> candidates =
                                    names.searchCandidates(
                                            keys,
                                            SEARCH_KEY_THRESHOLD,
                                            dob.year(),
                                            SEARCH_CANDIDATES);
                            for (NameSearchStore.ScoringRow row :
                                    names.scoringRows(caller.tenant(), candidates)) {
                                Scored best = null;
                                for (PersonName candidateName : row.names()) {
                                    NameMatch match =
                                            NameMatcher.match(
                                                    query,
                                                    dob,
                                                    FugitiveRegistry.NAMES.normalize(
                                                            candidateName.value(),
                                                            candidateName.script()),
                                                    row.dateOfBirth());
                                    if (best == null || match.score() > best.match().score()) {
                                        best = new Scored(row.id(), match, candidateName.value());
                                    }
                                }
                                if (best != null && best.match().score() >= floor) {
                                    ranked.add(best);
                                }
                            }
                            // A total order (score, then id), so that the pages of one search
                            // neither repeat nor skip a match.
                            ranked.sort(
                                    Comparator.comparingDouble((Scored h) -> h.match().score())
                                            .reversed()
                                            .thenComparing(Scored::id));
                            // Only the page is read in full (and, for other countries' records,
                            // audited).
                            List<Scored> page =
                                    ranked.subList(
                                            Math.min(offset, ranked.size()),
                                            Math.min(offset + size, ranked.size()));
                            Map<UUID, WantedPerson> records = new HashMap<>();
                            store.findAll(caller.tenant(), page.stream().map(Scored::id).toList())
                                    .forEach(w -> records.put(w.id(), w));
                            return page.stream()
                                    .filter(h -> records.containsKey(h.id()))
                                    .map(
                                            h ->
                                                    new SearchHit(
                                                            records.get(h.id()),
                                                            h.match().score(),
                                                            h.match().reasons(),
                                                            h.matchedName()))
                                    .toList();
                        });
        String next =
                offset + size < ranked.size() ? searchTokens.token(offset + size, request) : "";
        List<SearchHit> others =
                hits.stream().filter(h -> !h.wantedPerson().ownedBy(caller.tenant())).toList();
        if (!others.isEmpty()) {
            transactions.run(
                    caller.tenant(),
                    () -> {
                        audit.recordEach(
                                caller,
                                AuditAction.READ,
                                FugitiveRegistry.RECORD_TYPE,
                                others.stream().map(h -> h.wantedPerson().id().toString()).toList(),
                                others.stream().map(h -> h.wantedPerson().ownerCountry()).toList(),
                                "name search");
                    });
        }
        return new SearchPage(hits, next);
    }

    /**
     * Hit/no-hit against every country's PUBLISHED notices. The answer names only owner and
     * reference; each owner is told through the audit trail (who, when, why) and an event; a no-hit
     * is audited too.
     */
    public List<IdentityHit> check(Caller caller, IdentityCheckQuery asked) {
        IdentityCheckQuery.Checked check = asked.check(currentYear());
        NormalizedName query = check.name().map(NameNormalizer::normalize).orElse(null);
        Set<String> keys = query == null ? Set.of() : NameNormalizer.keys(query);
        // The database scores the candidates against what the matcher reads of the query (V19).
        String form = query == null ? null : NameForm.of(query);
        String document = check.document();
        String why = check.purpose();
        return transactions.write(
                caller.tenant(),
                () -> {
                    List<IdentityHit> hits =
                            names.identityCheck(
                                    keys,
                                    form,
                                    CHECK_KEY_THRESHOLD,
                                    NameMatcher.CHECK_THRESHOLD,
                                    check.dateOfBirth(),
                                    document);
                    if (hits.isEmpty()) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                "identity_check",
                                UUID.randomUUID().toString(),
                                caller.tenant(),
                                "no hit: " + why);
                    }
                    Set<IdentityHit> distinct = new LinkedHashSet<>(hits);
                    for (IdentityHit hit : distinct) {
                        audit.record(
                                caller,
                                AuditAction.CHECK,
                                FugitiveRegistry.NOTICE,
                                hit.reference(),
                                hit.ownerCountry(),
                                why);
                    }
                    names.announceIdentityChecks(
                            distinct.stream().map(IdentityHit::ownerCountry).toList(),
                            distinct.stream().map(IdentityHit::reference).toList(),
                            caller.username());
                    return hits;
                });
    }

    private int currentYear() {
        return clock.instant().atOffset(ZoneOffset.UTC).getYear();
    }
}
