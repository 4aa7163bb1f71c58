package org.chainbreaker.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every form of one path an attacker might try against the gateway's REST face: percent-encoding of
 * any character in either case, dot segments plain and encoded, double slashes, matrix parameters,
 * encoded slashes and backslashes, trailing junk, detours and absolute request targets.
 */
final class AttackPathForms {

    private AttackPathForms() {}

    /**
     * Every form of one path an attacker might try, by name. The first is the path itself; the
     * others are equivalent to it for some component of some stack, or are junk around it.
     */
    static Map<String, String> pathForms(String path, int port) {
        String[] parts = path.substring(1).split("/", -1);
        String first = parts[0];
        String rest = path.substring(1 + first.length());
        String withoutSlash = path.substring(1);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("as is", path);
        for (int i = 0; i < first.length(); i++) {
            forms.put(
                    "prefix char " + i + " encoded",
                    "/"
                            + first.substring(0, i)
                            + hex(first.charAt(i), false)
                            + first.substring(i + 1)
                            + rest);
        }
        forms.put("prefix fully encoded", "/" + encodeAll(first, false) + rest);
        forms.put("prefix fully encoded, upper-case hex", "/" + encodeAll(first, true) + rest);
        forms.put("version encoded", path.replaceFirst("/v1/", "/" + encodeAll("v1", false) + "/"));
        String last = parts[parts.length - 1];
        if (!last.isEmpty() && Character.isLetter(last.charAt(0))) {
            forms.put(
                    "last segment char encoded",
                    path.substring(0, path.length() - last.length())
                            + hex(last.charAt(0), true)
                            + last.substring(1));
        }
        forms.put("prefix upper case", "/" + first.toUpperCase() + rest);
        forms.put(
                "prefix capitalised",
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        forms.put("version upper case", path.replaceFirst("/v1/", "/V1/"));
        forms.put("dot-dot detour", "/x/.." + path);
        forms.put("dot segment first", "/." + path);
        forms.put("dot segment inside", path.replaceFirst("/v1/", "/./v1/"));
        forms.put("dot-dot inside", path.replaceFirst("/v1/", "/v1/../v1/"));
        forms.put("encoded dot-dot", "/x/%2e%2e" + path);
        forms.put("encoded dot-dot upper", "/x/%2E%2E" + path);
        forms.put("half-encoded dot-dot", "/x/.%2e" + path);
        forms.put("encoded dot segment", "/%2e" + path);
        forms.put("double slash first", "/" + path);
        forms.put("double slash inside", path.replaceFirst("/v1/", "//v1/"));
        forms.put("matrix on prefix", "/" + first + ";x=1" + rest);
        forms.put("matrix on version", path.replaceFirst("/v1/", "/v1;a/"));
        forms.put("matrix at end", path + ";jsessionid=1");
        forms.put("empty matrix segment first", "/;" + path);
        forms.put("dot-dot matrix", "/x/..;" + path);
        forms.put("encoded slash after prefix", "/" + first + "%2F" + rest.substring(1));
        forms.put("encoded slash lower", "/" + first + "%2f" + rest.substring(1));
        forms.put("encoded slash first", "/%2F" + withoutSlash);
        forms.put("encoded backslash", "/" + first + "%5C" + rest.substring(1));
        forms.put("backslash", "/" + first + "\\" + rest.substring(1));
        forms.put("trailing slash", path + "/");
        forms.put("trailing encoded space", path + "%20");
        forms.put("trailing encoded NUL", path + "%00");
        forms.put("trailing encoded dot", path + "%2e");
        forms.put("trailing extension", path + ".json");
        forms.put("trailing dot segment", path + "/.");
        forms.put("trailing encoded question mark", path + "%3F");
        forms.put("trailing encoded CRLF", path + "%0d%0aX-Tenant:%20TH");
        forms.put("trailing bare question mark", path + "?");
        forms.put("broken percent-encoding", "/%6" + withoutSlash);
        forms.put("non-hex percent-encoding", "/%zz" + path);
        forms.put("through the docs", "/docs/.." + path);
        forms.put("through the docs, encoded", "/docs/%2e%2e" + path);
        forms.put("through the docs, matrix", "/docs/..;" + path);
        forms.put("through the document", "/openapi.json/.." + path);
        forms.put("through health", "/actuator/health/../.." + path);
        forms.put("through health, encoded slashes", "/actuator/health/..%2F..%2F" + withoutSlash);
        forms.put("absolute target", "http://127.0.0.1:" + port + path);
        forms.put(
                "absolute target, encoded prefix",
                "http://other.example/" + encodeAll(first, false) + rest);
        return forms;
    }

    static String hex(char c, boolean upper) {
        String h = String.format("%%%02x", (int) c);
        return upper ? h.toUpperCase() : h;
    }

    static String encodeAll(String s, boolean upper) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(hex((char) c, upper)));
        return out.toString();
    }
}
