package org.chainbreaker.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6902 operations add, remove, replace and test on a YAML/JSON tree of maps and lists. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(Map<String, Object> doc, Map<String, Object> op) {
        String kind = (String) op.get("op");
        String path = (String) op.get("path");
        List<String> tokens = parse(path);
        if (tokens.isEmpty()) {
            throw new UnsupportedOperationException("patching the whole document");
        }
        Object parent = doc;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = step(parent, token, path);
        }
        String last = tokens.getLast();
        Object value = copy(op.get("value"));
        switch (kind) {
            case "add" -> {
                if (parent instanceof Map<?, ?> m) {
                    Kustomize.map(m).put(last, value);
                } else {
                    List<Object> l = Kustomize.list(parent);
                    l.add(last.equals("-") ? l.size() : index(last, l.size() + 1, path), value);
                }
            }
            case "replace", "remove", "test" -> {
                if (parent instanceof Map<?, ?> m) {
                    if (!m.containsKey(last)) {
                        throw new IllegalArgumentException(kind + " " + path + ": no such field");
                    }
                    Map<String, Object> target = Kustomize.map(m);
                    switch (kind) {
                        case "replace" -> target.put(last, value);
                        case "remove" -> target.remove(last);
                        default -> check(target.get(last), value, path);
                    }
                } else {
                    List<Object> l = Kustomize.list(parent);
                    int i = index(last, l.size(), path);
                    switch (kind) {
                        case "replace" -> l.set(i, value);
                        case "remove" -> l.remove(i);
                        default -> check(l.get(i), value, path);
                    }
                }
            }
            default -> throw new UnsupportedOperationException("JSON6902 op " + kind);
        }
    }

    private static void check(Object actual, Object expected, String path) {
        if (!java.util.Objects.equals(actual, expected)) {
            throw new IllegalArgumentException("test " + path + " failed: " + actual + " != " + expected);
        }
    }

    private static Object step(Object node, String token, String path) {
        Object next;
        if (node instanceof Map<?, ?> m) {
            next = m.get(token);
        } else if (node instanceof List<?> l) {
            next = l.get(index(token, l.size(), path));
        } else {
            next = null;
        }
        if (next == null) {
            throw new IllegalArgumentException(path + ": no such path (at '" + token + "')");
        }
        return next;
    }

    private static int index(String token, int bound, String path) {
        int i = Integer.parseInt(token);
        if (i < 0 || i >= bound) {
            throw new IllegalArgumentException(path + ": index " + i + " out of range");
        }
        return i;
    }

    private static List<String> parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with '/': " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String t : path.substring(1).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** Deep copy, so that one patch value applied to several resources is not shared between them. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> c = new java.util.LinkedHashMap<>();
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
