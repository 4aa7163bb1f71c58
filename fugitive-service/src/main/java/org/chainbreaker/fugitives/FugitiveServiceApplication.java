package org.chainbreaker.fugitives;

import org.chainbreaker.platform.keys.KeyStoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The fugitive-service: operations, wanted persons and their notices, cross-script name search,
 * sightings, arrests and hit/no-hit checks. Serves gRPC only; every caller's token is verified by
 * the platform library. It seals no field, but signs checkpoints of its audit chain with the key in
 * the PKCS#11 token ({@link KeyStoreConfiguration}) like the other services.
 */
@SpringBootApplication
@Import(KeyStoreConfiguration.class)
public class FugitiveServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FugitiveServiceApplication.class, args);
    }
}
