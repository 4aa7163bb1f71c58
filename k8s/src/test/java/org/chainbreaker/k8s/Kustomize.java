package org.chainbreaker.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A renderer for the subset of Kustomize (v5) that Chainbreaker's manifests use, so that the manifests can be
 * checked on a machine without kubectl. Where kubectl is present, the tests prove that this renderer's output
 * equals {@code kubectl kustomize}'s.
 *
 * <p>Supported: {@code resources} (files, multi-document YAML, and directories holding a kustomization),
 * {@code components}, {@code namespace}, {@code labels} (without {@code includeSelectors}), {@code images},
 * {@code patches} in JSON6902 form (inline or from a file, with {@code target} by group, version, kind, name
 * regex, namespace and equality label selector), {@code configMapGenerator} and {@code secretGenerator}
 * ({@code literals}, {@code files}, {@code envs}; behaviors {@code create}, {@code merge}, {@code replace};
 * option {@code disableNameSuffixHash}), {@code generatorOptions.disableNameSuffixHash}, name-suffix hashes
 * and the rewriting of references to generated ConfigMaps and Secrets in pod templates.
 *
 * <p>Anything else in a kustomization (commonLabels, strategic-merge patches, replacements, ...) is refused
 * with {@link UnsupportedOperationException}, which keeps the manifests inside what is proven here.
 */
final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper();

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "components",
            "namespace", "labels", "images", "patches", "configMapGenerator", "secretGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "GatewayClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "APIService", "CSIDriver", "Node", "ClusterIssuer");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "ReplicaSet", "DaemonSet",
            "StatefulSet", "Job");

    /** A resource being built, with what Kustomize tracks beside it. */
    private static final class Res {
        final Map<String, Object> obj;
        boolean needsHash;

        Res(Map<String, Object> obj, boolean needsHash) {
            this.obj = obj;
            this.needsHash = needsHash;
        }

        String kind() {
            return (String) obj.get("kind");
        }

        String name() {
            return (String) meta(obj).get("name");
        }
    }

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} like {@code kubectl kustomize dir}. */
    static List<Map<String, Object>> build(Path dir) {
        List<Res> resources = accumulate(dir, new ArrayList<>(), false);
        // As Kustomize: hashes are added last, on the final content, then references follow the new names.
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Res r : resources) {
            if (r.needsHash) {
                String newName = r.name() + "-" + hash(r.obj);
                renamed.put(refKey(r.kind(), namespace(r.obj), r.name()), newName);
                meta(r.obj).put("name", newName);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Res r : resources) {
            fixReferences(r.obj, renamed);
            out.add(r.obj);
        }
        return out;
    }

    private static List<Res> accumulate(Path dir, List<Res> acc, boolean component) {
        Map<String, Object> k = loadKustomization(dir);
        String kind = (String) k.getOrDefault("kind", "Kustomization");
        if (component != kind.equals("Component")) {
            throw new IllegalArgumentException(dir + ": expected a " + (component ? "Component" : "Kustomization")
                    + " but found " + kind);
        }
        for (String field : k.keySet()) {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(dir + ": the Java renderer does not support '" + field + "'");
            }
        }
        for (String entry : strings(k.get("resources"))) {
            Path p = dir.resolve(entry).normalize();
            if (Files.isDirectory(p)) {
                for (Res r : accumulate(p, new ArrayList<>(), false)) {
                    add(acc, r, p);
                }
            } else {
                for (Map<String, Object> doc : readDocuments(p)) {
                    add(acc, new Res(doc, false), p);
                }
            }
        }
        for (String entry : strings(k.get("components"))) {
            accumulate(dir.resolve(entry).normalize(), acc, true);
        }
        generate(k, dir, acc);
        patch(k, dir, acc);
        setNamespace(k, acc);
        label(k, dir, acc);
        setImages(k, acc);
        return acc;
    }

    private static void add(List<Res> acc, Res r, Path from) {
        for (Res existing : acc) {
            if (id(existing.obj).equals(id(r.obj))) {
                throw new IllegalArgumentException(from + ": duplicate resource " + id(r.obj));
            }
        }
        acc.add(r);
    }

    // ---------------------------------------------------------------- generators

    private static void generate(Map<String, Object> k, Path dir, List<Res> acc) {
        Map<String, Object> globalOptions = map(k.get("generatorOptions"));
        for (String field : globalOptions.keySet()) {
            if (!field.equals("disableNameSuffixHash")) {
                throw new UnsupportedOperationException(dir + ": generatorOptions." + field + " is not supported");
            }
        }
        for (String kind : List.of("ConfigMap", "Secret")) {
            String field = kind.equals("ConfigMap") ? "configMapGenerator" : "secretGenerator";
            for (Object o : list(k.get(field))) {
                Map<String, Object> g = map(o);
                for (String f : g.keySet()) {
                    if (!Set.of("name", "behavior", "literals", "files", "envs", "type", "options").contains(f)) {
                        throw new UnsupportedOperationException(dir + ": " + field + "." + f + " is not supported");
                    }
                }
                String name = (String) g.get("name");
                Map<String, String> data = generatorData(g, dir);
                Map<String, Object> options = new LinkedHashMap<>(globalOptions);
                options.putAll(map(g.get("options")));
                for (String f : options.keySet()) {
                    if (!f.equals("disableNameSuffixHash")) {
                        throw new UnsupportedOperationException(dir + ": generator option " + f + " is not supported");
                    }
                }
                boolean hash = !Boolean.TRUE.equals(options.get("disableNameSuffixHash"));
                String behavior = (String) g.getOrDefault("behavior", "create");
                Res existing = acc.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name()))
                        .findFirst().orElse(null);
                switch (behavior) {
                    case "create" -> {
                        if (existing != null) {
                            throw new IllegalArgumentException(dir + ": " + kind + " " + name + " already exists");
                        }
                        Map<String, Object> obj = new LinkedHashMap<>();
                        obj.put("apiVersion", "v1");
                        obj.put("kind", kind);
                        Map<String, Object> metadata = new LinkedHashMap<>();
                        metadata.put("name", name);
                        obj.put("metadata", metadata);
                        if (kind.equals("Secret")) {
                            obj.put("type", g.getOrDefault("type", "Opaque"));
                        }
                        obj.put("data", encode(kind, data));
                        acc.add(new Res(obj, hash));
                    }
                    case "merge", "replace" -> {
                        if (existing == null) {
                            throw new IllegalArgumentException(dir + ": no " + kind + " " + name + " to " + behavior);
                        }
                        Map<String, Object> target = behavior.equals("merge")
                                ? new LinkedHashMap<>(map(existing.obj.get("data"))) : new LinkedHashMap<>();
                        target.putAll(encode(kind, data));
                        existing.obj.put("data", target);
                        if (options.containsKey("disableNameSuffixHash")) {
                            existing.needsHash = hash;
                        }
                    }
                    default -> throw new UnsupportedOperationException(dir + ": behavior " + behavior);
                }
            }
        }
    }

    private static Map<String, String> generatorData(Map<String, Object> g, Path dir) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String literal : strings(g.get("literals"))) {
            int eq = literal.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(dir + ": literal without key: " + literal);
            }
            data.put(literal.substring(0, eq), unquote(literal.substring(eq + 1)));
        }
        for (String file : strings(g.get("files"))) {
            int eq = file.indexOf('=');
            String key = eq > 0 ? file.substring(0, eq) : Path.of(file).getFileName().toString();
            Path path = dir.resolve(eq > 0 ? file.substring(eq + 1) : file).normalize();
            data.put(key, read(path));
        }
        for (String env : strings(g.get("envs"))) {
            for (String line : read(dir.resolve(env)).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                data.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return data;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Map<String, Object> encode(String kind, Map<String, String> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((key, value) -> out.put(key, kind.equals("Secret")
                ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) : value));
        return out;
    }

    /** Kustomize's name-suffix hash (api/hasher): note that it hashes an empty name. */
    static String hash(Map<String, Object> obj) {
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", obj.get("kind"));
        m.put("name", "");
        m.put("data", obj.containsKey("data") ? obj.get("data") : "");
        if (obj.get("kind").equals("ConfigMap")) {
            if (obj.get("binaryData") instanceof Map<?, ?> b) {
                m.put("binaryData", b);
            }
        } else {
            m.put("type", obj.containsKey("type") ? obj.get("type") : "");
            if (obj.get("stringData") instanceof Map<?, ?> s) {
                m.put("stringData", s);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(GoJson.encode(m).getBytes(StandardCharsets.UTF_8));
            char[] enc = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < enc.length; i++) {
                enc[i] = switch (enc[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> enc[i];
                };
            }
            return new String(enc);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- transformers

    private static void patch(Map<String, Object> k, Path dir, List<Res> acc) {
        for (Object o : list(k.get("patches"))) {
            Map<String, Object> p = map(o);
            for (String f : p.keySet()) {
                if (!Set.of("path", "patch", "target").contains(f)) {
                    throw new UnsupportedOperationException(dir + ": patches." + f + " is not supported");
                }
            }
            String text = p.containsKey("patch") ? (String) p.get("patch") : read(dir.resolve((String) p.get("path")));
            Object parsed = parse(text);
            if (!(parsed instanceof List<?> ops)) {
                throw new UnsupportedOperationException(dir + ": the Java renderer applies JSON6902 patches only"
                        + " (a list of operations), not strategic-merge patches");
            }
            Map<String, Object> target = map(p.get("target"));
            if (target.isEmpty()) {
                throw new IllegalArgumentException(dir + ": a JSON6902 patch needs a target");
            }
            int matched = 0;
            for (Res r : acc) {
                if (matches(target, r.obj)) {
                    matched++;
                    for (Object op : ops) {
                        JsonPatch.apply(r.obj, map(op));
                    }
                }
            }
            if (matched == 0) {
                throw new IllegalArgumentException(dir + ": patch target " + target + " matches no resource");
            }
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> obj) {
        String apiVersion = (String) obj.get("apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (Map.Entry<String, Object> e : target.entrySet()) {
            String want = String.valueOf(e.getValue());
            boolean ok = switch (e.getKey()) {
                case "group" -> group.equals(want);
                case "version" -> version.equals(want);
                case "kind" -> want.equals(obj.get("kind"));
                case "name" -> Pattern.matches(want, (String) meta(obj).get("name"));
                case "namespace" -> Pattern.matches(want, String.valueOf(meta(obj).get("namespace")));
                case "labelSelector" -> selects(want, map(meta(obj).get("labels")));
                default -> throw new UnsupportedOperationException("patch target field " + e.getKey());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean selects(String selector, Map<String, Object> labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2 || kv[0].endsWith("!")) {
                throw new UnsupportedOperationException("label selector term " + term + " (only k=v)");
            }
            if (!kv[1].strip().equals(labels.get(kv[0].strip()))) {
                return false;
            }
        }
        return true;
    }

    private static void setNamespace(Map<String, Object> k, List<Res> acc) {
        if (!(k.get("namespace") instanceof String ns)) {
            return;
        }
        for (Res r : acc) {
            if ("Namespace".equals(r.kind())) {
                meta(r.obj).put("name", ns);
            } else if (!CLUSTER_SCOPED.contains(r.kind())) {
                meta(r.obj).put("namespace", ns);
            }
        }
    }

    private static void label(Map<String, Object> k, Path dir, List<Res> acc) {
        for (Object o : list(k.get("labels"))) {
            Map<String, Object> entry = map(o);
            if (Boolean.TRUE.equals(entry.get("includeSelectors"))) {
                throw new UnsupportedOperationException(dir + ": labels with includeSelectors are not supported");
            }
            for (String f : entry.keySet()) {
                if (!Set.of("pairs", "includeSelectors", "includeTemplates").contains(f)) {
                    throw new UnsupportedOperationException(dir + ": labels." + f + " is not supported");
                }
            }
            Map<String, Object> pairs = map(entry.get("pairs"));
            for (Res r : acc) {
                child(meta(r.obj), "labels").putAll(pairs);
                if (Boolean.TRUE.equals(entry.get("includeTemplates")) && POD_TEMPLATE_KINDS.contains(r.kind())) {
                    child(child(child(child(r.obj, "spec"), "template"), "metadata"), "labels").putAll(pairs);
                }
            }
        }
    }

    private static void setImages(Map<String, Object> k, List<Res> acc) {
        for (Object o : list(k.get("images"))) {
            Map<String, Object> image = map(o);
            for (Res r : acc) {
                walkContainers(r.obj, container -> {
                    if (container.get("image") instanceof String current) {
                        container.put("image", retag(current, image));
                    }
                });
            }
        }
    }

    static String retag(String current, Map<String, Object> image) {
        String name = current;
        String suffix = "";
        int at = current.indexOf('@');
        if (at >= 0) {
            name = current.substring(0, at);
            suffix = current.substring(at);
        } else {
            int colon = current.lastIndexOf(':');
            if (colon > current.lastIndexOf('/')) {
                name = current.substring(0, colon);
                suffix = current.substring(colon);
            }
        }
        if (!name.equals(image.get("name"))) {
            return current;
        }
        if (image.get("newName") instanceof String newName) {
            name = newName;
        }
        if (image.get("digest") instanceof String digest) {
            suffix = "@" + digest;
        } else if (image.get("newTag") != null) {
            suffix = ":" + image.get("newTag");
        }
        return name + suffix;
    }

    private static void walkContainers(Object node, java.util.function.Consumer<Map<String, Object>> action) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
                        && e.getValue() instanceof List<?> containers) {
                    for (Object c : containers) {
                        action.accept(map(c));
                    }
                } else {
                    walkContainers(e.getValue(), action);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> walkContainers(item, action));
        }
    }

    // ---------------------------------------------------------------- references to generated names

    private static void fixReferences(Map<String, Object> obj, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        Object ns = namespace(obj);
        Map<String, Object> podSpec = null;
        if ("Pod".equals(obj.get("kind"))) {
            podSpec = map(obj.get("spec"));
        } else if (POD_TEMPLATE_KINDS.contains((String) obj.get("kind"))) {
            podSpec = map(map(map(obj.get("spec")).get("template")).get("spec"));
        }
        if (podSpec == null) {
            return;
        }
        for (String field : List.of("containers", "initContainers")) {
            for (Object c : list(podSpec.get(field))) {
                Map<String, Object> container = map(c);
                for (Object e : list(container.get("env"))) {
                    Map<String, Object> valueFrom = map(map(e).get("valueFrom"));
                    rename(valueFrom.get("configMapKeyRef"), "name", "ConfigMap", ns, renamed);
                    rename(valueFrom.get("secretKeyRef"), "name", "Secret", ns, renamed);
                }
                for (Object e : list(container.get("envFrom"))) {
                    rename(map(e).get("configMapRef"), "name", "ConfigMap", ns, renamed);
                    rename(map(e).get("secretRef"), "name", "Secret", ns, renamed);
                }
            }
        }
        for (Object v : list(podSpec.get("volumes"))) {
            Map<String, Object> volume = map(v);
            rename(volume.get("configMap"), "name", "ConfigMap", ns, renamed);
            rename(volume.get("secret"), "secretName", "Secret", ns, renamed);
            for (Object s : list(map(volume.get("projected")).get("sources"))) {
                rename(map(s).get("configMap"), "name", "ConfigMap", ns, renamed);
                rename(map(s).get("secret"), "name", "Secret", ns, renamed);
            }
        }
        for (Object s : list(podSpec.get("imagePullSecrets"))) {
            rename(s, "name", "Secret", ns, renamed);
        }
    }

    private static void rename(Object ref, String field, String kind, Object ns, Map<String, String> renamed) {
        if (ref instanceof Map<?, ?> m && m.get(field) instanceof String name) {
            String newName = renamed.get(refKey(kind, ns, name));
            if (newName != null) {
                map(ref).put(field, newName);
            }
        }
    }

    private static String refKey(String kind, Object ns, String name) {
        return kind + "|" + ns + "|" + name;
    }

    // ---------------------------------------------------------------- helpers

    static String id(Map<String, Object> obj) {
        return obj.get("apiVersion") + "/" + obj.get("kind") + " " + namespace(obj) + "/" + meta(obj).get("name");
    }

    private static Object namespace(Map<String, Object> obj) {
        return meta(obj).get("namespace");
    }

    private static Map<String, Object> loadKustomization(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return map(parse(read(file)));
            }
        }
        throw new IllegalArgumentException(dir + ": no kustomization");
    }

    static List<Map<String, Object>> readDocuments(Path file) {
        return parseDocuments(read(file));
    }

    static List<Map<String, Object>> parseDocuments(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(yaml)) {
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

    private static Object parse(String yaml) {
        try {
            return YAML.readValue(yaml, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> meta(Map<String, Object> obj) {
        return child(obj, "metadata");
    }

    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object c = parent.get(key);
        if (c instanceof Map<?, ?>) {
            return map(c);
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }
}
