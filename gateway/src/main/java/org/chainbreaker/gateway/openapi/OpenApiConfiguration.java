package org.chainbreaker.gateway.openapi;

import org.chainbreaker.gateway.transcoding.ContractFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The OpenAPI document of the REST face, generated at start-up from the same contract the
 * transcoder serves, and the Swagger UI page to try it. Both are open (outside {@code /api/}): they
 * describe the API, not its data.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenApiConfiguration.class);

    @Bean
    OpenApiDocument openApiDocument(ContractFiles contract, Environment environment) {
        String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        var settings =
                new OpenApiGenerator.Settings(
                        "Chainbreaker API", version == null ? "v1" : version, issuer(environment));
        OpenApiDocument document =
                OpenApiDocument.of(
                        contract.files(), settings, OpenApiConfiguration.class.getClassLoader());
        log.info(
                "OpenAPI document: {} paths, served at {} and {}",
                document.tree().getAsJsonObject("paths").size(),
                DocsRoutes.DOCUMENT_PATH,
                DocsRoutes.PAGE_PATH);
        return document;
    }

    @Bean
    RouterFunction<ServerResponse> openApiRoutes(OpenApiDocument document) {
        return new DocsRoutes(document, OpenApiConfiguration.class.getClassLoader()).routes();
    }

    private static String issuer(Environment environment) {
        String issuer = environment.getProperty("chainbreaker.security.issuer");
        return issuer == null || issuer.isBlank() ? null : issuer.strip();
    }
}
