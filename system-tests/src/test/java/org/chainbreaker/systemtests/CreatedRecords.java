package org.chainbreaker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.systemtests.Faces.Endpoint;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IdempotentCreates.Create;

/**
 * Sends a create with its idempotency key on either face and reads back what it made: the id an
 * answer names, and the records a country lists that carry a marker.
 */
final class CreatedRecords {

    private final Faces faces;

    CreatedRecords(Faces faces) {
        this.faces = faces;
    }

    Outcome send(Face face, Endpoint endpoint, String token, Message request, String key) {
        if (face == Face.REST) {
            return faces.rest(endpoint, "Bearer " + token, request, "Idempotency-Key", key);
        }
        FieldDescriptor requestId = request.getDescriptorForType().findFieldByName("request_id");
        return faces.call(
                face, endpoint, token, request.toBuilder().setField(requestId, key).build());
    }

    /** The {@code id} of the record an answer names (every create answers the record). */
    static String idOf(Endpoint endpoint, Outcome out) {
        try {
            DynamicMessage answer =
                    DynamicMessage.parseFrom(endpoint.method().getOutputType(), out.payload());
            return (String) answer.getField(answer.getDescriptorForType().findFieldByName("id"));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static Message byId(Endpoint get, String id) {
        Descriptor input = get.method().getInputType();
        return DynamicMessage.newBuilder(input).setField(input.findFieldByName("id"), id).build();
    }

    /**
     * The ids of the records the user's country lists whose content carries the marker; lists are
     * newest first, so reading stops at records older than {@code since}.
     */
    List<String> idsWithMarker(String user, Create create, String marker, Instant since) {
        Endpoint list = Faces.endpoint(create.service(), create.listRpc());
        Descriptor input = list.method().getInputType();
        Descriptor output = list.method().getOutputType();
        FieldDescriptor items =
                output.getFields().stream()
                        .filter(
                                f ->
                                        f.isRepeated()
                                                && f.getJavaType()
                                                        == FieldDescriptor.JavaType.MESSAGE)
                        .findFirst()
                        .orElseThrow();
        List<String> ids = new ArrayList<>();
        String pageToken = "";
        boolean older = false;
        do {
            DynamicMessage request =
                    DynamicMessage.newBuilder(input)
                            .setField(input.findFieldByName("page_size"), 200)
                            .setField(input.findFieldByName("page_token"), pageToken)
                            .build();
            Outcome out = faces.call(Face.GRPC, list, RunningSuite.token(user), request);
            assertThat(out.ok()).as("%s by %s: %s", create.listRpc(), user, out).isTrue();
            DynamicMessage page;
            try {
                page = DynamicMessage.parseFrom(output, out.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < page.getRepeatedFieldCount(items); i++) {
                DynamicMessage item = (DynamicMessage) page.getRepeatedField(items, i);
                if (item.toString().contains(marker)) {
                    ids.add(
                            (String)
                                    item.getField(
                                            item.getDescriptorForType().findFieldByName("id")));
                }
                FieldDescriptor time = item.getDescriptorForType().findFieldByName("create_time");
                if (time == null) {
                    time = item.getDescriptorForType().findFieldByName("report_time");
                }
                Timestamp t;
                try {
                    t = Timestamp.parseFrom(((Message) item.getField(time)).toByteString());
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
                older |= Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).isBefore(since);
            }
            pageToken = (String) page.getField(output.findFieldByName("next_page_token"));
        } while (!pageToken.isEmpty() && !older);
        return ids;
    }
}
