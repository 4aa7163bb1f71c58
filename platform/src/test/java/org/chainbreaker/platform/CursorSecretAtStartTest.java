package org.chainbreaker.platform;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.chainbreaker.platform.events.CursorCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A service with a database starts only with a cursor secret of its own, unless it runs under the
 * dev profile.
 */
class CursorSecretAtStartTest {

    /** A database the service never reaches in these tests: starting is all that is checked. */
    @Configuration(proxyBeanMethods = false)
    static class Database {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:none:");
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    private final ApplicationContextRunner service =
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class))
                    .withUserConfiguration(Database.class)
                    .withPropertyValues(
                            "spring.application.name=case-service",
                            "chainbreaker.security.issuer=http://127.0.0.1:1/realms/chainbreaker",
                            // The maintenance connection (owner role) is configured as every
                            // service's is; never reached here.
                            "spring.flyway.url=jdbc:postgresql://127.0.0.1:1/none",
                            "spring.flyway.user=owner");

    @Test
    void without_a_cursor_secret_the_service_does_not_start() {
        service.run(
                context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("chainbreaker.events.cursor-secret");
                });
    }

    @Test
    void under_the_dev_profile_it_starts_with_the_development_value_and_with_a_secret_anywhere() {
        service.withPropertyValues("spring.profiles.active=dev")
                .run(
                        context -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).hasSingleBean(CursorCodec.class);
                        });
        service.withPropertyValues(
                        "chainbreaker.events.cursor-secret=a-deployment-secret-of-some-length")
                .run(
                        context -> {
                            assertThat(context).hasNotFailed();
                            CursorCodec codec = context.getBean(CursorCodec.class);
                            String cursor = codec.encode(12);
                            assertThat(codec.decode(cursor, "cursor")).isEqualTo(12);
                            assertThat(
                                            new CursorCodec(
                                                            "a-deployment-secret-of-some-length",
                                                            "case-service")
                                                    .decode(cursor, "cursor"))
                                    .isEqualTo(12);
                        });
    }
}
