package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.IdentifierHit;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.DiskScan;
import org.chainbreaker.devstack.PostgresServer;
import org.chainbreaker.devstack.Suite;
import org.chainbreaker.devstack.SuperuserScan;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.keys.KekRotationCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 18, per-country keys, through the real SoftHSM2 token and the real PostgreSQL: what the
 * operator's database access sees of the protected fields, crypto-shredding, rotation under load,
 * and bad keys and ciphertexts.
 */
class ProtectedFieldsTest extends RunningCaseService {

    @Autowired CountryKeys countryKeys;
    @Autowired DataKeys dataKeys;

    private static String marker(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CaseServiceBlockingStub investigator(String country) {
        String cc = country.toLowerCase();
        return casesAs(country, cc + "-investigator", "investigator");
    }

    private static Case open(CaseServiceBlockingStub cases, String title) {
        return cases.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD))
                        .build());
    }

    private static Person addPerson(
            CaseServiceBlockingStub cases,
            Case c,
            String name,
            String description,
            String contact) {
        return cases.addPerson(
                AddPersonRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setPerson(
                                Person.newBuilder()
                                        .setRole(Person.Role.VICTIM)
                                        .setFullName(name)
                                        .setNationality("ID")
                                        .setBirthYear(1999)
                                        .setDescription(description)
                                        .setContact(contact))
                        .build());
    }

    private static List<Person> persons(CaseServiceBlockingStub cases, Case c) {
        return cases.listPersons(ListPersonsRequest.newBuilder().setCaseId(c.getId()).build())
                .getPersonsList();
    }

    private static TechnicalAnalysis analyse(
            CaseServiceBlockingStub cases, Case c, String title, String tool, String description) {
        return cases.createTechnicalAnalysis(
                CreateTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setTechnicalAnalysis(
                                TechnicalAnalysis.newBuilder()
                                        .setKind(TechnicalAnalysis.Kind.DEEPFAKE_TOOL)
                                        .setTitle(title)
                                        .setToolName(tool)
                                        .setDescription(description))
                        .build());
    }

    private static Connection superuser() throws SQLException {
        return PostgresServer.shared().superuserConnection("cases");
    }

    @Test
    void the_database_superuser_and_a_copy_of_the_disk_find_no_plaintext_of_a_protected_field()
            throws Exception {
        CaseServiceBlockingStub kr = investigator("KR");
        Case c = open(kr, "protected fields " + UUID.randomUUID());
        String name = marker("Siti Victimname");
        String description = marker("held in compound B");
        String contact = marker("+62811") + "@example.org";
        String finding = marker("wallet moved to exchange");
        String analysisTitle = marker("deepfake kit seized");
        String tool = marker("FaceSwapper");
        String analysisText = marker("the kit renders a live face");
        Person person = addPerson(kr, c, name, description, contact);
        String digits = String.format("%08d", new java.util.Random().nextInt(100_000_000));
        String phone =
                "+66 8"
                        + digits.substring(0, 1)
                        + " "
                        + digits.substring(1, 4)
                        + " "
                        + digits.substring(4);
        Lead lead =
                kr.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.PHONE_NUMBER)
                                                .setValue(phone)
                                                .setDescription("from the victim"))
                                .build());
        assertThat(lead.getValue()).isEqualTo(phone);
        assertThat(lead.getNormalizedValue()).isEqualTo("phone:+668" + digits);
        kr.addLeadFinding(
                AddLeadFindingRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setId(lead.getId())
                        .setText(finding)
                        .build());
        TechnicalAnalysis analysis = analyse(kr, c, analysisTitle, tool, analysisText);

        // The owner, and a partner the case is shared with, read every value back.
        assertThat(person.getFullName()).isEqualTo(name);
        assertThat(persons(kr, c))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getFullName()).isEqualTo(name);
                            assertThat(p.getDescription()).isEqualTo(description);
                            assertThat(p.getContact()).isEqualTo(contact);
                            assertThat(p.getWithheldFieldsList()).isEmpty();
                        });
        kr.shareCase(
                ShareCaseRequest.newBuilder()
                        .setId(c.getId())
                        .setCountry("TH")
                        .setHandlingCode(HandlingCode.H1)
                        .build());
        assertThat(persons(investigator("TH"), c))
                .singleElement()
                .satisfies(p -> assertThat(p.getFullName()).isEqualTo(name));
        assertThat(
                        kr.getLead(
                                        GetLeadRequest.newBuilder()
                                                .setCaseId(c.getId())
                                                .setId(lead.getId())
                                                .build())
                                .getFindings(0)
                                .getText())
                .isEqualTo(finding);
        TechnicalAnalysis read =
                kr.getTechnicalAnalysis(
                        GetTechnicalAnalysisRequest.newBuilder()
                                .setCaseId(c.getId())
                                .setId(analysis.getId())
                                .build());
        assertThat(List.of(read.getTitle(), read.getToolName(), read.getDescription()))
                .containsExactly(analysisTitle, tool, analysisText);

        // Cross-country matching still works through the blind index: VN, which sees nothing of the
        // case, is told
        // whom to ask; TH, a partner, sees the case.
        MatchIdentifierResponse vnMatch =
                investigator("VN")
                        .matchIdentifier(
                                MatchIdentifierRequest.newBuilder()
                                        .setIdentifier(
                                                Identifier.newBuilder()
                                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                                        .setValue("+668" + digits))
                                        .setPurpose("protected fields test")
                                        .build());
        assertThat(vnMatch.getHitsList())
                .extracting(IdentifierHit::getOwnerCountry)
                .containsExactly("KR");
        assertThat(vnMatch.getCasesList()).isEmpty();
        MatchIdentifierResponse thMatch =
                investigator("TH")
                        .matchIdentifier(
                                MatchIdentifierRequest.newBuilder()
                                        .setIdentifier(
                                                Identifier.newBuilder()
                                                        .setKind(Identifier.Kind.PHONE_NUMBER)
                                                        .setValue(phone))
                                        .setPurpose("protected fields test")
                                        .build());
        assertThat(thMatch.getCasesList()).extracting(Case::getId).containsExactly(c.getId());

        List<String> secrets =
                List.of(
                        name,
                        description,
                        contact,
                        finding,
                        analysisTitle,
                        tool,
                        analysisText,
                        "668" + digits);
        SuperuserScan scan = SuperuserScan.of("cases");
        assertThat(scan.found(secrets)).as("found as superuser in the rows or the dump").isEmpty();
        // The sealed values are there (the search looked at the right rows).
        assertThat(scan.rows()).contains(person.getId()).contains("cb1:");
        System.out.printf(
                "protected fields: %d secrets absent from %,d characters of rows and %,d of dump%n",
                secrets.size(), scan.rows().length(), scan.dump().length());

        // A copy of the disk: every file of the server's data directory after a checkpoint. The
        // case's title is not protected: the control that the scan finds what is there.
        List<String> onDisk = new ArrayList<>(secrets);
        onDisk.add(c.getTitle());
        DiskScan disk = DiskScan.of(onDisk);
        assertThat(disk.found()).as("found on disk (%s)", disk).containsExactly(c.getTitle());
        System.out.printf("protected fields: %d secrets absent from %s%n", secrets.size(), disk);
    }

    @Test
    void destroying_a_countrys_key_withholds_its_protected_fields_and_nothing_else() {
        CaseServiceBlockingStub kh = investigator("KH");
        CaseServiceBlockingStub kr = investigator("KR");
        Case shredded = open(kh, "KH case title stays readable");
        String khName = marker("KH victim");
        addPerson(kh, shredded, khName, "KH description", "+85512345678");
        TechnicalAnalysis analysis = analyse(kh, shredded, "KH analysis", "KH tool", "KH content");
        Lead khLead =
                kh.createLead(
                        CreateLeadRequest.newBuilder()
                                .setCaseId(shredded.getId())
                                .setLead(
                                        Lead.newBuilder()
                                                .setKind(Lead.Kind.WEBSITE)
                                                .setValue("https://kh-shredded.example")
                                                .setDescription("clear"))
                                .build());
        Case kept = open(kr, "KR case");
        String krName = marker("KR victim");
        addPerson(kr, kept, krName, "KR description", "kr@example.org");

        countryKeys.destroy("KH");
        dataKeys.forget("KH");
        try {
            // Protected fields read as withheld, named; unprotected fields and the rest of the
            // record still read.
            assertThat(persons(kh, shredded))
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.getFullName()).isEmpty();
                                assertThat(p.getDescription()).isEmpty();
                                assertThat(p.getContact()).isEmpty();
                                assertThat(p.getWithheldFieldsList())
                                        .containsExactly("full_name", "description", "contact");
                                assertThat(p.getNationality()).isEqualTo("ID");
                                assertThat(p.getBirthYear()).isEqualTo(1999);
                            });
            TechnicalAnalysis gone =
                    kh.getTechnicalAnalysis(
                            GetTechnicalAnalysisRequest.newBuilder()
                                    .setCaseId(shredded.getId())
                                    .setId(analysis.getId())
                                    .build());
            assertThat(gone.getWithheldFieldsList())
                    .containsExactly("title", "tool_name", "description");
            assertThat(gone.getKind()).isEqualTo(TechnicalAnalysis.Kind.DEEPFAKE_TOOL);
            Lead leadGone =
                    kh.getLead(
                            GetLeadRequest.newBuilder()
                                    .setCaseId(shredded.getId())
                                    .setId(khLead.getId())
                                    .build());
            assertThat(List.of(leadGone.getValue(), leadGone.getNormalizedValue()))
                    .containsExactly("", "");
            assertThat(leadGone.getWithheldFieldsList()).containsExactly("value");
            assertThat(leadGone.getDescription()).isEqualTo("clear");
            assertThat(
                            kh.getCase(GetCaseRequest.newBuilder().setId(shredded.getId()).build())
                                    .getTitle())
                    .isEqualTo("KH case title stays readable");
            // Its protected writes are refused, saying why; its unprotected work goes on.
            StatusRuntimeException refused = failure(() -> addPerson(kh, shredded, "new", "", ""));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(refused.getStatus().getDescription())
                    .contains("KH has no key-encryption key");
            assertThat(open(kh, "KH opens another case").getTitle())
                    .isEqualTo("KH opens another case");
            // Other countries are untouched.
            assertThat(persons(kr, kept))
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.getFullName()).isEqualTo(krName);
                                assertThat(p.getWithheldFieldsList()).isEmpty();
                            });
        } finally {
            // The country starts over with a new key (other classes of this JVM use KH); the old
            // data stays shredded.
            countryKeys.createKek("KH");
            dataKeys.forget("KH");
        }
        String again = marker("KH after a new key");
        addPerson(kh, shredded, again, "", "");
        assertThat(persons(kh, shredded))
                .extracting(Person::getFullName)
                .containsExactly("", again);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void a_tampered_or_moved_ciphertext_fails_for_that_field_only(CapturedOutput output)
            throws SQLException {
        CaseServiceBlockingStub kr = investigator("KR");
        Case c = open(kr, "tampering");
        Person first = addPerson(kr, c, marker("first"), "first description", "first@example.org");
        Person second =
                addPerson(kr, c, marker("second"), "second description", "second@example.org");
        try (Connection db = superuser();
                Statement s = db.createStatement()) {
            // A ciphertext moved to another row; one byte of another changed.
            s.executeUpdate(
                    "update case_persons set full_name = (select full_name from case_persons where id = '"
                            + first.getId()
                            + "') where id = '"
                            + second.getId()
                            + "'");
            s.executeUpdate(
                    "update case_persons set description = overlay(description placing"
                            + " case when substr(description, 20, 1) = 'A' then 'B' else 'A' end from 20 for 1)"
                            + " where id = '"
                            + first.getId()
                            + "'");
        }
        dataKeys.forget("KR");
        Map<String, Person> read = new java.util.HashMap<>();
        persons(kr, c).forEach(p -> read.put(p.getId(), p));
        assertThat(read.get(first.getId()).getFullName()).isEqualTo(first.getFullName());
        assertThat(read.get(first.getId()).getDescription()).isEmpty();
        assertThat(read.get(first.getId()).getWithheldFieldsList()).containsExactly("description");
        assertThat(read.get(first.getId()).getContact()).isEqualTo("first@example.org");
        assertThat(read.get(second.getId()).getFullName()).isEmpty();
        assertThat(read.get(second.getId()).getWithheldFieldsList()).containsExactly("full_name");
        assertThat(read.get(second.getId()).getDescription()).isEqualTo("second description");
        // Each failed check is logged with the record and the field, never the value.
        assertThat(output.getAll())
                .contains(
                        "protected field case_persons.description of record "
                                + first.getId()
                                + " (owner KR) failed its integrity check",
                        "protected field case_persons.full_name of record "
                                + second.getId()
                                + " (owner KR) failed its integrity check")
                .doesNotContain("first description");
    }

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
}
