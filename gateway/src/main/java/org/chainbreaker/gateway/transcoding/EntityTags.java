package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.List;
import org.chainbreaker.gateway.problems.Problem;
import org.chainbreaker.gateway.problems.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * HTTP entity tags over the messages' {@code etag} fields (RFC 9110 section 8.8.3 and 13.1): a
 * response whose message carries an etag answers it as the strong {@code ETag}; {@code If-Match} on
 * a change is the request's etag (the top-level {@code etag} field, else, on a PATCH, the {@code
 * etag} of the message the body binds), so the service refuses a stale change, which answers 412;
 * {@code If-None-Match} on a read answers 304 when it matches. {@code If-Match: *} asks only that
 * the resource exist, which every change requires anyway. One entity tag per header: the services
 * compare one etag, so a list is refused rather than half honoured. A body etag that differs from
 * {@code If-Match} is refused with 400: the request contradicts itself, and either choice would
 * ignore one.
 */
final class EntityTags {

    /**
     * The service's ErrorInfo reason for a change made on a stale read (platform
     * EtagMismatchException).
     */
    static final String MISMATCH = "ETAG_MISMATCH";

    /**
     * Exchange attribute: the request carried If-Match (a stale etag then answers 412, not 409).
     */
    static final String CONDITIONAL = EntityTags.class.getName() + ".conditional";

    private EntityTags() {}

    /**
     * The field If-Match stands for on this route, as a chain from the request message; null if
     * none.
     */
    static FieldDescriptor[] etagField(HttpRoute route) {
        FieldDescriptor top = route.rpc().requestType().findFieldByName("etag");
        if (top != null && top.getType() == FieldDescriptor.Type.STRING && !top.isRepeated()) {
            return new FieldDescriptor[] {top};
        }
        // The etag of the message a POST binds is output of a create, not a condition: only changes
        // take it.
        FieldDescriptor body = route.bodyField();
        if (body != null
                && !"POST".equals(route.httpMethod())
                && body.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && !body.isRepeated()) {
            FieldDescriptor inner = body.getMessageType().findFieldByName("etag");
            if (inner != null
                    && inner.getType() == FieldDescriptor.Type.STRING
                    && !inner.isRepeated()) {
                return new FieldDescriptor[] {body, inner};
            }
        }
        return null;
    }

    /**
     * The request with If-Match applied to its etag; the request unchanged when there is no
     * If-Match.
     */
    static DynamicMessage applyIfMatch(
            ServerWebExchange exchange, HttpRoute route, DynamicMessage request) throws BadRequest {
        List<String> headers = exchange.getRequest().getHeaders().get(HttpHeaders.IF_MATCH);
        if (headers == null || headers.isEmpty()) {
            return request;
        }
        String header = String.join(",", headers).strip();
        if (header.equals("*")) {
            return request;
        }
        FieldDescriptor[] chain = etagField(route);
        if (chain == null || "GET".equals(route.httpMethod())) {
            throw BadRequest.field(
                    HttpHeaders.IF_MATCH, "is not supported by this operation (it takes no etag)");
        }
        String etag = single(header);
        Message.Builder builder = request.toBuilder();
        Message.Builder target = builder;
        for (int i = 0; i < chain.length - 1; i++) {
            target = target.getFieldBuilder(chain[i]);
        }
        FieldDescriptor field = chain[chain.length - 1];
        String inBody = (String) target.getField(field);
        if (!inBody.isEmpty() && !inBody.equals(etag)) {
            throw BadRequest.field(
                    HttpHeaders.IF_MATCH, "differs from the etag in the body; send one of them");
        }
        target.setField(field, etag);
        exchange.getAttributes().put(CONDITIONAL, Boolean.TRUE);
        return (DynamicMessage) builder.build();
    }

    /**
     * The opaque value of one entity tag. A weak tag is kept with its prefix: strong comparison
     * (which If-Match requires) never matches it, and the service's comparison then fails as it
     * should.
     */
    private static String single(String header) throws BadRequest {
        boolean weak = header.startsWith("W/");
        String tag = weak ? header.substring(2) : header;
        if (tag.length() < 2
                || tag.charAt(0) != '"'
                || tag.charAt(tag.length() - 1) != '"'
                || tag.substring(1, tag.length() - 1).indexOf('"') >= 0) {
            throw BadRequest.field(
                    HttpHeaders.IF_MATCH,
                    "must be one entity tag in double quotes, as the ETag header gave it, or *");
        }
        String opaque = tag.substring(1, tag.length() - 1);
        return weak ? "W/" + opaque : opaque;
    }

    /** A stale etag under If-Match: 412 Precondition Failed, as a problem. */
    static Problem preconditionFailed(Problem conflict) {
        return new Problem(
                Problems.TYPE_BASE + "precondition-failed",
                "Precondition failed",
                HttpStatus.PRECONDITION_FAILED.value(),
                conflict.detail(),
                Status.Code.ABORTED.name(),
                List.of(),
                MISMATCH);
    }

    static boolean isMismatch(ServerWebExchange exchange, Problem problem) {
        return exchange.getAttribute(CONDITIONAL) != null && MISMATCH.equals(problem.reason());
    }

    /** The etag of a response message (its top-level string field {@code etag}), or null. */
    static String of(Message response) {
        FieldDescriptor field = response.getDescriptorForType().findFieldByName("etag");
        if (field == null || field.getType() != FieldDescriptor.Type.STRING || field.isRepeated()) {
            return null;
        }
        String etag = (String) response.getField(field);
        return etag.isEmpty() || etag.indexOf('"') >= 0 ? null : etag;
    }

    /**
     * Sets ETag for a response that carries one; answers true when a GET's If-None-Match matches it
     * (weak comparison, RFC 9110 section 13.1.2), and the response is then 304 without a body.
     */
    static boolean notModified(ServerWebExchange exchange, String httpMethod, Message response) {
        String etag = of(response);
        if (etag == null) {
            return false;
        }
        exchange.getResponse().getHeaders().setETag("\"" + etag + "\"");
        ServerHttpRequest request = exchange.getRequest();
        List<String> noneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (!"GET".equals(httpMethod) || noneMatch == null) {
            return false;
        }
        for (String header : noneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals("\"" + etag + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
