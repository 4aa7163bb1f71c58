package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.v1.CancelWantedPersonRequest;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsRequest;
import org.chainbreaker.fugitives.v1.SearchWantedPersonsResponse;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Name search and hit/no-hit are no existence oracle: what one country's searches and identity
 * checks answer is the same with and without another country's records it cannot see (search) or
 * that could not be a hit (identity check). Differential over generated names built to crowd both
 * caps: the caller holds 60 names two letters away from the target (240 spellings; the search
 * follows 50 spellings, the check 200); the other country then adds 210 names (840 spellings) one
 * letter away (more similar than all of the caller's) in records of one hidden kind, and the caller
 * asks the same questions again. Before the fix the spelling step ranked every country's spellings,
 * drafts and spellings no record held any more included, so the hidden ones took the slots and the
 * caller's own hits vanished.
 */
class NameSearchIsNotAnOracleOverGrpcTest extends RunningFugitiveService {

    /**
     * The caller, the country with hidden records, and a third country whose published notices are
     * fair hits.
     */
    private final FugitiveServiceBlockingStub la = coordinator("LA");

    private final FugitiveServiceBlockingStub mm = coordinator("MM");
    private final FugitiveServiceBlockingStub bn = coordinator("BN");

    /** How the other country's records are hidden from the caller. */
    enum Hidden {
        /** Never submitted. */
        DRAFTS,
        /**
         * Published, but to no operation the caller takes part in (still fair hits of a check if
         * dates agree: the checks below give a date of birth these records contradict).
         */
        PUBLISHED_UNSHARED_WITH_OTHER_BIRTH_DATE,
        /** Published, then cancelled. */
        CANCELLED,
        /** Held the spellings once, then renamed (the spellings no record holds any more). */
        RENAMED
    }

    private static final int YEAR = 1985;
    private static final int OTHER_YEAR = 1950;

    @ParameterizedTest
    @EnumSource(Hidden.class)
    void
            one_countrys_searches_and_checks_answer_the_same_with_and_without_another_countrys_hidden_records(
                    Hidden hidden) {
        long seed = new Random().nextLong();
        Names names = new Names(new Random(seed));
        List<String> target = names.target();
        String targetName = String.join(" ", target);

        // The caller's own world: 60 records two letters away from the target (half published), one
        // holding the
        // target itself; a third country's published notices (hits of a check, invisible to the
        // caller's search).
        List<String> own = names.variants(target, 2, 60);
        for (int i = 0; i < own.size(); i++) {
            WantedPerson.Builder p = person(own.get(i), YEAR, 3, 14);
            if (i == 0) {
                p.addAliases(name(targetName));
            }
            if (i % 2 == 0) {
                published(la, p);
            } else {
                record(la, p);
            }
        }
        for (String n : names.variants(target, 2, 6)) {
            published(bn, person(n, YEAR, 0, 0));
        }
        published(bn, person(targetName, YEAR, 3, 14));
        List<String> crowders = names.variants(target, 1, 210);

        Questions questions =
                new Questions(
                        List.of(
                                search(targetName, null, 0.05),
                                search(targetName, year(YEAR), 0),
                                search(crowders.getFirst(), null, 0.05),
                                search(
                                        own.get(1),
                                        Date.newBuilder()
                                                .setYear(YEAR)
                                                .setMonth(3)
                                                .setDay(14)
                                                .build(),
                                        0.05)),
                        List.of(
                                check(targetName, year(YEAR)),
                                        check(
                                                targetName,
                                                Date.newBuilder()
                                                        .setYear(YEAR)
                                                        .setMonth(3)
                                                        .build()),
                                check(crowders.getFirst(), year(YEAR)),
                                        check(own.get(2), year(YEAR))));

        Map<String, List<List<String>>> before = questions.answers(la);
        // The questions are not trivial: the caller's own spellings fill the search's pages, and
        // the check hits
        // the caller's and the third country's published notices.
        assertThat(
                        before.get(questions.searches().getFirst().toString()).stream()
                                .mapToInt(List::size)
                                .sum())
                .as("seed %d", seed)
                .isGreaterThanOrEqualTo(10);
        // (Names two letters from the target hit only where the matcher's part rules agree: at
        // least the third country's own target and a few variants.)
        assertThat(before.get(questions.checks().getFirst().toString()))
                .as("seed %d", seed)
                .hasSizeGreaterThanOrEqualTo(5);

        // The other country's records of one hidden kind: 210 spellings one letter away, the
        // target, and some of
        // the caller's own spellings, in records of 21 names each.
        List<List<String>> hiddenNames = new ArrayList<>();
        List<String> all = new ArrayList<>(crowders);
        all.add(targetName);
        all.addAll(own.subList(0, 10));
        for (int i = 0; i < all.size(); i += 21) {
            hiddenNames.add(all.subList(i, Math.min(all.size(), i + 21)));
        }
        for (List<String> group : hiddenNames) {
            WantedPerson.Builder p = person(group.getFirst(), OTHER_YEAR, 1, 1);
            group.subList(1, group.size()).forEach(n -> p.addAliases(name(n)));
            switch (hidden) {
                case DRAFTS -> record(mm, p);
                case PUBLISHED_UNSHARED_WITH_OTHER_BIRTH_DATE -> published(mm, p);
                case CANCELLED ->
                        mm.cancelWantedPerson(
                                CancelWantedPersonRequest.newBuilder()
                                        .setId(published(mm, p).getId())
                                        .setReason("warrant withdrawn")
                                        .build());
                case RENAMED -> {
                    WantedPerson draft = record(mm, p);
                    mm.updateWantedPerson(
                            UpdateWantedPersonRequest.newBuilder()
                                    .setWantedPerson(
                                            draft.toBuilder()
                                                    .setPrimaryName(
                                                            name(String.join(" ", names.target())))
                                                    .clearAliases())
                                    .build());
                }
            }
        }

        Map<String, List<List<String>>> after = questions.answers(la);
        assertThat(after)
                .as(
                        () ->
                                "answers of LA after MM's %s records (seed %d); answers per question, before -> after: %s"
                                        .formatted(hidden, seed, sizes(before, after)))
                .isEqualTo(before);
    }

    /**
     * How many matches (every page) or hits each question had before and after, in the order asked.
     */
    private static List<String> sizes(
            Map<String, List<List<String>>> before, Map<String, List<List<String>>> after) {
        return before.keySet().stream()
                .map(
                        q ->
                                before.get(q).stream().mapToInt(List::size).sum()
                                        + " -> "
                                        + after.get(q).stream().mapToInt(List::size).sum())
                .toList();
    }

    private static PersonName name(String value) {
        return PersonName.newBuilder().setValue(value).build();
    }

    private static Date year(int y) {
        return Date.newBuilder().setYear(y).build();
    }

    private static SearchWantedPersonsRequest search(String name, Date dob, double minScore) {
        SearchWantedPersonsRequest.Builder b =
                SearchWantedPersonsRequest.newBuilder()
                        .setName(name)
                        .setPageSize(20)
                        .setMinScore(minScore);
        if (dob != null) {
            b.setDateOfBirth(dob);
        }
        return b.build();
    }

    private static CheckIdentityRequest check(String name, Date dob) {
        return CheckIdentityRequest.newBuilder()
                .setName(name)
                .setDateOfBirth(dob)
                .setPurpose("border check")
                .build();
    }

    /**
     * The same searches (every page) and checks, asked again and again; answers keyed by the
     * question.
     */
    private record Questions(
            List<SearchWantedPersonsRequest> searches, List<CheckIdentityRequest> checks) {

        Map<String, List<List<String>>> answers(FugitiveServiceBlockingStub as) {
            Map<String, List<List<String>>> answers = new LinkedHashMap<>();
            for (SearchWantedPersonsRequest s : searches) {
                List<List<String>> pages = new ArrayList<>();
                SearchWantedPersonsResponse page = as.searchWantedPersons(s);
                while (true) {
                    pages.add(
                            page.getMatchesList().stream()
                                    .map(
                                            m ->
                                                    m.getWantedPerson().getId()
                                                            + " "
                                                            + m.getScore()
                                                            + " "
                                                            + m.getMatchedName()
                                                            + " "
                                                            + m.getReasonsList())
                                    .toList());
                    if (page.getNextPageToken().isEmpty()) {
                        break;
                    }
                    page =
                            as.searchWantedPersons(
                                    s.toBuilder().setPageToken(page.getNextPageToken()).build());
                }
                answers.put(s.toString(), pages);
            }
            for (CheckIdentityRequest c : checks) {
                answers.put(
                        c.toString(),
                        as.checkIdentity(c).getHitsList().stream()
                                .map(IdentityHit::toString)
                                .map(List::of)
                                .toList());
            }
            return answers;
        }
    }

    /**
     * Generated names: three parts of twelve letters, consonant and vowel in turn from letters the
     * name normaliser keeps as they are (no digraphs, no doubled letters, no variant spellings), so
     * that a variant with k letters changed is less similar to the target than one with k - 1 in
     * each of its search keys (the parts as written and joined: four per name).
     */
    private static final class Names {
        private static final String CONSONANTS = "bdfgklmnprstz";
        private static final String VOWELS = "aeiou";
        private final Random random;
        private final Set<String> keys = new LinkedHashSet<>();

        Names(Random random) {
            this.random = random;
        }

        List<String> target() {
            List<String> parts = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                StringBuilder part = new StringBuilder();
                for (int i = 0; i < 12; i++) {
                    String letters = i % 2 == 0 ? CONSONANTS : VOWELS;
                    part.append(letters.charAt(random.nextInt(letters.length())));
                }
                parts.add(Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            String name = String.join(" ", parts);
            keys.addAll(NameNormalizer.keys(NameNormalizer.normalize(name)));
            return parts;
        }

        /**
         * {@code count} names, each with {@code changes} letters of the target changed, all with
         * distinct keys.
         */
        List<String> variants(List<String> target, int changes, int count) {
            List<String> names = new ArrayList<>();
            while (names.size() < count) {
                List<StringBuilder> parts =
                        target.stream().map(p -> new StringBuilder(p.toLowerCase())).toList();
                Set<Integer> positions = new LinkedHashSet<>();
                while (positions.size() < changes) {
                    positions.add(random.nextInt(36));
                }
                for (int position : positions) {
                    StringBuilder part = parts.get(position / 12);
                    int i = position % 12;
                    String letters = i % 2 == 0 ? CONSONANTS : VOWELS;
                    char c;
                    do {
                        c = letters.charAt(random.nextInt(letters.length()));
                    } while (c == part.charAt(i));
                    part.setCharAt(i, c);
                }
                String name =
                        String.join(
                                " ",
                                parts.stream()
                                        .map(
                                                p ->
                                                        Character.toUpperCase(p.charAt(0))
                                                                + p.substring(1))
                                        .toList());
                // A name whose search keys (the parts as written, and joined) are all new to this
                // run.
                Set<String> own = NameNormalizer.keys(NameNormalizer.normalize(name));
                if (own.stream().noneMatch(keys::contains)) {
                    keys.addAll(own);
                    names.add(name);
                }
            }
            return names;
        }
    }
}
