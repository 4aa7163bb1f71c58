package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.lang.UScript;
import java.util.HashMap;
import java.util.Map;

/** Detects the dominant script of a name (ISO 15924 short code). */
public final class Scripts {

    private Scripts() {}

    /**
     * Why a name cannot be read as one, if it cannot: no letter at all (only punctuation, digits or
     * symbols), or letters of more than one script (Latin mixed with Hangul or with look-alike
     * Cyrillic letters), except Han written with Hangul or with Japanese kana, as names are.
     */
    public static java.util.Optional<String> problem(String name) {
        java.util.Set<String> scripts = new java.util.TreeSet<>();
        name.codePoints()
                .filter(Character::isLetter)
                .forEach(
                        cp -> {
                            int script = UScript.getScript(cp);
                            if (script != UScript.COMMON && script != UScript.INHERITED) {
                                scripts.add(UScript.getShortName(script));
                            }
                        });
        if (name.codePoints().noneMatch(Character::isLetter)) {
            return java.util.Optional.of("must contain the letters of a name");
        }
        scripts.remove("Hira");
        scripts.remove("Kana");
        if (scripts.size() == 2 && scripts.contains("Hani") && scripts.contains("Hang")) {
            return java.util.Optional.empty();
        }
        if (scripts.size() > 1
                || (scripts.size() == 1
                        && !scripts.contains("Hani")
                        && name.codePoints()
                                .filter(Character::isLetter)
                                .anyMatch(
                                        cp ->
                                                UScript.getScript(cp) == UScript.KATAKANA
                                                        || UScript.getScript(cp)
                                                                == UScript.HIRAGANA))) {
            return java.util.Optional.of(
                    "must be written in one script (found " + String.join(", ", scripts) + ")");
        }
        return java.util.Optional.empty();
    }

    public static String detect(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        text.codePoints()
                .filter(Character::isLetter)
                .forEach(
                        cp -> {
                            int script = UScript.getScript(cp);
                            if (script != UScript.COMMON && script != UScript.INHERITED) {
                                counts.merge(script, 1, Integer::sum);
                            }
                        });
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> UScript.getShortName(e.getKey()))
                .orElse("Zyyy");
    }
}
