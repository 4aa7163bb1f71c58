package org.chainbreaker.repatriation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The repatriation-service: transfers of suspects, returns of victims, two-country approval, logistics and emergency rescue requests. Its domain grows in its own issue; today it serves health and reflection and verifies every caller's token. */
@SpringBootApplication
public class RepatriationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RepatriationServiceApplication.class, args);
    }
}
