package org.chainbreaker.gateway.transcoding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.problems.Problem.FieldError;

/**
 * Builds the gRPC request of a route from the HTTP request: the body first (the whole message for
 * {@code body: "*"}, one field for {@code body: "<field>"}), then query parameters for the fields
 * neither path nor body binds, then the path variables, which win over anything of the same name in
 * the body. A client-streaming RPC takes a JSON array of such bodies, one message each, with path
 * and query bound into every one.
 */
final class RequestBinder {

    /** Field errors reported for one refused stream at most; the first ones show what is wrong. */
    private static final int MAX_STREAM_ERRORS = 100;

    private final JsonBodies bodies;
    private final int maxStreamMessages;

    RequestBinder(JsonBodies bodies, int maxStreamMessages) {
        this.bodies = bodies;
        this.maxStreamMessages = maxStreamMessages;
    }

    int maxStreamMessages() {
        return maxStreamMessages;
    }

    /**
     * The messages of a client stream: the body is a JSON array whose elements are each one whole
     * request message. Every element is bound before anything is sent, so a refused stream reaches
     * no service; errors name the element ({@code [3].wantedPerson.names}). Query and path errors
     * are the same for every element and are named once, as for one message.
     */
    List<DynamicMessage> bindStream(
            HttpRoute route, String[] pathValues, Map<String, List<String>> query, String body)
            throws BadRequest {
        bind(route, pathValues, query, "{}");
        JsonArray array = streamArray(body);
        List<DynamicMessage> messages = new ArrayList<>(array.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size() && errors.size() < MAX_STREAM_ERRORS; i++) {
            JsonElement element = array.get(i);
            String at = "[" + i + "]";
            if (!element.isJsonObject()) {
                errors.add(new FieldError(at, "must be a JSON object (one request message)"));
                continue;
            }
            try {
                messages.add(bind(route, pathValues, query, element.toString()));
            } catch (BadRequest e) {
                for (FieldError error : e.errors()) {
                    errors.add(
                            new FieldError(
                                    error.field().isEmpty() ? at : at + "." + error.field(),
                                    error.description()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw BadRequest.of(errors.subList(0, Math.min(errors.size(), MAX_STREAM_ERRORS)));
        }
        return messages;
    }

    /**
     * The body's array, its shape checked before Gson builds it (depth, string length, element
     * count).
     */
    private JsonArray streamArray(String body) throws BadRequest {
        if (body == null || body.isBlank()) {
            throw BadRequest.field("", "must be a JSON array of request messages");
        }
        // Only the depth is checked on the whole body, one level deeper than a single body may nest
        // (the array
        // itself), so that Gson cannot recurse without bound; the other limits are checked per
        // element, which
        // names the element. The body size bounds the rest.
        new JsonLimits(JsonLimits.DEFAULT.maxDepth() + 1, Integer.MAX_VALUE, Integer.MAX_VALUE)
                .check(body);
        JsonElement root;
        try {
            root = StrictJson.parse(body);
        } catch (BadRequest e) {
            // A stream that does not parse is refused as a whole; a name given twice keeps its path
            // ([3].name).
            String description = e.errors().getFirst().description();
            throw description.contains("well-formed") ? BadRequest.field("", description) : e;
        }
        if (!root.isJsonArray()) {
            throw BadRequest.field(
                    "", "must be a JSON array of request messages (this operation streams them)");
        }
        JsonArray array = root.getAsJsonArray();
        if (array.size() > maxStreamMessages) {
            throw tooMany();
        }
        return array;
    }

    private BadRequest tooMany() {
        return BadRequest.field(
                "",
                "holds more than "
                        + maxStreamMessages
                        + " request messages; send them in several calls");
    }

    DynamicMessage bind(
            HttpRoute route, String[] pathValues, Map<String, List<String>> query, String body)
            throws BadRequest {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(route.rpc().requestType());
        JsonObject bodyObject = null;
        switch (route.bodyKind()) {
            case WHOLE -> bodies.merge(body == null || body.isBlank() ? "{}" : body, request);
            case FIELD -> {
                if (body != null && !body.isBlank()) {
                    bodyObject = bindBodyField(route.bodyField(), body, request);
                }
            }
            case NONE -> {}
        }
        if (!query.isEmpty()) {
            bindQuery(route, query, request);
        }
        FieldDescriptor mask = UpdateMasks.maskField(route);
        if (mask != null && !request.hasField(mask)) {
            // A PATCH without updateMask changes what its body names (AIP-134), never everything.
            request.setField(
                    mask,
                    UpdateMasks.fromBody(
                            bodyObject == null ? new JsonObject() : bodyObject,
                            route.bodyField().getMessageType()));
        }
        for (int i = 0; i < pathValues.length; i++) {
            FieldDescriptor[] chain = route.pathField(i);
            String name = route.template().variables().get(i).dotted();
            set(target(request, chain), chain[chain.length - 1], pathValues[i], name, false);
        }
        return request.build();
    }

    /** Binds the body to its field; answers the body when it is a message's JSON object. */
    private JsonObject bindBodyField(
            FieldDescriptor field, String body, DynamicMessage.Builder request) throws BadRequest {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && !field.isRepeated()
                && !FieldValues.isScalarLike(field)) {
            DynamicMessage.Builder value = DynamicMessage.newBuilder(field.getMessageType());
            JsonObject read = bodies.merge(body, value);
            request.setField(field, value.build());
            return read;
        } else {
            // A scalar, repeated or well-known body: read it as the value of that field.
            DynamicMessage.Builder wrapper =
                    DynamicMessage.newBuilder(request.getDescriptorForType());
            try {
                bodies.merge("{\"" + field.getJsonName() + "\":" + body + "}", wrapper);
            } catch (BadRequest e) {
                throw BadRequest.field("", FieldValues.describe(field));
            }
            request.setField(field, wrapper.getField(field));
            return null;
        }
    }

    private void bindQuery(
            HttpRoute route, Map<String, List<String>> query, DynamicMessage.Builder request)
            throws BadRequest {
        List<FieldError> errors = null;
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            FieldDescriptor[] chain = route.queryField(name);
            String problem = null;
            if (chain == null) {
                problem = "is not a parameter of this request";
            } else {
                FieldDescriptor leaf = chain[chain.length - 1];
                List<String> values = parameter.getValue();
                if (!leaf.isRepeated() && values.size() > 1) {
                    problem = "must be given once";
                } else {
                    try {
                        Message.Builder target = target(request, chain);
                        for (String value : values) {
                            set(target, leaf, value, name, leaf.isRepeated());
                        }
                    } catch (BadRequest e) {
                        problem = e.errors().getFirst().description();
                    }
                }
            }
            if (problem != null) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(new FieldError(name, problem));
            }
        }
        if (errors != null) {
            throw BadRequest.of(errors);
        }
    }

    /**
     * The builder of the message that holds the last field of the chain, creating messages on the
     * way.
     */
    private static Message.Builder target(Message.Builder request, FieldDescriptor[] chain) {
        Message.Builder target = request;
        for (int i = 0; i < chain.length - 1; i++) {
            target = target.getFieldBuilder(chain[i]);
        }
        return target;
    }

    private void set(
            Message.Builder target, FieldDescriptor field, String text, String name, boolean add)
            throws BadRequest {
        Object value;
        try {
            value = FieldValues.parse(field, text, bodies.parser());
        } catch (IllegalArgumentException e) {
            throw BadRequest.field(name, e.getMessage());
        }
        if (add) {
            target.addRepeatedField(field, value);
        } else {
            target.setField(field, value);
        }
    }
}
