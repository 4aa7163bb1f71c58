package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.ProtectedFieldSamples.addPerson;
import static org.chainbreaker.cases.ProtectedFieldSamples.investigator;
import static org.chainbreaker.cases.ProtectedFieldSamples.marker;
import static org.chainbreaker.cases.ProtectedFieldSamples.open;
import static org.chainbreaker.cases.ProtectedFieldSamples.persons;
import static org.chainbreaker.cases.ProtectedFieldSamples.superuser;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.keys.KekRotationCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Per-country keys, through the real SoftHSM2 token and the real PostgreSQL: rotating a country's
 * key encryption key with the operator's command while the country works, a first protected write
 * after a rotation elsewhere, and a service refused by the token's PIN.
 */
class ProtectedFieldKeysTest extends RunningCaseService {

    @Autowired CountryKeys countryKeys;
    @Autowired DataKeys dataKeys;

    /**
     * The operator's command (platform KekRotationCommand, bin/rotate-kek) in a JVM of its own, as
     * the operator runs it beside the service: its own login to the token, the owner role.
     */
    private static String kekCommand(String action, String country) throws Exception {
        List<String> command =
                List.of(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KekRotationCommand.class.getName(),
                        action,
                        country);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        var env = builder.environment();
        env.putAll(org.chainbreaker.devstack.SoftHsm.shared().environment());
        env.remove("JAVA_TOOL_OPTIONS");
        org.chainbreaker.devstack.SoftHsm.shared()
                .serviceProperties()
                .forEach(
                        (key, value) ->
                                env.put(
                                        key.toUpperCase(java.util.Locale.ROOT)
                                                .replace('.', '_')
                                                .replace('-', '_'),
                                        value));
        env.put("SPRING_FLYWAY_URL", DATABASE.jdbcUrl());
        env.put("SPRING_FLYWAY_USER", DATABASE.ownerUser());
        env.put("SPRING_FLYWAY_PASSWORD", DATABASE.ownerPassword());
        // destroy-unused checks every database holding data keys: here the case database is the
        // one.
        env.put("CHAINBREAKER_KEYS_DATABASES", "none");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("rotate-kek %s %s:%n%s", action, country, output)
                .isZero();
        return output;
    }

    @Test
    void a_new_key_encryption_key_rewraps_the_data_keys_while_the_country_keeps_working()
            throws Exception {
        CaseServiceBlockingStub ph = investigator("PH");
        Case c = open(ph, "rotation under load");
        String name = marker("PH victim");
        addPerson(ph, c, name, "before the rotation", "");
        String before = countryKeys.currentLabel("PH").orElseThrow();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean writer = i == 0;
            workers.add(
                    load.submit(
                            () -> {
                                while (running.get()) {
                                    try {
                                        if (writer) {
                                            addPerson(
                                                    ph,
                                                    c,
                                                    marker("during"),
                                                    "written during the rotation",
                                                    "");
                                            writes.incrementAndGet();
                                        } else {
                                            List<Person> seen = persons(ph, c);
                                            if (!seen.getFirst().getFullName().equals(name)
                                                    || seen.stream()
                                                            .anyMatch(
                                                                    p ->
                                                                            !p.getWithheldFieldsList()
                                                                                    .isEmpty())) {
                                                throw new AssertionError(
                                                        "read wrong during the rotation: " + seen);
                                            }
                                            reads.incrementAndGet();
                                        }
                                        dataKeys.forget("PH");
                                    } catch (Throwable e) {
                                        errors.add(e);
                                    }
                                }
                            }));
        }
        // Load before, during and after the rotation, counted in calls rather than time (the
        // machine may be slow).
        awaitReads(reads, 20, errors);
        // Rotated by the operator's command in another process, the service running on.
        String rotatedOutput = kekCommand("rotate", "PH");
        int atRotation = reads.get();
        awaitReads(reads, atRotation + 20, errors);
        String newLabel = countryKeys.currentLabel("PH").orElseThrow();
        // The old key goes while the load goes on: everything opens under the new one alone.
        String destroyed = kekCommand("destroy-unused", "PH");
        int atDestruction = reads.get();
        awaitReads(reads, atDestruction + 20, errors);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        load.shutdown();

        assertThat(errors).isEmpty();
        assertThat(reads.get()).isGreaterThanOrEqualTo(atDestruction + 20);
        assertThat(newLabel).isNotEqualTo(before);
        assertThat(rotatedOutput).contains("new key-encryption key " + newLabel, "1 data key(s)");
        assertThat(destroyed).contains(before);
        try (Connection db = superuser();
                Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select kek_label from country_data_keys where country = 'PH'")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).isEqualTo(newLabel);
            }
        }
        countryKeys.refresh();
        assertThat(countryKeys.labels("PH")).containsExactly(newLabel);
        dataKeys.forget("PH");
        List<Person> after = persons(ph, c);
        assertThat(after).hasSize(1 + writes.get());
        assertThat(after).allSatisfy(p -> assertThat(p.getWithheldFieldsList()).isEmpty());
        assertThat(after.getFirst().getFullName()).isEqualTo(name);
        System.out.printf(
                "rotation under load by the command: %d reads and %d writes, none failed; %s -> %s,"
                        + " %s destroyed%n",
                reads.get(), writes.get(), before, newLabel, before);
    }

    /**
     * Found by running bin/rotate-kek against the local stack: a country whose first protected
     * write comes after the operator's command rotated its key and destroyed the old one, in
     * another process, got INTERNAL (the service wrapped the new data key under the key its stale
     * list named, which was gone).
     */
    @Test
    void a_countrys_first_protected_write_after_its_key_was_rotated_and_destroyed_elsewhere_works()
            throws Exception {
        String before = countryKeys.currentLabel("BN").orElseThrow();
        kekCommand("rotate", "BN");
        kekCommand("destroy-unused", "BN");
        CaseServiceBlockingStub bn = investigator("BN");
        Case c = open(bn, "first protected write after a rotation");
        String name = marker("BN victim");
        addPerson(bn, c, name, "", "+673 000 0000");
        assertThat(persons(bn, c))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getFullName()).isEqualTo(name);
                            assertThat(p.getWithheldFieldsList()).isEmpty();
                        });
        try (Connection db = superuser();
                Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select kek_label from country_data_keys where country = 'BN'")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).isNotEqualTo(before);
            }
        }
    }

    private static void awaitReads(
            AtomicInteger reads, int atLeast, ConcurrentLinkedQueue<Throwable> errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (reads.get() < atLeast && errors.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * In a process of its own: PKCS#11 logins are per process, and this JVM's service is logged in
     * to the token already (the token would answer "already logged in" whatever the PIN).
     */
    @Test
    void a_service_given_the_wrong_pin_does_not_start_and_says_why() throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java.nio.file.Path.of(
                                                System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                CaseServiceApplication.class.getName()));
        Suite.serviceProperties(0, DATABASE, TOKENS.issuer())
                .forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--chainbreaker.keys.pin=not-the-pin");
        command.add("--spring.grpc.server.address=127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(org.chainbreaker.devstack.SoftHsm.shared().environment());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process service = builder.start();
        String output = new String(service.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(service.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(service.exitValue()).as("exit status; output:%n%s", output).isNotZero();
        assertThat(output).contains("the PKCS#11 token refused the PIN (CKR_PIN_INCORRECT)");
    }

    /**
     * The keys the services use, read from the token as any process logged in with the PIN reads
     * them: each country's KEKs and the blind-index key are token objects, sensitive and not
     * extractable, so their bytes are not handed out, to the services or to anyone else.
     */
    @Test
    void every_countrys_key_and_the_blind_index_key_stay_in_the_token_and_cannot_be_read_out()
            throws Exception {
        var properties = org.chainbreaker.devstack.SoftHsm.shared().serviceProperties();
        java.security.Provider provider =
                java.security.Security.getProvider("SunPKCS11")
                        .configure(
                                "--name=key-check\nlibrary="
                                        + properties.get("chainbreaker.keys.pkcs11-library")
                                        + "\nslotListIndex=0");
        java.security.KeyStore token = java.security.KeyStore.getInstance("PKCS11", provider);
        token.load(null, properties.get("chainbreaker.keys.pin").toCharArray());
        List<String> checked = new ArrayList<>();
        for (String alias : java.util.Collections.list(token.aliases())) {
            if (!alias.startsWith("kek-") && !alias.equals(CountryKeys.BLIND_INDEX_LABEL)) {
                continue;
            }
            java.security.Key key = token.getKey(alias, null);
            assertThat(key.getEncoded()).as("%s's bytes", alias).isNull();
            assertThat(key.toString())
                    .as(alias)
                    .contains("token object")
                    .contains("sensitive")
                    .doesNotContain("not sensitive")
                    .contains("unextractable");
            checked.add(alias);
        }
        assertThat(checked)
                .contains(CountryKeys.BLIND_INDEX_LABEL)
                .anyMatch(a -> a.startsWith("kek-KR-"))
                .anyMatch(a -> a.startsWith("kek-TH-"));
    }
}
