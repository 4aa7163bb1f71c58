package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;

/**
 * SoftHSM2 (Debian package {@code softhsm2}) as the local stack's and the tests' PKCS#11 token,
 * started like PostgreSQL and Keycloak: a configuration and token directory under the run's {@code
 * target} directory (the file {@code SOFTHSM2_CONF} names; the build sets it for the test JVMs, and
 * {@link ServiceProcess} passes it to the services it starts), one token, and in it one
 * key-encryption key per country ({@code kek-<country>-1}) and the deployment's blind-index key,
 * all generated in the token as sensitive and not extractable.
 */
public final class SoftHsm {

    public static final String PIN = "dev-hsm-pin";
    private static final String SO_PIN = "dev-hsm-so-pin";
    public static final String TOKEN_LABEL = "chainbreaker";

    /** The services' audit checkpoint signing key (platform AuditCheckpoints). */
    public static final String AUDIT_SIGNING_LABEL = "audit-signing-1";

    private static final List<String> LIBRARIES =
            List.of(
                    "/usr/lib/softhsm/libsofthsm2.so",
                    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
                    "/usr/local/lib/softhsm/libsofthsm2.so",
                    "/opt/homebrew/lib/softhsm/libsofthsm2.so");

    /** The region's tenant codes (platform's TenantDirectory.REGION). */
    public static final List<String> COUNTRIES =
            List.of(
                    "KR",
                    "TH",
                    "VN",
                    "KH",
                    "LA",
                    "MM",
                    "PH",
                    "ID",
                    "MY",
                    "SG",
                    "BN",
                    "INTERPOL",
                    "ASEANAPOL");

    private static SoftHsm shared;

    private final Path conf;
    private final Path library;

    private SoftHsm(Path conf, Path library) {
        this.conf = conf;
        this.library = library;
    }

    /** The token of this run, initialised and provisioned on first use. */
    public static synchronized SoftHsm shared() {
        if (shared == null) {
            String fromEnv = System.getenv("SOFTHSM2_CONF");
            Path conf =
                    fromEnv != null && !fromEnv.isBlank()
                            ? Path.of(fromEnv).toAbsolutePath()
                            : Path.of("target", "softhsm", "softhsm2.conf").toAbsolutePath();
            shared = start(conf);
        }
        return shared;
    }

    /**
     * Uses the token under {@code dir} for this run (the local stack keeps it next to its
     * PostgreSQL data).
     */
    public static synchronized SoftHsm startShared(Path dir) {
        shared = start(dir.resolve("softhsm2.conf").toAbsolutePath());
        return shared;
    }

    /** The token of this run if one was started, for the environment of the processes started. */
    static synchronized SoftHsm startedOrNull() {
        return shared;
    }

    /**
     * Initialises the token described by {@code conf} if needed and gives every country its key.
     */
    public static SoftHsm start(Path conf) {
        Path library = library();
        Path tokens = conf.getParent().resolve("tokens");
        try {
            Files.createDirectories(tokens);
            Files.writeString(
                    conf,
                    "directories.tokendir = "
                            + tokens
                            + "\nobjectstore.backend = file\n"
                            + "log.level = ERROR\nslots.removable = false\n");
            boolean initialised;
            try (var entries = Files.list(tokens)) {
                initialised = entries.findAny().isPresent();
            }
            if (!initialised) {
                run(
                        conf,
                        List.of(
                                softhsmUtil(),
                                "--init-token",
                                "--free",
                                "--label",
                                TOKEN_LABEL,
                                "--pin",
                                PIN,
                                "--so-pin",
                                SO_PIN));
            }
            // Keys are made by a JVM whose environment names this configuration (the library reads
            // it once).
            List<String> command = javaRunning(SoftHsm.class);
            command.add(library.toString());
            run(conf, command);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not set up SoftHSM2 under " + conf.getParent(), e);
        }
        return new SoftHsm(conf, library);
    }

    /**
     * A command running {@code main} in a new JVM on this JVM's class path. From bin/run-local this
     * JVM runs devstack's executable jar, where the classes lie under {@code BOOT-INF/}: its own
     * launcher must load them.
     */
    static List<String> javaRunning(Class<?> main) throws IOException {
        String classPath = System.getProperty("java.class.path");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        if (bootJar(classPath)) {
            command.addAll(
                    List.of(
                            "-Dloader.main=" + main.getName(),
                            "-cp",
                            classPath,
                            "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", classPath, main.getName()));
        }
        return command;
    }

    private static boolean bootJar(String classPath) throws IOException {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null;
        }
    }

    public Path conf() {
        return conf;
    }

    /**
     * Gives each of these countries its first key where it has none: a run configured with tenants
     * beyond the region's (a benchmark's partner countries) writes their protected fields too.
     */
    public SoftHsm withKeysFor(List<String> countries) {
        try {
            List<String> command = javaRunning(SoftHsm.class);
            command.add(library.toString());
            command.addAll(countries);
            run(conf, command);
        } catch (IOException e) {
            throw new UncheckedIOException("could not give " + countries + " their keys", e);
        }
        return this;
    }

    /** The environment a process needs to reach this token. */
    public Map<String, String> environment() {
        return Map.of("SOFTHSM2_CONF", conf.toString());
    }

    /**
     * What a service needs to use the token (its environment must also hold {@link
     * #environment()}).
     */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("chainbreaker.keys.pkcs11-library", library.toString());
        properties.put("chainbreaker.keys.pin", PIN);
        return properties;
    }

    static Path library() {
        for (String candidate : LIBRARIES) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException(
                "SoftHSM2 is not installed (Debian package softhsm2; looked for "
                        + LIBRARIES
                        + "): the services keep their countries' keys in a PKCS#11 token");
    }

    private static String softhsmUtil() {
        for (String candidate :
                List.of(
                        "/usr/bin/softhsm2-util",
                        "/usr/local/bin/softhsm2-util",
                        "/opt/homebrew/bin/softhsm2-util")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("softhsm2-util not found (Debian package softhsm2)");
    }

    private static void run(Path conf, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "SoftHSM2 set-up failed: " + command.getFirst() + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Run with SOFTHSM2_CONF set: gives each country (the region's and any named after the library)
     * its first key and makes the blind-index key, where missing.
     */
    public static void main(String[] args) throws Exception {
        Provider provider =
                Security.getProvider("SunPKCS11")
                        .configure(
                                "--name=provision\nlibrary="
                                        + args[0]
                                        + "\nslotListIndex=0\nattributes(generate, CKO_SECRET_KEY, *) = {\n  CKA_SENSITIVE = true\n"
                                        + "  CKA_EXTRACTABLE = false\n}\n");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, PIN.toCharArray());
        List<String> aliases = Collections.list(token.aliases());
        int made = 0;
        List<String> countries = new ArrayList<>(COUNTRIES);
        for (String extra : Arrays.asList(args).subList(1, args.length)) {
            if (!countries.contains(extra)) {
                countries.add(extra);
            }
        }
        for (String country : countries) {
            if (aliases.stream().noneMatch(a -> a.startsWith("kek-" + country + "-"))) {
                KeyGenerator aes = KeyGenerator.getInstance("AES", provider);
                aes.init(256);
                token.setEntry(
                        "kek-" + country + "-1",
                        new KeyStore.SecretKeyEntry(aes.generateKey()),
                        null);
                made++;
            }
        }
        if (!aliases.contains("blind-index-1")) {
            KeyGenerator hmac = KeyGenerator.getInstance("HmacSHA256", provider);
            hmac.init(256);
            token.setEntry("blind-index-1", new KeyStore.SecretKeyEntry(hmac.generateKey()), null);
            made++;
        }
        if (aliases.stream().noneMatch(a -> a.startsWith("audit-signing-"))) {
            makeAuditSigningKey(Path.of(args[0]), AUDIT_SIGNING_LABEL, Map.of());
            made++;
        }
        System.out.println("SoftHSM2 token ready, " + made + " key(s) made");
    }

    /**
     * The audit checkpoints' ECDSA P-256 key pair, generated in the token (private key sensitive
     * and not extractable) with the self-signed certificate a PKCS#11 key store needs to list a
     * private key: the JDK's keytool does both through SunPKCS11 (the JDK has no API to make the
     * certificate).
     */
    private static void makeAuditSigningKey(Path library, String label, Map<String, String> env)
            throws IOException, InterruptedException {
        String config =
                "--name=provision-signing\nlibrary="
                        + library
                        + "\nslotListIndex=0\nattributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                        + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair",
                        "-alias",
                        label,
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-sigalg",
                        "SHA256withECDSA",
                        "-dname",
                        "CN=chainbreaker audit checkpoints",
                        "-validity",
                        "36500",
                        "-keystore",
                        "NONE",
                        "-storetype",
                        "PKCS11",
                        "-providerClass",
                        "sun.security.pkcs11.SunPKCS11",
                        "-providerArg",
                        config,
                        "-storepass",
                        PIN);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "keytool could not make the audit signing key " + label + ":\n" + output);
        }
    }

    /**
     * Makes a further audit signing key ({@code audit-signing-<n>}) in this token, from another
     * process, as an operator rotating the key would (docs/operations.md, signed audit
     * checkpoints): running services start signing with it and keep verifying with the old one.
     */
    public void addAuditSigningKey(String label) {
        try {
            makeAuditSigningKey(library, label, environment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
