package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import org.chainbreaker.platform.records.RequestIds;

/**
 * The {@code Idempotency-Key} header of a REST create becomes the RPC's {@code request_id}, so that
 * a partner retrying after a lost answer gets the first result instead of a second record.
 * Operations without a request id refuse the header rather than pretend to honour it.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {}

    /**
     * A stream has no single request id to carry the key (each message may have its own), so the
     * header is refused rather than ignored.
     */
    static void refuseForStream(String key) throws BadRequest {
        if (key != null) {
            throw BadRequest.field(
                    HEADER,
                    "a streaming operation does not take an idempotency key; "
                            + "give each message its own requestId where the message has one");
        }
    }

    static DynamicMessage apply(String key, DynamicMessage request) throws BadRequest {
        if (key == null) {
            return request;
        }
        FieldDescriptor requestId = request.getDescriptorForType().findFieldByName("request_id");
        if (requestId == null
                || requestId.isRepeated()
                || requestId.getJavaType() != FieldDescriptor.JavaType.STRING) {
            throw BadRequest.field(
                    HEADER,
                    "this operation is idempotent by nature or does not take an idempotency key");
        }
        if (!RequestIds.FORM.matcher(key).matches()) {
            throw BadRequest.field(HEADER, "must be 1 to 100 letters, digits or ._~:-");
        }
        String inBody = (String) request.getField(requestId);
        if (!inBody.isEmpty() && !inBody.equals(key)) {
            throw BadRequest.field(HEADER, "differs from requestId in the body");
        }
        return request.toBuilder().setField(requestId, key).build();
    }
}
