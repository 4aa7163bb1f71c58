package org.chainbreaker.cases.domain;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * File hashes and URLs of a technical analysis, normalised so that the same indicator compares
 * equal.
 */
public final class Indicators {

    public static final int MAX_COUNT = 20;
    public static final int MAX_URL = 2_000;
    private static final Map<Integer, String> ALGORITHM_BY_LENGTH =
            Map.of(32, "md5", 40, "sha1", 64, "sha256", 128, "sha512");
    private static final Map<String, Integer> LENGTH_BY_ALGORITHM =
            Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private Indicators() {}

    /**
     * "algorithm:hex" in lower case; bare hex is recognised by its length. Violations name
     * field[i].
     */
    public static List<String> hashes(List<String> values, String field, FieldChecks checks) {
        checks.require(values.size() <= MAX_COUNT, field, "at most " + MAX_COUNT + " hashes");
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(values.size(), MAX_COUNT); i++) {
            String raw =
                    values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
            int colon = raw.indexOf(':');
            String hex = colon < 0 ? raw : raw.substring(colon + 1);
            String algorithm =
                    colon < 0 ? ALGORITHM_BY_LENGTH.get(hex.length()) : raw.substring(0, colon);
            boolean valid =
                    algorithm != null
                            && LENGTH_BY_ALGORITHM.containsKey(algorithm)
                            && LENGTH_BY_ALGORITHM.get(algorithm) == hex.length()
                            && HEX.matcher(hex).matches();
            checks.require(
                    valid,
                    field + "[" + i + "]",
                    "must be md5, sha1, sha256 or sha512 hex, optionally prefixed like sha256:");
            if (valid) {
                normalised.add(algorithm + ":" + hex);
            }
        }
        return List.copyOf(normalised);
    }

    /** http(s) URLs with lower-case scheme and host (punycode), no default port, no fragment. */
    public static List<String> urls(List<String> values, String field, FieldChecks checks) {
        checks.require(values.size() <= MAX_COUNT, field, "at most " + MAX_COUNT + " URLs");
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(values.size(), MAX_COUNT); i++) {
            String raw = values.get(i) == null ? "" : values.get(i).strip();
            String url = raw.length() > MAX_URL ? null : url(raw);
            checks.require(
                    url != null,
                    field + "[" + i + "]",
                    "must be an http or https URL with a host, at most " + MAX_URL + " characters");
            if (url != null) {
                normalised.add(url);
            }
        }
        return new ArrayList<>(normalised);
    }

    private static String url(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")
                    || uri.getRawAuthority() == null) {
                return null;
            }
            String host = uri.getHost();
            if (host == null) {
                // An internationalised host is not a java.net.URI host: take it from the authority.
                host = uri.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
            }
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (host.isEmpty() || host.endsWith(".")) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1
                            || scheme.equals("http") && port == 80
                            || scheme.equals("https") && port == 443;
            String path =
                    uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme
                    + "://"
                    + host
                    + (defaultPort ? "" : ":" + port)
                    + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
