package org.chainbreaker.fugitives.domain.names;

import com.ibm.icu.lang.UScript;
import java.util.HashMap;
import java.util.Map;

/** Detects the dominant script of a name (ISO 15924 short code). */
public final class Scripts {

    private Scripts() {
    }

    public static String detect(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        text.codePoints().filter(Character::isLetter).forEach(cp -> {
            int script = UScript.getScript(cp);
            if (script != UScript.COMMON && script != UScript.INHERITED) {
                counts.merge(script, 1, Integer::sum);
            }
        });
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> UScript.getShortName(e.getKey()))
                .orElse("Zyyy");
    }
}
