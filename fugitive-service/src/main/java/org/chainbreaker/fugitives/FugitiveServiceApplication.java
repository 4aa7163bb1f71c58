package org.chainbreaker.fugitives;

import org.chainbreaker.platform.keys.KeysConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The fugitive-service: operations, wanted persons and their notices, cross-script name search,
 * sightings, arrests and hit/no-hit checks. Serves gRPC only; every caller's token is verified by
 * the platform library. Identity-document numbers are sealed under the owning country's key and
 * matched through the deployment's blind index, and checkpoints of the audit chain are signed, both
 * with keys in the PKCS#11 token ({@link KeysConfiguration}) like the other services.
 */
@SpringBootApplication
@Import(KeysConfiguration.class)
public class FugitiveServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FugitiveServiceApplication.class, args);
    }
}
