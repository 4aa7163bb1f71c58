package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese names written in Latin letters on both sides, in two romanisation systems (Tiao / Diao,
 * Chien-lu / Jianlu, Chan / Chen, Wee / Huang): which Pinyin syllables a Latin syllable may spell.
 * The spellings come from the readings the matcher gives Han characters ({@link Readings}): a
 * Pinyin syllable spells itself; a Wade-Giles spelling (apostrophes dropped) every Pinyin syllable
 * it writes, by the Wade-Giles table; a Hong Kong or Hokkien spelling the Pinyin of the characters
 * it is read for (Unihan's kCantonese and ICU's Pinyin of every character in the basic CJK block),
 * where at least one in twenty of them reads so, the six commonest at most. Two Latin parts are
 * then the same name when both split into as many syllables, each pair sharing a Pinyin syllable.
 */
final class ChineseSpellings {

    /** Similarity of two parts that spell the same syllables in two systems. */
    static final double ACROSS_SYSTEMS = 0.9;

    private static final int MOST_READINGS = 6;
    private static final double LEAST_SHARE = 0.05;
    private static final int LONGEST_SYLLABLE = 6;

    private ChineseSpellings() {}

    /**
     * Whether two Latin parts (folded ASCII letters) spell the same Chinese syllables in two
     * romanisation systems.
     */
    static boolean sameSyllables(String x, String y) {
        if (x.isEmpty() || y.isEmpty() || !segmentable(x) || !segmentable(y)) {
            return false;
        }
        return new Alignment(x, y).from(0, 0);
    }

    private static final Map<String, Boolean> SEGMENTABLE = new ConcurrentHashMap<>();

    private static boolean segmentable(String s) {
        Boolean known = SEGMENTABLE.get(s);
        if (known != null) {
            return known;
        }
        boolean[] ok = new boolean[s.length() + 1];
        ok[s.length()] = true;
        for (int i = s.length() - 1; i >= 0; i--) {
            for (int k = 1; k <= LONGEST_SYLLABLE && i + k <= s.length() && !ok[i]; k++) {
                ok[i] = ok[i + k] && Table.PINYIN.containsKey(s.substring(i, i + k));
            }
        }
        if (SEGMENTABLE.size() > 100_000) {
            SEGMENTABLE.clear();
        }
        SEGMENTABLE.put(s, ok[0]);
        return ok[0];
    }

    /** Both parts split into syllables pairwise spelling a shared Pinyin syllable. */
    private static final class Alignment {
        private final String x;
        private final String y;
        private final Map<Integer, Boolean> memo = new HashMap<>();

        Alignment(String x, String y) {
            this.x = x;
            this.y = y;
        }

        boolean from(int i, int j) {
            if (i == x.length() || j == y.length()) {
                return i == x.length() && j == y.length();
            }
            Boolean known = memo.get(i * (y.length() + 1) + j);
            if (known != null) {
                return known;
            }
            boolean found = false;
            for (int k = 1; k <= LONGEST_SYLLABLE && i + k <= x.length() && !found; k++) {
                Set<String> px = Table.PINYIN.get(x.substring(i, i + k));
                if (px == null) {
                    continue;
                }
                for (int l = 1; l <= LONGEST_SYLLABLE && j + l <= y.length() && !found; l++) {
                    Set<String> py = Table.PINYIN.get(y.substring(j, j + l));
                    found = py != null && shareOne(px, py) && from(i + k, j + l);
                }
            }
            memo.put(i * (y.length() + 1) + j, found);
            return found;
        }
    }

    private static boolean shareOne(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        for (String s : small) {
            if (large.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** Latin spelling -> the Pinyin syllables it may write; built once, on first use. */
    private static final class Table {
        static final Map<String, Set<String>> PINYIN = build();

        private static Map<String, Set<String>> build() {
            Map<String, Set<String>> out = new HashMap<>();
            Map<String, Map<String, Integer>> read = new HashMap<>();
            for (Map.Entry<Integer, String> e : Readings.jyutpingTable().entrySet()) {
                int cp = e.getKey();
                if (cp < 0x4E00 || cp > 0x9FFF) {
                    continue;
                }
                List<String> pinyin = Romanizers.hanSyllables(new String(Character.toChars(cp)));
                if (pinyin.isEmpty()) {
                    continue;
                }
                String p = pinyin.getFirst();
                out.computeIfAbsent(p, k -> new HashSet<>()).add(p);
                out.computeIfAbsent(Readings.wadeGiles(p), k -> new HashSet<>()).add(p);
                for (String spelled :
                        List.of(Readings.hongKong(e.getValue()), Readings.minnan(e.getValue()))) {
                    read.computeIfAbsent(spelled, k -> new HashMap<>()).merge(p, 1, Integer::sum);
                }
            }
            read.forEach(
                    (spelled, counts) -> {
                        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
                        List<Map.Entry<String, Integer>> ranked =
                                new ArrayList<>(counts.entrySet());
                        ranked.sort(
                                Map.Entry.<String, Integer>comparingByValue(
                                                Comparator.reverseOrder())
                                        .thenComparing(Map.Entry.comparingByKey()));
                        Set<String> kept = out.computeIfAbsent(spelled, k -> new HashSet<>());
                        for (Map.Entry<String, Integer> r :
                                ranked.subList(0, Math.min(MOST_READINGS, ranked.size()))) {
                            if (r.getValue() >= LEAST_SHARE * all) {
                                kept.add(r.getKey());
                            }
                        }
                    });
            out.values().removeIf(Set::isEmpty);
            return Map.copyOf(out);
        }
    }
}
