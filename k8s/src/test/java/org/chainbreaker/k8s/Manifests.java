package org.chainbreaker.k8s;

import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.util.List;
import java.util.Map;

/** Lookups in a rendered overlay's objects. */
final class Manifests {

    private Manifests() {}

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(meta(o).get("name")))
                .findFirst()
                .orElseThrow();
    }

    /** The data of a generated ConfigMap, found by its name without the hash suffix. */
    static Map<String, Object> configMap(List<Map<String, Object>> objects, String name) {
        return map(
                ofKind(objects, "ConfigMap").stream()
                        .filter(
                                c ->
                                        String.valueOf(meta(c).get("name"))
                                                .matches(
                                                        java.util.regex.Pattern.quote(name)
                                                                + "-[a-z0-9]{10}"))
                        .findFirst()
                        .orElseThrow()
                        .get("data"));
    }

    static List<Object> names(List<Map<String, Object>> objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> meta(o).get("name")).toList();
    }
}
