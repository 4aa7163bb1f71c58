package org.chainbreaker.platform.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small connection pool as the owner role, for the work no request may do: retention
 * (audit_prune, outbox_prune) and the outbox relay (outbox_assign_positions). The application role,
 * which serves every request, cannot execute those functions (an application session could
 * otherwise delete the audit trail).
 *
 * <p>The owner role is the one the migrations already run as ({@code
 * spring.flyway.url/user/password}): every deployment (devstack, the Kubernetes overlays, an
 * external PostgreSQL) already gives each service its credentials, so the maintenance work needs no
 * new role or secret. It runs only the fixed statements of the classes above.
 */
public final class MaintenanceDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    public MaintenanceDatabase(String url, String user, String password) {
        this(url, user, password, Duration.ofSeconds(30));
    }

    /**
     * With how long a connection may take to be made ({@code connectTimeout}): a command run by an
     * operator says at once that a database cannot be reached, where a service waits out a database
     * that is restarting.
     */
    public MaintenanceDatabase(String url, String user, String password, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setPoolName("maintenance");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // The relay and retention take turns through advisory locks; two connections are enough.
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        // Connect lazily: a database that is not up yet must not stop the application from
        // starting.
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The owner role's credentials, as Flyway gets them ({@code spring.flyway.*}, the URL falling
     * back to the application's as Spring Boot's Flyway does).
     */
    public static MaintenanceDatabase from(Environment environment) {
        String url =
                environment.getProperty(
                        "spring.flyway.url", environment.getProperty("spring.datasource.url"));
        // Kubernetes runs the migrations in an init container (Migrate) and gives the service a
        // role that may run
        // the maintenance functions only, never the owner's credentials.
        String maintenanceUser = environment.getProperty("chainbreaker.maintenance.username");
        if (maintenanceUser != null && !maintenanceUser.isBlank()) {
            return new MaintenanceDatabase(
                    url,
                    maintenanceUser,
                    environment.getProperty("chainbreaker.maintenance.password", ""));
        }
        String user = environment.getProperty("spring.flyway.user");
        if (url == null || user == null) {
            throw new IllegalStateException(
                    "the maintenance connection (retention, outbox relay) runs as the owner role:"
                            + " set spring.flyway.user and spring.flyway.password (and spring.flyway.url or spring.datasource.url)");
        }
        return new MaintenanceDatabase(
                url, user, environment.getProperty("spring.flyway.password", ""));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
