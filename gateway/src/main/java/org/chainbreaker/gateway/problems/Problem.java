package org.chainbreaker.gateway.problems;

import java.util.List;

/**
 * An RFC 9457 problem: what the client reads when its request was not served.
 *
 * @param type a stable URI naming the kind of problem
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong with this request; never a stack trace, class or host name
 * @param code the google.rpc.Code name the problem corresponds to
 * @param errors the fields that were wrong, by their JSON names (empty when the problem is not
 *     about fields)
 * @param reason a machine-readable reason from the service's ErrorInfo (e.g. ETAG_MISMATCH), or
 *     null
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        String reason) {

    /**
     * How {@code instance} names the occurrence of a problem: by the trace of the request it
     * answered.
     */
    public static final String INSTANCE_PREFIX = "urn:chainbreaker:trace:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One wrong field of a request. */
    public record FieldError(String field, String description) {}

    public Problem withDetail(String newDetail) {
        return new Problem(type, title, status, newDetail, code, errors, reason);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, reason);
    }

    /** The problem as {@code application/problem+json}. */
    public String toJson() {
        return toJson(null);
    }

    /**
     * The problem as {@code application/problem+json}, naming the request's trace (when known) as
     * RFC 9457's {@code instance} ({@code urn:chainbreaker:trace:<trace id>}) and as the extension
     * member {@code traceId}, so that a partner can quote it.
     */
    public String toJson(String traceId) {
        StringBuilder json = new StringBuilder(220);
        json.append("{\"type\":");
        Json.string(json, type);
        json.append(",\"title\":");
        Json.string(json, title);
        json.append(",\"status\":").append(status);
        json.append(",\"detail\":");
        Json.string(json, detail);
        json.append(",\"code\":");
        Json.string(json, code);
        if (reason != null) {
            json.append(",\"reason\":");
            Json.string(json, reason);
        }
        if (traceId != null && !traceId.isEmpty()) {
            json.append(",\"instance\":");
            Json.string(json, INSTANCE_PREFIX + traceId);
            json.append(",\"traceId\":");
            Json.string(json, traceId);
        }
        if (!errors.isEmpty()) {
            json.append(",\"errors\":[");
            for (int i = 0; i < errors.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"field\":");
                Json.string(json, errors.get(i).field());
                json.append(",\"description\":");
                Json.string(json, errors.get(i).description());
                json.append('}');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static final class Json {

        static void string(StringBuilder out, String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
