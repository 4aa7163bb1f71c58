package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.gateway.AttackHeaders.bearerHeader;
import static org.chainbreaker.gateway.AttackHeaders.hostileHeaders;
import static org.chainbreaker.gateway.AttackHeaders.unverified;
import static org.chainbreaker.gateway.AttackHeaders.with;
import static org.chainbreaker.gateway.AttackPathForms.pathForms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.chainbreaker.gateway.RawHttp.Answer;
import org.chainbreaker.gateway.RawHttp.Header;
import org.chainbreaker.gateway.limits.RequestLimits;
import org.chainbreaker.gateway.security.BearerAuthentication;
import org.chainbreaker.gateway.transcoding.RouteTable;
import org.chainbreaker.platform.tenancy.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * The gateway attacked on its own, in front of services that let everything in and record what
 * arrives ({@link RecordingServices}). Every route the transcoder serves (read from its route
 * table, so a new RPC is covered without editing this class) is requested in every path form an
 * attacker might try (percent-encoding of any character, case, dot segments plain and encoded,
 * double slashes, matrix parameters, encoded slashes and backslashes, trailing junk, detours
 * through the open documentation and health paths, absolute request targets) and with every header
 * an attacker might send (no token, forged and wrong tokens, ID and refresh tokens, two
 * Authorization headers, tenant headers, X-Forwarded-*, rewrite headers). It proves that every
 * request reaching a service carried a verified caller, and no other caller and no tenant or
 * forwarded header, and that a country's limit holds whatever the form of the path. The gateway
 * runs as on Kubernetes, where Spring Boot would otherwise honour forwarded headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayAttackSuiteTest {

    static final TestTokens TOKENS = TestTokens.shared();
    static final RecordingServices SERVICES = new RecordingServices(TOKENS);

    /** Its burst is all TH may send; the rate refills one request in about three hours. */
    static final int LIMITED_BURST = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainbreaker.security.issuer", () -> TestTokens.ISSUER);
        registry.add("chainbreaker.security.jwks-uri", TOKENS::jwksUri);
        for (String upstream : List.of("cases", "fugitives", "repatriation")) {
            registry.add(
                    "chainbreaker.upstreams." + upstream, () -> "127.0.0.1:" + SERVICES.port());
        }
        registry.add("chainbreaker.gateway.grpc-port", () -> "0");
        registry.add("spring.main.cloud-platform", () -> "kubernetes");
        // KR attacks the paths and headers and must not be slowed by its limit; TH and VN attack
        // the limit.
        registry.add("chainbreaker.gateway.limits.tenants.KR.rate", () -> "1000000");
        registry.add("chainbreaker.gateway.limits.tenants.KR.burst", () -> "1000000");
        for (String limited : List.of("TH", "VN")) {
            registry.add(
                    "chainbreaker.gateway.limits.tenants." + limited + ".rate", () -> "0.0001");
            registry.add(
                    "chainbreaker.gateway.limits.tenants." + limited + ".burst",
                    () -> Integer.toString(LIMITED_BURST));
        }
    }

    @LocalServerPort int port;
    @Autowired RouteTable routes;
    @Autowired RouteLocator routeLocator;

    private RawHttp http;
    private static ExecutorService pool;

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(4);
    }

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        SERVICES.clear();
    }

    /** A route made concrete: every path variable is "1", the body what its binding takes. */
    record Target(RouteTable.Binding binding, String path) {

        static final java.util.Map<String, String> PATCH_BODIES =
                java.util.Map.of(
                        "chainbreaker.cases.v1.CaseService.UpdateCase", "{\"title\":\"t\"}",
                        "chainbreaker.cases.v1.CaseService.UpdateScamCentre", "{\"name\":\"n\"}",
                        "chainbreaker.cases.v1.CaseService.UpdateTechnicalAnalysis",
                                "{\"title\":\"t\"}",
                        "chainbreaker.fugitives.v1.FugitiveService.UpdateWantedPerson",
                                "{\"charges\":[\"c\"]}");

        String body() {
            if (!binding.hasBody()) {
                return null;
            }
            if (binding.clientStreaming()) {
                return "[{}]";
            }
            // A PATCH without updateMask must name a field to change (AIP-134), else the gateway
            // refuses it itself.
            return PATCH_BODIES.getOrDefault(binding.rpc(), "{}");
        }

        /** The gRPC name the service sees: package.Service/Method. */
        String grpcMethod() {
            int dot = binding.rpc().lastIndexOf('.');
            return binding.rpc().substring(0, dot) + "/" + binding.rpc().substring(dot + 1);
        }
    }

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (RouteTable.Binding binding : routes.bindings()) {
            String path = binding.pathTemplate().replaceAll("\\{[^}]*}", "1");
            targets.add(new Target(binding, path));
        }
        assertThat(targets)
                .as("the route table serves routes of every service")
                .extracting(t -> t.binding().upstream())
                .contains("cases", "fugitives", "repatriation");
        return targets;
    }

    /** Sends every request (four at a time) and returns the answers in order. */
    private List<Answer> sendAll(List<Request> requests) throws Exception {
        List<Future<Answer>> futures = new ArrayList<>();
        for (Request request : requests) {
            futures.add(
                    pool.submit(
                            () ->
                                    http.send(
                                            request.target().binding().httpMethod(),
                                            request.path(),
                                            request.headers(),
                                            request.target().body())));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    record Request(
            Target target, String form, String path, String headerSet, List<Header> headers) {

        String describe() {
            return target.binding().httpMethod()
                    + " "
                    + path
                    + " ("
                    + form
                    + ", "
                    + headerSet
                    + ")";
        }
    }

    @Test
    void no_request_without_a_verified_caller_reaches_a_service_whatever_the_path_form_or_headers()
            throws Exception {
        List<Request> requests = new ArrayList<>();
        Map<String, List<Header>> headerSets = unverified(TOKENS);
        for (Target target : targets()) {
            Map<String, String> forms = pathForms(target.path(), port);
            // Every path form without a token and with a forged one; every header set on the plain
            // path and on
            // the form that got through before (an encoded prefix).
            forms.forEach(
                    (form, path) -> {
                        for (String set :
                                List.of(
                                        "no token",
                                        "signed by another key with the realm's key id")) {
                            requests.add(new Request(target, form, path, set, headerSets.get(set)));
                        }
                    });
            headerSets.forEach(
                    (set, headers) -> {
                        for (String form :
                                List.of("as is", "prefix char 0 encoded", "dot-dot detour")) {
                            requests.add(new Request(target, form, forms.get(form), set, headers));
                        }
                    });
        }
        long start = System.nanoTime();
        List<Answer> answers = sendAll(requests);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(SERVICES.arrivals())
                .as("calls that reached a service without a verified caller")
                .isEmpty();
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            int status = answers.get(i).status();
            statuses.merge(status, 1L, Long::sum);
            // 401 (no caller), 403 (a tenant not served here), 400 (a path or header that means two
            // things).
            if (status != 401 && status != 403 && status != 400) {
                wrong.add(requests.get(i).describe() + " -> " + status);
            }
        }
        System.out.printf(
                "attack suite, unverified callers: %d requests over %d routes in %d ms; statuses %s%n",
                requests.size(), targets().size(), millis, statuses);
        assertThat(wrong).as("answers other than 400/401/403").isEmpty();
    }

    @Test
    void
            every_call_that_reaches_a_service_carries_the_verified_caller_and_nothing_a_client_asserted()
                    throws Exception {
        String token = TOKENS.token("KR");
        List<Request> requests = new ArrayList<>();
        List<Target> targets = targets();
        for (Target target : targets) {
            pathForms(target.path(), port)
                    .forEach(
                            (form, path) ->
                                    requests.add(
                                            new Request(
                                                    target,
                                                    form,
                                                    path,
                                                    "KR token with tenant and forwarded headers naming TH",
                                                    with(
                                                            List.of(bearerHeader(token)),
                                                            hostileHeaders("TH")))));
        }
        List<Answer> answers = sendAll(requests);

        List<RecordingServices.Arrival> arrivals = SERVICES.arrivals();
        assertThat(arrivals)
                .as("the plain form of every route reaches its service")
                .extracting(RecordingServices.Arrival::method)
                .containsAll(targets.stream().map(Target::grpcMethod).collect(Collectors.toSet()));
        for (RecordingServices.Arrival arrival : arrivals) {
            assertThat(arrival.caller())
                    .as(
                            arrival.method()
                                    + " arrived with a caller the service verifies: "
                                    + arrival.refusal())
                    .isNotNull();
            assertThat(arrival.caller().tenant()).isEqualTo("KR");
            assertThat(arrival.headers().get("authorization")).containsExactly("Bearer " + token);
            assertThat(arrival.headers().keySet())
                    .as("headers a client asserted")
                    .noneMatch(
                            name ->
                                    name.contains("tenant")
                                            || name.contains("forwarded")
                                            || name.startsWith("x-")
                                            || name.equals("host"));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() >= 500 || answers.get(i).status() == 0) {
                failures.add(requests.get(i).describe() + " -> " + answers.get(i).status());
            }
        }
        assertThat(failures).as("no path form is a server error").isEmpty();
        System.out.printf(
                "attack suite, verified caller: %d requests, %d reached a service%n",
                requests.size(), arrivals.size());
    }

    @Test
    void a_country_over_its_limit_reaches_no_service_by_any_path_form_or_header() throws Exception {
        String token = TOKENS.token("TH");
        List<Target> targets = targets();
        // The control: TH's first request gets through, so the refusals below are the limit's
        // doing.
        Target first = targets.getFirst();
        Answer control =
                http.send(
                        first.binding().httpMethod(),
                        first.path(),
                        List.of(bearerHeader(token)),
                        first.body());
        assertThat(control.status()).as(control.text()).isEqualTo(200);
        List<Request> requests = new ArrayList<>();
        for (Target target : targets) {
            pathForms(target.path(), port)
                    .forEach(
                            (form, path) ->
                                    requests.add(
                                            new Request(
                                                    target,
                                                    form,
                                                    path,
                                                    "TH token with tenant and forwarded headers naming KR",
                                                    with(
                                                            List.of(bearerHeader(token)),
                                                            hostileHeaders("KR")))));
        }
        List<Answer> answers = sendAll(requests);

        long thArrivals =
                SERVICES.arrivals().stream()
                        .filter(a -> a.caller() != null && a.caller().tenant().equals("TH"))
                        .count();
        assertThat(thArrivals)
                .as("TH's calls that reached a service, with a burst of " + LIMITED_BURST)
                .isLessThanOrEqualTo(LIMITED_BURST);
        assertThat(SERVICES.arrivals()).allSatisfy(a -> assertThat(a.caller()).isNotNull());
        long refusedForLimit = answers.stream().filter(a -> a.status() == 429).count();
        long served = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(served)
                .as("served within the rest of the burst")
                .isLessThanOrEqualTo(LIMITED_BURST - 1);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            // 429 once the burst is used up, whatever the path; 400 for a path that means two
            // things.
            int status = answers.get(i).status();
            if (status != 429 && status != 400 && status != 200) {
                wrong.add(requests.get(i).describe() + " -> " + status);
            }
        }
        assertThat(wrong).as("answers to a country over its limit other than 429/400").isEmpty();
        System.out.printf(
                "attack suite, limited country: %d requests, %d reached a service, %d answered 429%n",
                requests.size() + 1, thArrivals, refusedForLimit);
    }

    @Test
    void parallel_requests_in_every_path_form_share_one_limit() throws Exception {
        String token = TOKENS.token("VN");
        Target list =
                targets().stream()
                        .filter(
                                t ->
                                        t.binding().httpMethod().equals("GET")
                                                && !t.binding().pathTemplate().contains("{")
                                                && !t.binding().serverStreaming())
                        .findFirst()
                        .orElseThrow();
        Map<String, String> forms = pathForms(list.path(), port);
        List<String> paths =
                List.of(
                        forms.get("as is"),
                        forms.get("prefix char 0 encoded"),
                        forms.get("prefix fully encoded"),
                        forms.get("last segment char encoded") == null
                                ? forms.get("version encoded")
                                : forms.get("last segment char encoded"));
        List<Future<Answer>> futures = new ArrayList<>();
        ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < 400; i++) {
                String path = paths.get(i % paths.size());
                futures.add(
                        burst.submit(
                                () -> http.send("GET", path, List.of(bearerHeader(token)), null)));
            }
            Map<Integer, Long> statuses = new ConcurrentHashMap<>();
            List<String> notRefused = new ArrayList<>();
            for (Future<Answer> future : futures) {
                Answer answer = future.get();
                statuses.merge(answer.status(), 1L, Long::sum);
                if (answer.status() != 429) {
                    notRefused.add(answer.text());
                }
            }
            long arrived =
                    SERVICES.arrivals().stream()
                            .filter(a -> a.caller() != null && a.caller().tenant().equals("VN"))
                            .count();
            assertThat(arrived)
                    .as(
                            "VN's calls that reached a service out of 400 at once, burst "
                                    + LIMITED_BURST)
                    .isLessThanOrEqualTo(LIMITED_BURST)
                    .isPositive();
            assertThat(statuses.get(429)).as(notRefused.toString()).isEqualTo(400L - arrived);
            assertThat(statuses.get(200)).as(notRefused.toString()).isEqualTo(arrived);
            System.out.printf(
                    "attack suite, 400 parallel requests in %d path forms: %d reached a service, statuses %s%n",
                    paths.size(), arrived, new TreeMap<>(statuses));
        } finally {
            burst.shutdown();
        }
    }

    /**
     * The transcoder does not rely on the filters in front of it: handed a request that skipped
     * them (no verified caller, or a caller that did not pass the limit) it calls no service.
     */
    @Test
    void the_transcoder_calls_no_service_for_a_request_that_skipped_authentication_or_the_limit() {
        Route cases = routeLocator.getRoutes().filter(r -> r.getId().equals("cases")).blockFirst();
        assertThat(cases).isNotNull();
        GatewayFilter transcoding = cases.getFilters().getLast();
        String token = TOKENS.token("KR");
        Caller caller =
                new Caller(
                        "user-KR",
                        "kr-investigator",
                        "KR",
                        Set.of("investigator"),
                        "chainbreaker-cli",
                        token);

        MockServerWebExchange anonymous =
                MockServerWebExchange.from(
                        MockServerHttpRequest.get("/api/v1/cases")
                                .header("Authorization", "Bearer " + token));
        transcoding.filter(anonymous, e -> Mono.empty()).block(Duration.ofSeconds(10));
        assertThat(anonymous.getResponse().getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getResponse().getHeaders().getFirst("WWW-Authenticate"))
                .startsWith("Bearer");

        MockServerWebExchange unlimited =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cases"));
        unlimited.getAttributes().put(BearerAuthentication.CALLER, caller);
        transcoding.filter(unlimited, e -> Mono.empty()).block(Duration.ofSeconds(10));
        assertThat(unlimited.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(SERVICES.arrivals()).as("calls of requests that skipped the filters").isEmpty();

        // The control: with both, the call is made, with the verified token.
        MockServerWebExchange admitted =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cases"));
        admitted.getAttributes().put(BearerAuthentication.CALLER, caller);
        admitted.getAttributes().put(RequestLimits.ADMITTED, caller);
        transcoding.filter(admitted, e -> Mono.empty()).block(Duration.ofSeconds(10));
        assertThat(admitted.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(SERVICES.arrivals())
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(a.headers().get("authorization"))
                                        .containsExactly("Bearer " + token));
    }
}
