package org.chainbreaker.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks rendered objects strictly against the Kubernetes model: each is read with fabric8's typed
 * model, and any field the model does not know (which fabric8 keeps in {@code
 * additionalProperties}) is an error. Kinds without a typed model on the classpath (CloudNativePG's
 * Cluster, the Prometheus Operator's ServiceMonitor) are checked against a schema of known fields
 * kept in src/test/resources/crd-schemas; a kind with neither is an error too.
 */
final class ModelValidator {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> SCHEMAS = loadSchemas();

    private ModelValidator() {}

    /** The problems of one object; empty when it conforms. */
    static List<String> validate(Map<String, Object> obj) {
        List<String> errors = new ArrayList<>();
        String where = Yaml.id(obj);
        Object typed;
        try {
            typed = SERIALIZATION.unmarshal(JSON.writeValueAsString(obj));
        } catch (RuntimeException | IOException e) {
            errors.add(where + ": does not read as its Kubernetes type: " + rootMessage(e));
            return errors;
        }
        if (typed instanceof GenericKubernetesResource) {
            Object schema = SCHEMAS.get(obj.get("apiVersion") + " " + obj.get("kind"));
            if (schema == null) {
                errors.add(where + ": no Kubernetes model and no known-field schema for this kind");
            } else {
                checkSchema(obj, schema, where, errors);
            }
        } else {
            walk(typed, where, errors, 0);
        }
        return errors;
    }

    static List<String> validateAll(Collection<Map<String, Object>> objects) {
        return objects.stream().flatMap(o -> validate(o).stream()).toList();
    }

    /** Fails on any non-empty additionalProperties anywhere in the typed object graph. */
    private static void walk(Object node, String path, List<String> errors, int depth) {
        if (node == null || depth > 64) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", errors, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "[" + k + "]", errors, depth + 1));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.") || node.getClass().isEnum()) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0
                    || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get")
                    || method.getName().equals("getClass")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field =
                    Character.toLowerCase(method.getName().charAt(3))
                            + method.getName().substring(4);
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    errors.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                walk(value, path + "." + field, errors, depth + 1);
            }
        }
    }

    // ---------------------------------------------------------------- known-field schemas for CRDs

    private static void checkSchema(Object value, Object schema, String path, List<String> errors) {
        if (schema instanceof String type) {
            checkLeaf(value, type, path, errors);
        } else if (schema instanceof List<?> itemSchema) {
            if (!(value instanceof List<?> items)) {
                errors.add(path + ": expected a list");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                checkSchema(items.get(i), itemSchema.getFirst(), path + "[" + i + "]", errors);
            }
        } else if (schema instanceof Map<?, ?> fields) {
            if (!(value instanceof Map<?, ?> object)) {
                errors.add(path + ": expected an object");
                return;
            }
            for (Map.Entry<?, ?> e : object.entrySet()) {
                Object fieldSchema = fields.get(e.getKey());
                if (fieldSchema == null) {
                    errors.add(path + ": unknown field(s) [" + e.getKey() + "]");
                } else {
                    checkSchema(e.getValue(), fieldSchema, path + "." + e.getKey(), errors);
                }
            }
        }
    }

    private static void checkLeaf(Object value, String type, String path, List<String> errors) {
        boolean ok =
                switch (type) {
                    case "string" -> value instanceof String;
                    case "integer" -> value instanceof Integer || value instanceof Long;
                    case "boolean" -> value instanceof Boolean;
                    case "quantity" -> value instanceof String || value instanceof Number;
                    case "map" ->
                            value instanceof Map<?, ?> m
                                    && m.values().stream().allMatch(v -> v instanceof String);
                    default -> {
                        if (!type.startsWith("k8s:")) {
                            throw new IllegalStateException(
                                    "unknown schema type " + type + " at " + path);
                        }
                        try {
                            Class<?> model = Class.forName(type.substring(4));
                            Object typed = SERIALIZATION.convertValue(value, model);
                            walk(typed, path, errors, 0);
                            yield true;
                        } catch (ClassNotFoundException | RuntimeException e) {
                            errors.add(
                                    path
                                            + ": does not read as "
                                            + type.substring(4)
                                            + ": "
                                            + rootMessage(e));
                            yield true;
                        }
                    }
                };
        if (!ok) {
            errors.add(path + ": expected " + type + " but found " + value);
        }
    }

    private static Map<String, Object> loadSchemas() {
        Map<String, Object> schemas = new HashMap<>();
        Path dir;
        try {
            dir = Path.of(ModelValidator.class.getResource("/crd-schemas").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> doc = Yaml.readDocuments(file).getFirst();
                schemas.put(doc.get("apiVersion") + " " + doc.get("kind"), doc.get("schema"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
