package org.chainbreaker.fugitives.domain.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link NameMatcher#match} reads of a name, as a JSON document the database can score with
 * the same rules (fugitives_name_score, migration V19): the checking country may not see other
 * countries' names, so the identity check is decided inside the database, and it must decide as the
 * matcher does.
 *
 * <p>Shape: {@code {"pa": patronymicAt, "t": [[part index, ...], ...], "p": [{"o": 1 if optional,
 * "f": weight when under 1 ({@link PartFrequency}), "w": written form, "m": tone-marked form, "r":
 * [[reading, phonetic fold, consonant skeleton, "|variant group|..."], ...]}, ...]}}. Parts are the
 * distinct strings of all tokenizations, so a part compared with another part gives one similarity
 * whichever tokenization it comes from, as in Java.
 */
public final class NameForm {

    private NameForm() {}

    public static String of(NormalizedName name) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<List<Integer>> tokenizations = new ArrayList<>();
        for (List<String> tokens : name.tokenizations()) {
            List<Integer> ids = new ArrayList<>();
            for (String part : tokens) {
                ids.add(index.computeIfAbsent(part, p -> index.size()));
            }
            tokenizations.add(ids);
        }
        StringBuilder json = new StringBuilder(256);
        json.append("{\"pa\":").append(name.patronymicAt()).append(",\"t\":[");
        for (int i = 0; i < tokenizations.size(); i++) {
            json.append(i == 0 ? "[" : ",[");
            List<Integer> ids = tokenizations.get(i);
            for (int j = 0; j < ids.size(); j++) {
                json.append(j == 0 ? "" : ",").append(ids.get(j));
            }
            json.append(']');
        }
        json.append("],\"p\":[");
        boolean first = true;
        for (String part : index.keySet()) {
            json.append(first ? "{" : ",{");
            first = false;
            json.append("\"o\":").append(name.optional().contains(part) ? 1 : 0);
            double weight = PartFrequency.weight(name, part);
            if (weight < 1) {
                // Written as Java prints the double, so the database weighs with the same number.
                json.append(",\"f\":").append(weight);
            }
            String written = name.writtenOf(part);
            if (written != null) {
                json.append(",\"w\":");
                string(json, written);
            }
            String marked = name.markedForms().get(part);
            if (marked != null) {
                json.append(",\"m\":");
                string(json, marked);
            }
            json.append(",\"r\":[");
            List<String> readings = name.readingsOf(part);
            for (int r = 0; r < readings.size(); r++) {
                String reading = readings.get(r);
                String folded = Fold.phonetic(reading);
                StringBuilder groups = new StringBuilder();
                for (NameVariants.Group g : NameVariants.of(folded)) {
                    groups.append('|').append(g.id());
                }
                json.append(r == 0 ? "[" : ",[");
                string(json, reading);
                json.append(',');
                string(json, folded);
                json.append(',');
                string(json, NameMatcher.skeleton(folded));
                json.append(',');
                string(json, groups.isEmpty() ? "" : groups.append('|').toString());
                json.append(']');
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
