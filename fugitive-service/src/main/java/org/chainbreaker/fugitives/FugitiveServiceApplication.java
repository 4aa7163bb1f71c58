package org.chainbreaker.fugitives;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The fugitive-service: operations, wanted persons and their notices, cross-script name search, sightings, arrests and hit/no-hit checks. Its domain grows in its own issue; today it serves health and reflection and verifies every caller's token. */
@SpringBootApplication
public class FugitiveServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FugitiveServiceApplication.class, args);
    }
}
