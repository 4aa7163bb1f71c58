package org.chainbreaker.fugitives;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The fugitive-service: operations, wanted persons and their notices, cross-script name search,
 * sightings, arrests and hit/no-hit checks. Serves gRPC only; every caller's token is verified by
 * the platform library.
 */
@SpringBootApplication
public class FugitiveServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FugitiveServiceApplication.class, args);
    }
}
