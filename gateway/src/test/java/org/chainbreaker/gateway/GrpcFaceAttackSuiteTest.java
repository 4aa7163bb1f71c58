package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chainbreaker.gateway.grpcface.GrpcFace;
import org.chainbreaker.gateway.transcoding.ContractFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's gRPC face attacked on its own, with raw grpc-java calls (opaque byte messages, any
 * method name, any metadata) in front of services that let everything in and record what arrives
 * ({@link RecordingServices}, which checks every arriving token as a service would). Every method
 * of the contract (read from the descriptors the face serves, so a new RPC is attacked without
 * editing this class) is called with every kind of token that proves no caller and with metadata a
 * client adds to name a tenant or a caller; methods outside the contract, reflection without a
 * token and oversize messages are tried too. It proves that every call reaching a service carried a
 * verified caller, only that caller's token and no client metadata, and was counted against the
 * country's limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrpcFaceAttackSuiteTest {

    static final TestTokens TOKENS = TestTokens.shared();
    static final RecordingServices SERVICES = new RecordingServices(TOKENS);
    static final int LIMITED_BURST = 3;
    static final List<String> CLIENT_METADATA =
            List.of(
                    "x-tenant",
                    "chainbreaker-tenant",
                    "tenant",
                    "x-tenant-id",
                    "x-caller",
                    "x-user",
                    "x-forwarded-for",
                    "x-forwarded-host",
                    "forwarded",
                    "x-real-ip",
                    "x-access-token");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.security.issuer", () -> TestTokens.ISSUER);
        registry.add("chainbreaker.security.jwks-uri", TOKENS::jwksUri);
        for (String upstream : List.of("cases", "fugitives", "repatriation")) {
            registry.add(
                    "chainbreaker.upstreams." + upstream, () -> "127.0.0.1:" + SERVICES.port());
        }
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
        registry.add("chainbreaker.gateway.limits.tenants.KR.rate", () -> "1000000");
        registry.add("chainbreaker.gateway.limits.tenants.KR.burst", () -> "1000000");
        registry.add("chainbreaker.gateway.limits.tenants.TH.rate", () -> "0.0001");
        registry.add(
                "chainbreaker.gateway.limits.tenants.TH.burst",
                () -> Integer.toString(LIMITED_BURST));
    }

    @Autowired GrpcFace face;
    @Autowired ContractFiles contract;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        // The client's own limit far above the face's, so that it is the face that refuses an
        // oversize message.
        channel =
                ManagedChannelBuilder.forAddress("127.0.0.1", face.port())
                        .usePlaintext()
                        .maxInboundMessageSize(64 << 20)
                        .build();
        SERVICES.clear();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Every method of the contract the face serves, as the full gRPC name and its kind. */
    private List<io.grpc.MethodDescriptor<byte[], byte[]>> methods() {
        List<io.grpc.MethodDescriptor<byte[], byte[]>> methods = new ArrayList<>();
        for (FileDescriptor file : contract.files()) {
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    methods.add(
                            descriptor(
                                    io.grpc.MethodDescriptor.generateFullMethodName(
                                            service.getFullName(), method.getName()),
                                    kind(method)));
                }
            }
        }
        assertThat(methods)
                .as("the contract's methods of every service")
                .extracting(io.grpc.MethodDescriptor::getServiceName)
                .contains(
                        "chainbreaker.cases.v1.CaseService",
                        "chainbreaker.fugitives.v1.FugitiveService",
                        "chainbreaker.repatriation.v1.RepatriationService");
        return methods;
    }

    private static io.grpc.MethodDescriptor.MethodType kind(MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming()
                    ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
                    : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming()
                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY;
    }

    private static io.grpc.MethodDescriptor<byte[], byte[]> descriptor(
            String fullName, io.grpc.MethodDescriptor.MethodType type) {
        return io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName(fullName)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    /** One raw call: the metadata as given, one message, half-close; the status it ends with. */
    private Status call(
            io.grpc.MethodDescriptor<byte[], byte[]> method, Metadata headers, byte[] message) {
        CompletableFuture<Status> done = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call =
                channel.newCall(
                        method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        done.complete(status);
                    }
                },
                headers);
        call.request(Integer.MAX_VALUE);
        call.sendMessage(message);
        call.halfClose();
        try {
            Status status = done.get(30, TimeUnit.SECONDS);
            if (method.getType() == io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                    || method.getType() == io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING) {
                call.cancel("done", null);
            }
            return status;
        } catch (Exception e) {
            call.cancel("no answer", e);
            throw new AssertionError(method.getFullMethodName() + " did not end", e);
        }
    }

    private static Metadata metadata(Map<String, List<String>> entries) {
        Metadata headers = new Metadata();
        entries.forEach(
                (key, values) ->
                        values.forEach(
                                v ->
                                        headers.put(
                                                Metadata.Key.of(
                                                        key, Metadata.ASCII_STRING_MARSHALLER),
                                                v)));
        return headers;
    }

    private static Map<String, List<String>> bearer(String token) {
        return Map.of("authorization", List.of("Bearer " + token));
    }

    private static Map<String, List<String>> with(Map<String, List<String>> base, String tenant) {
        Map<String, List<String>> all = new LinkedHashMap<>(base);
        for (String key : CLIENT_METADATA) {
            all.put(
                    key,
                    List.of(
                            key.startsWith("x-forwarded") || key.equals("x-real-ip")
                                    ? "10.1.2.3"
                                    : key.equals("forwarded") ? "for=10.1.2.3" : tenant));
        }
        return all;
    }

    /** Metadata that proves no caller, by name. */
    private static Map<String, Map<String, List<String>>> unverified() {
        Instant now = Instant.now();
        Map<String, Map<String, List<String>>> sets = new LinkedHashMap<>();
        sets.put("no token", Map.of());
        sets.put("empty bearer", bearer(""));
        sets.put(
                "basic credentials",
                Map.of("authorization", List.of("Basic a3ItaW52ZXN0aWdhdG9yOmty")));
        sets.put("unsigned (alg none)", bearer(TestTokens.unsigned("KR")));
        sets.put("signed by another key with the realm's key id", bearer(TOKENS.forged("KR")));
        sets.put(
                "expired",
                bearer(
                        TOKENS.token(
                                "KR",
                                c ->
                                        c.expirationTime(Date.from(now.minusSeconds(600)))
                                                .issueTime(Date.from(now.minusSeconds(900))))));
        sets.put("another audience", bearer(TOKENS.token("KR", c -> c.audience("some-other-api"))));
        sets.put(
                "another issuer",
                bearer(TOKENS.token("KR", c -> c.issuer("https://evil.example/realms/x"))));
        sets.put(
                "ID token meant for the API",
                bearer(TOKENS.token("KR", c -> c.claim("typ", "ID"))));
        sets.put("refresh token", bearer(TOKENS.token("KR", c -> c.claim("typ", "Refresh"))));
        sets.put("token without a type", bearer(TOKENS.token("KR", c -> c.claim("typ", null))));
        sets.put("tenant not served", bearer(TOKENS.token("ZZ")));
        sets.put("token with junk appended", bearer(TOKENS.token("KR") + "x"));
        sets.put(
                "two tokens in one value",
                Map.of(
                        "authorization",
                        List.of(
                                "Bearer "
                                        + TOKENS.token("KR")
                                        + ", Bearer "
                                        + TOKENS.forged("TH"))));
        sets.put(
                "two authorization values",
                Map.of(
                        "authorization",
                        List.of("Bearer " + TOKENS.forged("TH"), "Bearer " + TOKENS.token("KR"))));
        sets.put("token in another key", Map.of("x-access-token", List.of(TOKENS.token("KR"))));
        sets.put("tenant and caller metadata only", with(Map.of(), "KR"));
        return sets;
    }

    @Test
    void no_call_without_a_verified_caller_reaches_a_service_whatever_the_token_or_metadata() {
        List<io.grpc.MethodDescriptor<byte[], byte[]>> methods = methods();
        Map<String, Integer> codes = new TreeMap<>();
        int calls = 0;
        for (var set : unverified().entrySet()) {
            for (var method : methods) {
                Status status = call(method, metadata(set.getValue()), new byte[0]);
                calls++;
                codes.merge(status.getCode().name(), 1, Integer::sum);
                assertThat(status.getCode())
                        .as(set.getKey() + " " + method.getFullMethodName())
                        .isIn(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
            }
        }
        System.out.printf(
                "GrpcFaceAttackSuiteTest: %d calls without a verified caller (%d methods x %d metadata sets),"
                        + " answers %s, arrivals %d%n",
                calls, methods.size(), unverified().size(), codes, SERVICES.count());
        assertThat(SERVICES.arrivals()).isEmpty();
    }

    @Test
    void
            a_verified_call_arrives_with_only_its_token_whatever_tenant_or_caller_metadata_the_client_adds() {
        String token = TOKENS.token("KR");
        List<io.grpc.MethodDescriptor<byte[], byte[]>> methods = methods();
        for (var method : methods) {
            Status status = call(method, metadata(with(bearer(token), "TH")), new byte[0]);
            assertThat(status.getCode()).as(method.getFullMethodName()).isEqualTo(Status.Code.OK);
        }
        assertThat(SERVICES.arrivals())
                .hasSize(methods.size())
                .allSatisfy(
                        arrival -> {
                            assertThat(arrival.caller())
                                    .as(arrival.method() + ": " + arrival.refusal())
                                    .isNotNull();
                            assertThat(arrival.caller().tenant()).isEqualTo("KR");
                            assertThat(arrival.headers().get("authorization"))
                                    .containsExactly("Bearer " + token);
                            assertThat(arrival.headers().keySet())
                                    .doesNotContainAnyElementsOf(CLIENT_METADATA);
                        });
    }

    @Test
    void methods_outside_the_contract_and_reflection_reach_no_service() throws Exception {
        String token = TOKENS.token("KR");
        List<String> outside =
                List.of(
                        "chainbreaker.cases.v1.CaseService/DropEverything",
                        "chainbreaker.cases.v1.AdminService/GetCase",
                        "CHAINBREAKER.CASES.V1.CASESERVICE/GetCase",
                        "chainbreaker.cases.v1.caseservice/getCase",
                        "chainbreaker.cases.v1.CaseService/GetCase/",
                        "chainbreaker.cases.v1.CaseService//GetCase",
                        "chainbreaker.cases.v1.CaseService/../CaseService/GetCase",
                        "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo/x",
                        "chainbreaker.internal.v1.Jobs/Run");
        for (String name : outside) {
            for (Map<String, List<String>> headers :
                    List.of(Map.<String, List<String>>of(), bearer(token))) {
                Status status =
                        call(
                                descriptor(name, io.grpc.MethodDescriptor.MethodType.UNARY),
                                metadata(headers),
                                new byte[0]);
                assertThat(status.getCode())
                        .as(name + " " + headers.keySet())
                        .isEqualTo(Status.Code.UNIMPLEMENTED);
            }
        }
        // Reflection answers without a token (it describes only the public contract) and calls no
        // service.
        CompletableFuture<ServerReflectionResponse> listed = new CompletableFuture<>();
        var requests =
                ServerReflectionGrpc.newStub(channel)
                        .serverReflectionInfo(
                                new StreamObserver<>() {
                                    public void onNext(ServerReflectionResponse r) {
                                        listed.complete(r);
                                    }

                                    public void onError(Throwable t) {
                                        listed.completeExceptionally(t);
                                    }

                                    public void onCompleted() {}
                                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        assertThat(listed.get(20, TimeUnit.SECONDS).getListServicesResponse().getServiceCount())
                .isPositive();
        requests.onCompleted();
        assertThat(SERVICES.arrivals()).isEmpty();
    }

    /**
     * A message over the face's inbound limit (gRPC's 4 MiB) is refused; without a verified caller
     * nothing reaches a service, and with one the service sees at most the call's start, carrying
     * that caller (the proxy opens the upstream call when the caller's call starts), never the
     * message.
     */
    @Test
    void an_oversize_message_is_refused_and_only_a_verified_caller_reaches_a_service() {
        var getCase =
                descriptor(
                        "chainbreaker.cases.v1.CaseService/GetCase",
                        io.grpc.MethodDescriptor.MethodType.UNARY);
        byte[] oversize = new byte[5 << 20];
        for (Map<String, List<String>> headers :
                List.of(Map.<String, List<String>>of(), bearer(TOKENS.forged("KR")))) {
            assertThat(call(getCase, metadata(headers), oversize).getCode())
                    .as(headers.keySet().toString())
                    .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNAUTHENTICATED);
        }
        assertThat(SERVICES.arrivals()).isEmpty();
        // Refused either way: which of these the client sees depends on whether the face's refusal
        // or
        // the reset of the stream reaches it first (UNAVAILABLE seen once in CI).
        assertThat(call(getCase, metadata(bearer(TOKENS.token("KR"))), oversize).getCode())
                .isIn(
                        Status.Code.RESOURCE_EXHAUSTED,
                        Status.Code.CANCELLED,
                        Status.Code.UNAVAILABLE);
        assertThat(SERVICES.arrivals())
                .allSatisfy(arrival -> assertThat(arrival.caller().tenant()).isEqualTo("KR"));
    }

    @Test
    void every_call_that_arrives_was_counted_against_the_callers_limit() {
        String token = TOKENS.token("TH");
        Map<String, Integer> codes = new TreeMap<>();
        List<io.grpc.MethodDescriptor<byte[], byte[]>> methods = methods();
        for (var method : methods) {
            Status status = call(method, metadata(with(bearer(token), "KR")), new byte[0]);
            codes.merge(status.getCode().name(), 1, Integer::sum);
            assertThat(status.getCode())
                    .as(method.getFullMethodName())
                    .isIn(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED);
        }
        System.out.printf(
                "GrpcFaceAttackSuiteTest: TH (burst %d) called %d methods: %s, arrivals %d%n",
                LIMITED_BURST, methods.size(), codes, SERVICES.count());
        assertThat(SERVICES.arrivals())
                .hasSizeLessThanOrEqualTo(LIMITED_BURST)
                .isNotEmpty()
                .allSatisfy(arrival -> assertThat(arrival.caller().tenant()).isEqualTo("TH"));
    }

    private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
            new io.grpc.MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
}
