package org.chainbreaker.gateway.hygiene;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for browser-based partner tools, off unless origins are configured ({@code
 * chainbreaker.gateway.cors}). Preflights are answered before authentication (they carry no token);
 * the actual request still needs one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrossOrigin.Settings.class)
class CrossOrigin {

    /**
     * @param allowedOrigins exact origins allowed to call the API from a browser, e.g.
     *     https://portal.police.example
     * @param maxAge how long browsers may cache a preflight answer
     */
    @ConfigurationProperties("chainbreaker.gateway.cors")
    record Settings(List<String> allowedOrigins, Duration maxAge) {

        Settings {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
        }
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    CorsWebFilter corsWebFilter(Settings settings) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(settings.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(
                List.of(
                        "Authorization",
                        "Content-Type",
                        "Idempotency-Key",
                        "Last-Event-ID",
                        "traceparent",
                        "Content-Encoding"));
        api.setExposedHeaders(
                List.of("Retry-After", "WWW-Authenticate", "traceresponse", "Location", "ETag"));
        api.setAllowCredentials(false);
        api.setMaxAge(settings.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return new CorsWebFilter(source);
    }
}
