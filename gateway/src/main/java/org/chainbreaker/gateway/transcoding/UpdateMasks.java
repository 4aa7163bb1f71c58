package org.chainbreaker.gateway.transcoding;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * The update mask of a PATCH that names none: the fields the body holds (AIP-134, as grpc-gateway
 * derives it), so that {@code {"title":"..."}} changes the title and nothing else. A nested object
 * contributes its leaves ({@code {"warrant":{"reference":"W-2"}}} is {@code warrant.reference}); an
 * empty object, an array, a map, a well-known type or {@code null} is one path (null clears the
 * field, as in a JSON merge patch, RFC 7396, which therefore means the same here). The etag and
 * output-only fields are not changes and are left out. A body that names nothing to change is
 * refused: an empty mask would mean "every field" to the services.
 */
final class UpdateMasks {

    private static final ExtensionRegistry BEHAVIOR = ExtensionRegistry.newInstance();

    static {
        BEHAVIOR.add(FieldBehaviorProto.fieldBehavior);
    }

    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private UpdateMasks() {}

    static boolean isMergePatch(MediaType contentType) {
        return contentType != null && contentType.isCompatibleWith(MERGE_PATCH);
    }

    /** The request's update_mask on a PATCH whose body is one message, or null when it has none. */
    static FieldDescriptor maskField(HttpRoute route) {
        if (!"PATCH".equals(route.httpMethod())
                || route.bodyKind() != HttpRoute.BodyKind.FIELD
                || route.bodyField().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return null;
        }
        FieldDescriptor mask = route.rpc().requestType().findFieldByName("update_mask");
        return mask != null
                        && mask.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        && mask.getMessageType()
                                .getFullName()
                                .equals(FieldMask.getDescriptor().getFullName())
                ? mask
                : null;
    }

    /** The mask the body gives, in proto field names. */
    static FieldMask fromBody(JsonObject body, Descriptor type) throws BadRequest {
        List<String> paths = new ArrayList<>();
        collect(body, type, "", true, paths);
        if (paths.isEmpty()) {
            throw BadRequest.field(
                    "", "names no field to change: send the fields to change, or updateMask");
        }
        return FieldMask.newBuilder().addAllPaths(paths).build();
    }

    private static void collect(
            JsonObject object, Descriptor type, String prefix, boolean top, List<String> paths) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            FieldDescriptor field = ProtoJsonTypes.field(type, entry.getKey());
            if (field == null || outputOnly(field) || top && field.getName().equals("etag")) {
                continue;
            }
            JsonElement value = entry.getValue();
            String path = prefix + field.getName();
            boolean nested =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            && !field.isRepeated()
                            && !FieldValues.isScalarLike(field)
                            && !field.getMessageType().getFullName().startsWith("google.protobuf.");
            if (nested && value.isJsonObject() && !value.getAsJsonObject().isEmpty()) {
                collect(value.getAsJsonObject(), field.getMessageType(), path + ".", false, paths);
            } else {
                paths.add(path);
            }
        }
    }

    private static boolean outputOnly(FieldDescriptor field) {
        DescriptorProtos.FieldOptions options = field.getOptions();
        if (options.getExtensionCount(FieldBehaviorProto.fieldBehavior) == 0
                && !options.getUnknownFields().asMap().isEmpty()) {
            // Descriptors built from the contract file carry the annotation as an unknown field.
            try {
                options = DescriptorProtos.FieldOptions.parseFrom(options.toByteString(), BEHAVIOR);
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
        }
        return options.getExtension(FieldBehaviorProto.fieldBehavior)
                .contains(FieldBehavior.OUTPUT_ONLY);
    }
}
