package org.chainbreaker.fugitives.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.IdentityHit;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.platform.keys.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of name search and identity checks: the candidates by search key, what the scorer reads of
 * them, and the hit/no-hit check against every country's published notices (through the database's
 * SECURITY DEFINER functions). Runs inside a tenant transaction, like {@link WantedPersonStore}.
 */
@Repository
public class NameSearchStore {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    NameSearchStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Candidates for a name search: records the tenant may see with a search key similar to one of
     * the query's keys, best first, and among the holders of one spelling those born in {@code
     * birthYear} (0: not asked) first. The similar spellings come from the dictionary of keys
     * (trigram index, one row per spelling, as hashes only: {@code fugitives_search_spellings},
     * V33, which counts only spellings held by a record the tenant may see, so that other
     * countries' hidden spellings cannot take the slots, and stops walking them once their visible
     * holders fill what this query reads of them); the records holding them through the B-tree on
     * the key hash, filtered by row-level security (no trigram operator runs under it). Only ids
     * leave this query: the records are read with the visibility rule stated explicitly ({@link
     * WantedPersonStore#findAll}).
     */
    public List<UUID> searchCandidates(
            Collection<String> keys, double threshold, int birthYear, int limit) {
        return jdbc.sql(SEARCH_CANDIDATES_SQL)
                .param("keys", keys.toArray(String[]::new))
                .param("threshold", (float) threshold)
                .param("year", birthYear)
                .param("spellings", SIMILAR_SPELLINGS)
                .param("perSpelling", limit)
                .param("rows", 3 * limit)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * How many similar spellings a search follows, most similar first (spellings the tenant can
     * find a record by).
     */
    static final int SIMILAR_SPELLINGS = 50;

    /**
     * When fewer than {@link #SIMILAR_SPELLINGS} spellings reach the caller's threshold, the
     * remaining slots go to spellings down to this similarity, after them: a name whose readings
     * are all rare (a Thai passport spelling, a Hokkien given name) has few neighbours, and its
     * true holder's key can share fewer trigrams with the query's than the threshold asks (eval6:
     * 11 true pairs the Java matcher scored as hits were never gathered at 0.45). The identity
     * check gathers at this similarity already. A common name fills its slots above the threshold
     * and never pays for the wider scan.
     */
    static final double WIDER_SPELLINGS_FLOOR = 0.3;

    /**
     * The candidate query of a name search; parameters {@code :keys} (text[]), {@code :threshold},
     * {@code :year}, {@code :spellings}, {@code :perSpelling}, {@code :rows} and {@code :limit}.
     * The spellings arrive most similar first and each is followed only until {@code :perSpelling}
     * visible holders: the scan stops after {@code :rows} holders in that order instead of visiting
     * every namesake of a common name. Spellings below {@code :threshold} (down to {@link
     * #WIDER_SPELLINGS_FLOOR}) come after, and only while fewer than {@code :spellings} reached it.
     * The spelling function is given {@code :year}, {@code :perSpelling} and {@code :rows} so that
     * it counts the rows this query will take of each spelling's visible holders and stops where
     * the scan stops (V33): the spellings it answers are the same, cut at the last one read.
     */
    public static final String SEARCH_CANDIDATES_SQL =
            """
            with near as (
                   select n.key_hash, n.similarity
                     from fugitives_search_spellings(cast(:keys as text[]), :threshold, :spellings, :year,
                                                     :perSpelling, :rows) n),
                 spellings as (
                   select near.key_hash, near.similarity from near
                   union all
                   select w.key_hash, w.similarity
                     from fugitives_search_spellings(cast(:keys as text[]), cast(%s as real), :spellings, :year,
                                                     :perSpelling, :rows) w
                    where (select count(*) from near) < :spellings
                      and w.key_hash not in (select near.key_hash from near))
            select h.wanted_person_id
              from (select c.wanted_person_id, s.similarity, c.born_that_year
                      from spellings s
                     cross join lateral (
                           (select k.wanted_person_id, true as born_that_year
                              from wanted_person_name_keys k
                             where k.key_hash = s.key_hash and k.birth_year = :year
                             limit :perSpelling)
                           union all
                           (select k.wanted_person_id, false
                              from wanted_person_name_keys k
                             where k.key_hash = s.key_hash
                             limit :perSpelling)
                           limit :perSpelling) c
                     limit :rows) h
             group by h.wanted_person_id
             order by max(h.similarity) desc, bool_or(h.born_that_year) desc, h.wanted_person_id
             limit :limit"""
                    .formatted(WIDER_SPELLINGS_FLOOR);

    /**
     * What a name search scores a candidate by: its names (primary first) and its date of birth.
     */
    public record ScoringRow(UUID id, List<PersonName> names, PartialDate dateOfBirth) {}

    /**
     * The names and dates of birth of the records among these ids that the tenant may see: the
     * scorer needs nothing more, so only the page finally returned is read in full ({@link
     * #findAll}).
     */
    public List<ScoringRow> scoringRows(String tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select w.id, w.primary_name, w.primary_script, w.aliases, w.alias_scripts,
                               w.birth_year, w.birth_month, w.birth_day
                          from wanted_persons w where w.id = any(:ids) and """
                                + WantedPersonRows.VISIBLE)
                .param("ids", ids.toArray(UUID[]::new))
                .param("tenant", tenant)
                .query(
                        (rs, n) -> {
                            List<PersonName> names = new ArrayList<>();
                            names.add(
                                    new PersonName(
                                            rs.getString("primary_name"),
                                            rs.getString("primary_script")));
                            String[] aliases = WantedPersonRows.strings(rs.getArray("aliases"));
                            String[] scripts =
                                    WantedPersonRows.strings(rs.getArray("alias_scripts"));
                            for (int i = 0; i < aliases.length; i++) {
                                names.add(new PersonName(aliases[i], scripts[i]));
                            }
                            return new ScoringRow(
                                    rs.getObject("id", UUID.class),
                                    names,
                                    new PartialDate(
                                            rs.getInt("birth_year"),
                                            rs.getInt("birth_month"),
                                            rs.getInt("birth_day")));
                        })
                .list();
    }

    /**
     * Hit/no-hit against every country's published notices, through the SECURITY DEFINER function:
     * name candidates by key similarity at least {@code threshold}, each scored against {@code
     * form} (the query's NameForm, or null for a document-only check) by the matcher's rules and
     * the date of birth; a hit from {@code minScore} (V19). {@code document} is the normalised
     * number, compared as its blind index (V25): the database never sees the number.
     */
    public List<IdentityHit> identityCheck(
            Collection<String> keys,
            String form,
            double threshold,
            double minScore,
            PartialDate dob,
            String document) {
        return jdbc.sql(
                        "select owner_country, reference from fugitives_identity_check(:keys,"
                                + " cast(:form as jsonb), :threshold, :minScore, :y, :m, :d, :doc)")
                .param("keys", keys.toArray(String[]::new))
                .param("form", form, java.sql.Types.VARCHAR)
                .param("threshold", (float) threshold)
                .param("minScore", (float) minScore)
                .param("y", dob.year())
                .param("m", dob.month())
                .param("d", dob.day())
                .param("doc", document.isEmpty() ? "" : cipher.blindIndex(document))
                .query((rs, n) -> new IdentityHit(rs.getString(1), rs.getString(2)))
                .list();
    }

    /**
     * Tells the owners of the notices an identity check hit (owner/reference pairs) that the
     * session's country checked them: the database appends an event for each pair naming a
     * PUBLISHED notice (the application role may not append events addressed to another country
     * about records it does not see).
     */
    public void announceIdentityChecks(
            List<String> owners, List<String> references, String actorUser) {
        if (owners.isEmpty()) {
            return;
        }
        jdbc.sql("select fugitives_announce_identity_checks(:owners, :references, :actor)")
                .param("owners", owners.toArray(String[]::new))
                .param("references", references.toArray(String[]::new))
                .param("actor", actorUser)
                .query((rs, n) -> 0)
                .list();
    }
}
