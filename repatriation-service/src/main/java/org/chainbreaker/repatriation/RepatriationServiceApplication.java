package org.chainbreaker.repatriation;

import org.chainbreaker.platform.keys.KeysConfiguration;
import org.chainbreaker.repatriation.app.RepatriationProperties;
import org.chainbreaker.repatriation.app.RescueProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The repatriation-service: transfers of suspects and returns of victims between two countries,
 * two-country approval, travel documents, itinerary, escorts and custody handover. Serves gRPC
 * only; every caller's token is verified by the platform library, and calls to the fugitive-service
 * carry the caller's token.
 */
@SpringBootApplication
@Import(KeysConfiguration.class)
@EnableConfigurationProperties({RepatriationProperties.class, RescueProperties.class})
public class RepatriationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RepatriationServiceApplication.class, args);
    }
}
