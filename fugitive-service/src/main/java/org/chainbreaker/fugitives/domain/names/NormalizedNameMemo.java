package org.chainbreaker.fugitives.domain.names;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Names already read, by script and spelling. A search scores up to a hundred stored names, mostly
 * namesakes and the same few thousand spellings, and reading a name (ICU transliteration,
 * romanisation) was most of the service's CPU per search. The result depends on the spelling and
 * script only, so it may be shared by all callers. Bounded crudely: when full it starts over rather
 * than tracking use.
 */
public final class NormalizedNameMemo {

    private final int capacity;
    private final ConcurrentHashMap<String, NormalizedName> names = new ConcurrentHashMap<>();

    public NormalizedNameMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public NormalizedName normalize(String name, String script) {
        String key = script + '\n' + name;
        NormalizedName known = names.get(key);
        if (known != null) {
            return known;
        }
        NormalizedName read = NameNormalizer.normalize(name, script);
        if (names.size() >= capacity) {
            names.clear();
        }
        names.put(key, read);
        return read;
    }

    int size() {
        return names.size();
    }
}
