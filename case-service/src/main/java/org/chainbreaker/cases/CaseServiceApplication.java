package org.chainbreaker.cases;

import org.chainbreaker.platform.keys.KeysConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The case-service: cases and their sharing between countries, over gRPC only. Its protected fields
 * are sealed under each country's key in the PKCS#11 token ({@link KeysConfiguration}).
 */
@SpringBootApplication
@Import(KeysConfiguration.class)
public class CaseServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseServiceApplication.class, args);
    }
}
