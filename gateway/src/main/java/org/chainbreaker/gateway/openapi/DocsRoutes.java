package org.chainbreaker.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /openapi.json} (the document) and {@code GET /docs} (Swagger UI, its assets under
 * {@code /docs/}). Only named files are served: Swagger UI's own from its webjar, and the page and
 * its initialiser from this module. The page runs no inline script and no eval, so it works under
 * the gateway's Content-Security-Policy for pages ({@code default-src 'self'; style-src 'self'
 * 'unsafe-inline'; img-src 'self' data:}), which the gateway's response-header filter sets. Links
 * are relative, so the pages work behind a path prefix too.
 */
final class DocsRoutes {

    static final String DOCUMENT_PATH = "/openapi.json";
    static final String PAGE_PATH = "/docs";

    private static final String OWN = "openapi/docs/";
    private static final String WEBJAR_PROPERTIES =
            "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private static final MediaType JAVASCRIPT =
            MediaType.parseMediaType("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private record Asset(Resource resource, MediaType type, String etag) {}

    private final OpenApiDocument document;
    private final Asset page;
    private final Map<String, Asset> assets = new LinkedHashMap<>();

    DocsRoutes(OpenApiDocument document, ClassLoader classLoader) {
        this.document = document;
        String version = swaggerUiVersion(classLoader);
        String webjar = "META-INF/resources/webjars/swagger-ui/" + version + "/";
        String tag = "swagger-ui-" + version;
        page = asset(new ClassPathResource(OWN + "index.html", classLoader), HTML, tag);
        add(
                "swagger-initializer.js",
                new ClassPathResource(OWN + "swagger-initializer.js", classLoader),
                JAVASCRIPT,
                tag);
        add("docs.css", new ClassPathResource(OWN + "docs.css", classLoader), CSS, tag);
        add(
                "swagger-ui-bundle.js",
                new ClassPathResource(webjar + "swagger-ui-bundle.js", classLoader),
                JAVASCRIPT,
                tag);
        add(
                "swagger-ui.css",
                new ClassPathResource(webjar + "swagger-ui.css", classLoader),
                CSS,
                tag);
        add(
                "favicon-32x32.png",
                new ClassPathResource(webjar + "favicon-32x32.png", classLoader),
                MediaType.IMAGE_PNG,
                tag);
        add(
                "favicon-16x16.png",
                new ClassPathResource(webjar + "favicon-16x16.png", classLoader),
                MediaType.IMAGE_PNG,
                tag);
        add(
                "oauth2-redirect.html",
                new ClassPathResource(webjar + "oauth2-redirect.html", classLoader),
                HTML,
                tag);
        add(
                "oauth2-redirect.js",
                new ClassPathResource(webjar + "oauth2-redirect.js", classLoader),
                JAVASCRIPT,
                tag);
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(DOCUMENT_PATH, this::document)
                .GET(PAGE_PATH, request -> serve(request, page))
                // Relative links need the page at /docs, not /docs/.
                .GET(
                        PAGE_PATH + "/",
                        request ->
                                ServerResponse.status(HttpStatus.MOVED_PERMANENTLY)
                                        .location(URI.create("../docs"))
                                        .build())
                .GET(
                        PAGE_PATH + "/{asset}",
                        request -> {
                            Asset asset = assets.get(request.pathVariable("asset"));
                            return asset == null
                                    ? ServerResponse.notFound().build()
                                    : serve(request, asset);
                        })
                .build();
    }

    private Mono<ServerResponse> document(ServerRequest request) {
        return request.checkNotModified(document.etag())
                .switchIfEmpty(
                        Mono.defer(
                                () ->
                                        ServerResponse.ok()
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .eTag(document.etag())
                                                .cacheControl(CacheControl.noCache())
                                                .bodyValue(document.json())));
    }

    private Mono<ServerResponse> serve(ServerRequest request, Asset asset) {
        return request.checkNotModified(asset.etag())
                .switchIfEmpty(
                        Mono.defer(
                                () ->
                                        ServerResponse.ok()
                                                .contentType(asset.type())
                                                .eTag(asset.etag())
                                                .cacheControl(CacheControl.noCache())
                                                .body(
                                                        BodyInserters.fromResource(
                                                                asset.resource()))));
    }

    private void add(String name, Resource resource, MediaType type, String tag) {
        assets.put(name, asset(resource, type, tag));
    }

    private static Asset asset(Resource resource, MediaType type, String tag) {
        if (!resource.exists()) {
            throw new IllegalStateException("the docs page lacks " + resource.getDescription());
        }
        String name = resource.getFilename();
        return new Asset(resource, type, "\"" + tag + "-" + name + "\"");
    }

    /**
     * The version of the swagger-ui webjar on the classpath: its assets live under a folder of that
     * name.
     */
    static String swaggerUiVersion(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
