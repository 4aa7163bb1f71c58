package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.gateway.grpcface.GrpcFace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's gRPC face for national portals, against a loopback case service that records what
 * reaches it: the same token rules as REST, the caller's token forwarded and nothing else, errors
 * passed through with their details, reflection and health served without a token.
 */
class GrpcFaceTest extends RecordingUpstreamTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
        registry.add("chainbreaker.gateway.deadline", () -> "1500ms");
    }

    @Autowired GrpcFace face;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", face.port()).usePlaintext().build();
        CASES.reset();
        CASES.answer = request -> null;
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CaseServiceGrpc.CaseServiceBlockingStub as(String token, String... extraHeaders) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AUTHORIZATION, "Bearer " + token);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            headers.put(
                    Metadata.Key.of(extraHeaders[i], Metadata.ASCII_STRING_MARSHALLER),
                    extraHeaders[i + 1]);
        }
        // Far longer than the gateway's own deadline (1.5 s), so that it is the gateway's that ends
        // a hanging call.
        return CaseServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    /**
     * A caller that stops reading an event stream: the gateway asks the service for the next
     * message only while the caller takes what it was sent, so the service is held back at the
     * transports' windows instead of the gateway buffering everything it produces. Before, the
     * gateway asked for each next message as soon as it forwarded one.
     */
    @Test
    void
            a_caller_that_stops_reading_a_stream_holds_back_the_service_instead_of_filling_the_gateway()
                    throws Exception {
        int flood = 100_000;
        CASES.flood = flood;
        io.grpc.ClientCall<
                        org.chainbreaker.common.v1.WatchEventsRequest,
                        org.chainbreaker.common.v1.Event>
                call =
                        channel.newCall(
                                CaseServiceGrpc.getWatchEventsMethod(),
                                io.grpc.CallOptions.DEFAULT);
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + TOKENS.token("KR"));
        call.start(new io.grpc.ClientCall.Listener<>() {}, headers);
        call.sendMessage(org.chainbreaker.common.v1.WatchEventsRequest.getDefaultInstance());
        call.halfClose();
        // Never request a message. Wait until the call reached the service (a loaded machine takes
        // a while), then
        // until the service has sent nothing more for a second.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (CASES.floodSent.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int last = -1;
        while (CASES.floodSent.get() != last && System.nanoTime() < deadline) {
            last = CASES.floodSent.get();
            Thread.sleep(1000);
        }
        try {
            assertThat(CASES.floodSent.get())
                    .as("events the service could send to a caller that reads nothing")
                    .isGreaterThan(0)
                    .isLessThan(flood / 2);
        } finally {
            call.cancel("done", null);
        }
    }

    @Test
    void calls_without_a_valid_token_never_reach_the_service() {
        GetCaseRequest get = GetCaseRequest.newBuilder().setId("c1").build();
        assertThat(codeOf(() -> as(null).getCase(get))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> as(TOKENS.forged("KR")).getCase(get)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> as(TestTokens.unsigned("KR")).getCase(get)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> as(TOKENS.token("XX")).getCase(get)))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(CASES.lastMethod.get()).isNull();
    }

    @Test
    void a_valid_call_reaches_the_service_with_the_callers_token_and_nothing_else() {
        String token = TOKENS.token("KR");
        Case created =
                as(token, "x-tenant", "TH", "x-internal", "secret")
                        .createCase(
                                CreateCaseRequest.newBuilder()
                                        .setCase(
                                                Case.newBuilder()
                                                        .setTitle("via the gRPC face")
                                                        .setCategory(Case.Category.ONLINE_SCAM))
                                        .build());

        assertThat(created.getTitle()).isEqualTo("via the gRPC face");
        assertThat(CASES.lastMethod.get()).isEqualTo("CreateCase");
        Metadata received = CASES.lastHeaders.get();
        assertThat(received.get(AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(received.keys()).doesNotContain("x-tenant", "x-internal");
    }

    @Test
    void the_services_errors_pass_through_with_their_field_details() {
        com.google.rpc.Status refusal =
                com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT_VALUE)
                        .setMessage("case.title: is required")
                        .addDetails(
                                Any.pack(
                                        BadRequest.newBuilder()
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField("case.title")
                                                                .setDescription("is required"))
                                                .build()))
                        .build();
        CASES.answer = request -> StatusProto.toStatusRuntimeException(refusal);

        assertThatThrownBy(
                        () ->
                                as(TOKENS.token("KR"))
                                        .createCase(CreateCaseRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(StatusProto.fromThrowable(e)).isEqualTo(refusal);
                        });
    }

    @Test
    void a_service_that_does_not_answer_is_cut_off_by_the_gateways_deadline() {
        CASES.answer = request -> RecordingCaseService.NEVER;
        assertThatThrownBy(
                        () ->
                                as(TOKENS.token("KR"))
                                        .getCase(GetCaseRequest.newBuilder().setId("slow").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                            assertThat(e.getStatus().getDescription()).doesNotContain("127.0.0.1");
                        });
    }

    @Test
    void bytes_that_are_not_a_valid_request_are_the_callers_error_and_never_reach_the_service()
            throws Exception {
        io.grpc.MethodDescriptor<byte[], byte[]> getCase =
                io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("chainbreaker.cases.v1.CaseService/GetCase")
                        .setRequestMarshaller(RawBytes.INSTANCE)
                        .setResponseMarshaller(RawBytes.INSTANCE)
                        .build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + TOKENS.token("KR"));
        io.grpc.Channel authorised =
                io.grpc.ClientInterceptors.intercept(
                        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        byte[][] hostile = {
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, // not a protobuf message at all
            {0x0A, 0x05, 'a', 'b'}, // a string field cut short
            {0x0A, 0x02, (byte) 0xC3, (byte) 0x28}
        }; // a string field that is not UTF-8
        for (byte[] request : hostile) {
            assertThatThrownBy(
                            () ->
                                    io.grpc.stub.ClientCalls.blockingUnaryCall(
                                            authorised,
                                            getCase,
                                            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(
                                                    30, TimeUnit.SECONDS),
                                            request))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> {
                                assertThat(e.getStatus().getCode())
                                        .isEqualTo(Status.Code.INVALID_ARGUMENT);
                                assertThat(e.getStatus().getDescription())
                                        .contains("chainbreaker.cases.v1.GetCaseRequest");
                            });
        }
        // The forwarded call may have been opened, but no message of it reached the service.
        assertThat(CASES.lastRequest.get()).isNull();
    }

    /** Messages as raw bytes, to send what no stub would. */
    enum RawBytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void health_and_reflection_need_no_token_and_reflection_lists_the_contract() throws Exception {
        assertThat(
                        HealthGrpc.newBlockingStub(channel)
                                .check(HealthCheckRequest.getDefaultInstance())
                                .getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        var requests =
                ServerReflectionGrpc.newStub(channel)
                        .serverReflectionInfo(
                                new StreamObserver<>() {
                                    public void onNext(ServerReflectionResponse value) {
                                        answer.complete(value);
                                    }

                                    public void onError(Throwable t) {
                                        answer.completeExceptionally(t);
                                    }

                                    public void onCompleted() {}
                                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> services =
                answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                        .map(s -> s.getName())
                        .toList();
        requests.onCompleted();
        assertThat(services).contains("chainbreaker.cases.v1.CaseService", "grpc.health.v1.Health");
    }

    @Test
    @SuppressWarnings("deprecation")
    void a_reflection_client_that_speaks_v1alpha_lists_and_describes_the_contract()
            throws Exception {
        var listed = new CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse>();
        var described =
                new CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse>();
        var requests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
                        .serverReflectionInfo(
                                new StreamObserver<>() {
                                    public void onNext(
                                            io.grpc.reflection.v1alpha.ServerReflectionResponse
                                                    value) {
                                        (listed.isDone() ? described : listed).complete(value);
                                    }

                                    public void onError(Throwable t) {
                                        listed.completeExceptionally(t);
                                        described.completeExceptionally(t);
                                    }

                                    public void onCompleted() {}
                                });
        requests.onNext(
                io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                        .setListServices("")
                        .build());
        List<String> services =
                listed.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                        .map(s -> s.getName())
                        .toList();
        assertThat(services).contains("chainbreaker.cases.v1.CaseService", "grpc.health.v1.Health");
        requests.onNext(
                io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol("chainbreaker.cases.v1.CaseService")
                        .build());
        var files =
                described
                        .get(5, TimeUnit.SECONDS)
                        .getFileDescriptorResponse()
                        .getFileDescriptorProtoList();
        requests.onCompleted();
        assertThat(files).as("the file that defines the service, and its imports").isNotEmpty();
        assertThat(
                        files.stream()
                                .map(
                                        f -> {
                                            try {
                                                return com.google.protobuf.DescriptorProtos
                                                        .FileDescriptorProto.parseFrom(f)
                                                        .getPackage();
                                            } catch (
                                                    com.google.protobuf
                                                                    .InvalidProtocolBufferException
                                                            e) {
                                                throw new IllegalStateException(e);
                                            }
                                        }))
                .contains("chainbreaker.cases.v1");
    }
}
