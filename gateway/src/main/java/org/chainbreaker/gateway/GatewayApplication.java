package org.chainbreaker.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The suite's front door: verifies every caller's token, strips any tenant a client asserts itself,
 * and transcodes REST/JSON to the services' gRPC APIs from the contracts' {@code google.api.http}
 * annotations.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
