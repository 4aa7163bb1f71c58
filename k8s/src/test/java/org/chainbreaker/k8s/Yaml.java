package org.chainbreaker.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading rendered manifests (multi-document YAML) into plain maps and lists, and walking them. */
final class Yaml {

    static final ObjectMapper YAML = new YAMLMapper();

    private Yaml() {}

    static List<Map<String, Object>> readDocuments(Path file) {
        try {
            return parseDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> parseDocuments(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it =
                YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(yaml)) {
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** apiVersion/kind namespace/name: unique within one rendering. */
    static String id(Map<String, Object> obj) {
        return obj.get("apiVersion")
                + "/"
                + obj.get("kind")
                + " "
                + meta(obj).get("namespace")
                + "/"
                + meta(obj).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The metadata of an object, created (empty) if it has none, so callers may write into it. */
    static Map<String, Object> meta(Map<String, Object> obj) {
        Object c = obj.get("metadata");
        if (c instanceof Map<?, ?>) {
            return map(c);
        }
        Map<String, Object> created = new LinkedHashMap<>();
        obj.put("metadata", created);
        return created;
    }

    /** A deep copy of maps and lists (leaves are immutable), to break on purpose. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), copy(v)));
            return c;
        }
        if (value instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return value;
    }
}
