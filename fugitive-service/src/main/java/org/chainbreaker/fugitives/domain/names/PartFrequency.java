package org.chainbreaker.fugitives.domain.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How much a name part proves: a family name that one person in ten bears (Kim, Wang) proves less
 * than a rare one. Shares come from {@code names/family-name-shares.tsv}: Korean and Chinese family
 * names with the share of the population bearing them, as published in Faker 33.3.1 (Debian's
 * python3-fake-factory; MIT licence, notice in the file), which took them from census rankings; the
 * file is written by src/test/names-eval/make_part_frequencies.py, nothing in it chosen by hand.
 *
 * <p>A part's weight is its information relative to a part one person in a hundred bears:
 * log(1/share) / log(100), between 0.5 and 1 (a part rarer than 1 in 100, or not in the table,
 * weighs 1). A part written in Hangul or Han is looked up by its characters (Han folded to
 * simplified); a romanised part by its folded spelling: every reading of a listed name and every
 * spelling of its variant groups (Lee, Rhee for 이; Wong for 王), the largest share where two names
 * share a spelling (Lee is 李 and 이).
 */
final class PartFrequency {

    private static final double LIGHTEST = 0.5;
    private static final double FULL_WEIGHT_SHARE = 0.01;

    private static final Map<String, Double> BY_WRITTEN = new HashMap<>();
    private static final Map<String, Double> BY_SPELLING = new HashMap<>();

    static {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        PartFrequency.class.getResourceAsStream(
                                                "/names/family-name-shares.tsv")),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                double share = Double.parseDouble(f[2]);
                if (share < FULL_WEIGHT_SHARE) {
                    continue;
                }
                NormalizedName name = NameNormalizer.normalize(f[1], f[0]);
                for (String part : name.parts()) {
                    String written = name.writtenOf(part);
                    if (written != null) {
                        BY_WRITTEN.merge(written, share, Math::max);
                    }
                    for (String reading : name.readingsOf(part)) {
                        String folded = Fold.phonetic(reading);
                        BY_SPELLING.merge(folded, share, Math::max);
                        // The spellings of its variant groups (Lee, Rhee for 이; Wong for 王).
                        for (NameVariants.Group group : NameVariants.of(folded)) {
                            for (String spelling : group.spellings()) {
                                BY_SPELLING.merge(Fold.phonetic(spelling), share, Math::max);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PartFrequency() {}

    /** The weight of a part of a name: 1 for a part rarer than 1 in 100, down to 0.5. */
    static double weight(NormalizedName name, String part) {
        String written = name.writtenOf(part);
        Double share =
                written != null
                        ? BY_WRITTEN.get(written)
                        : BY_SPELLING.get(Fold.phonetic(name.readingsOf(part).getFirst()));
        if (share == null) {
            return 1;
        }
        return Math.max(LIGHTEST, Math.min(1, Math.log(1 / share) / Math.log(100)));
    }
}
