package org.chainbreaker.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.cases.CaseWorkOverGrpcTest.failure;
import static org.chainbreaker.cases.ProtectedFieldSamples.addPerson;
import static org.chainbreaker.cases.ProtectedFieldSamples.analyse;
import static org.chainbreaker.cases.ProtectedFieldSamples.investigator;
import static org.chainbreaker.cases.ProtectedFieldSamples.marker;
import static org.chainbreaker.cases.ProtectedFieldSamples.open;
import static org.chainbreaker.cases.ProtectedFieldSamples.persons;
import static org.chainbreaker.cases.ProtectedFieldSamples.superuser;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddLeadFindingRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateLeadRequest;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.chainbreaker.cases.v1.GetLeadRequest;
import org.chainbreaker.cases.v1.GetTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.IdentifierHit;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.MatchIdentifierRequest;
import org.chainbreaker.cases.v1.MatchIdentifierResponse;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.ShareCaseRequest;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.devstack.DiskScan;
import org.chainbreaker.devstack.SuperuserScan;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Per-country keys, through the real SoftHSM2 token and the real PostgreSQL: what the operator's
 * database access sees of the protected fields, crypto-shredding, and tampered or moved ciphertexts
 * (rotating the key encryption key and a bad PIN: {@link ProtectedFieldKeysTest}).
 */
class ProtectedFieldsTest extends RunningCaseService {

    @Autowired CountryKeys countryKeys;
    @Autowired DataKeys dataKeys;

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
        assertThat(scan.dump())
                .as("the dump (%s) holds the unprotected title", scan.dumpedBy())
                .contains(c.getTitle());
        System.out.printf(
                "protected fields: %d secrets absent from %,d characters of rows and %,d of dump (%s)%n",
                secrets.size(), scan.rows().length(), scan.dump().length(), scan.dumpedBy());

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
}
