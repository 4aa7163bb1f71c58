package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chainbreaker.devstack.DiskScan;
import org.chainbreaker.devstack.SuperuserScan;
import org.chainbreaker.fugitives.v1.CheckIdentityRequest;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.GetWantedPersonRequest;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.IdentityHit;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.platform.keys.CountryKeys;
import org.chainbreaker.platform.keys.DataKeys;
import org.chainbreaker.platform.keys.KeyRotation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Identity-document numbers of wanted persons are sealed under the owning country's key and matched
 * across countries through the blind index, against the real SoftHSM2 token and PostgreSQL; and the
 * operator's re-wrap of a database's data keys under a country's new key lets the old key go.
 */
class ProtectedDocumentNumbersTest extends RunningFugitiveService {

    @Autowired CountryKeys keys;
    @Autowired KeyRotation rotation;
    @Autowired DataKeys dataKeys;

    private static String randomNumber(String prefix) {
        return prefix + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
    }

    private static WantedPerson.Builder holding(String name, String number, String issuer) {
        return person(name, 1979, 4, 2)
                .clearDocuments()
                .addDocuments(
                        IdentityDocument.newBuilder()
                                .setType(IdentityDocument.Type.PASSPORT)
                                .setNumber(number)
                                .setIssuingCountry(issuer));
    }

    private static WantedPerson read(FugitiveServiceBlockingStub as, String id) {
        return as.getWantedPerson(GetWantedPersonRequest.newBuilder().setId(id).build());
    }

    private static List<String> documentHits(FugitiveServiceBlockingStub as, String number) {
        return as
                .checkIdentity(
                        CheckIdentityRequest.newBuilder()
                                .setDocumentNumber(number)
                                .setPurpose("border check")
                                .build())
                .getHitsList()
                .stream()
                .map(IdentityHit::getReference)
                .toList();
    }

    @Test
    void
            the_database_superuser_and_a_copy_of_the_disk_hold_no_document_number_and_checks_still_hit()
                    throws Exception {
        String krNumber = randomNumber("M");
        String thNumber = randomNumber("AA");
        // An unprotected field written in the same run: the scans must find it (the control).
        String warrant = "W-" + UUID.randomUUID();
        WantedPerson kr =
                published(
                        investigator("KR"),
                        holding("Park Sung-ho", krNumber, "KR")
                                .setWarrant(
                                        org.chainbreaker.fugitives.v1.Warrant.newBuilder()
                                                .setReference(warrant)
                                                .setIssuingAuthority("Seoul District Court")));
        WantedPerson th = published(investigator("TH"), holding("Somchai Rakdee", thNumber, "TH"));

        assertThat(read(investigator("KR"), kr.getId()).getDocuments(0).getNumber())
                .isEqualTo(krNumber);
        // Another country's check, spelled differently, hits through the blind index and learns
        // only owner and reference.
        String spaced =
                krNumber.charAt(0) + " " + krNumber.substring(1, 5) + "-" + krNumber.substring(5);
        assertThat(documentHits(investigator("VN"), spaced.toLowerCase()))
                .containsExactly(kr.getReference());
        assertThat(documentHits(investigator("KR"), thNumber)).containsExactly(th.getReference());
        assertThat(documentHits(investigator("VN"), randomNumber("M"))).isEmpty();

        List<String> numbers = List.of(krNumber, thNumber);
        SuperuserScan scan = SuperuserScan.of("fugitives");
        assertThat(scan.found(numbers)).isEmpty();
        assertThat(scan.found(List.of(warrant))).containsExactly(warrant);
        assertThat(scan.rows()).contains("cb1:").contains("bi1:");

        DiskScan disk = DiskScan.of(List.of(krNumber, thNumber, warrant));
        assertThat(disk.found()).as("%s", disk).containsExactly(warrant);
    }

    @Test
    void after_a_rewrap_under_the_new_key_the_old_key_can_go_and_every_document_number_still_reads()
            throws Exception {
        String idNumber = randomNumber("B");
        String bnNumber = randomNumber("BN");
        WantedPerson id = record(investigator("ID"), holding("Budi Santoso", idNumber, "ID"));
        WantedPerson bn = record(investigator("BN"), holding("Hasan Ali", bnNumber, "BN"));
        String idOld = keys.currentLabel("ID").orElseThrow();
        String bnOld = keys.currentLabel("BN").orElseThrow();

        // The rotation ran against another database (it made the new key there); this database's
        // data keys are re-wrapped by the rewrap step alone.
        String idNew = keys.createKek("ID");
        KeyRotation.Rotated rewrapped = rotation.rewrap("ID");
        assertThat(rewrapped.newLabel()).isEqualTo(idNew);
        assertThat(rewrapped.rewrapped()).isPositive();
        assertThat(rotation.usage("ID")).containsEntry(idOld, 0);
        assertThat(rotation.unusedLabels("ID", List.of())).containsExactly(idOld);
        keys.destroyLabel(idOld);
        dataKeys.forget("ID");
        assertThat(keys.labels("ID")).containsExactly(idNew);
        var kept = read(investigator("ID"), id.getId()).getDocuments(0);
        assertThat(kept.getNumber()).isEqualTo(idNumber);
        assertThat(kept.getWithheldFieldsList()).isEmpty();

        // The control: a country whose data keys were not re-wrapped loses its numbers with its
        // old key, which is what the read above would show had the rewrap missed a data key.
        keys.createKek("BN");
        keys.destroyLabel(bnOld);
        dataKeys.forget("BN");
        WantedPerson lost = read(investigator("BN"), bn.getId());
        assertThat(lost.getDocuments(0).getNumber()).isEmpty();
        assertThat(lost.getDocuments(0).getWithheldFieldsList())
                .as("a shredded number says it is withheld, not that none was recorded")
                .containsExactly("number");
        assertThat(lost.getPrimaryName().getValue()).isEqualTo("Hasan Ali");
    }

    @Test
    void
            an_edit_that_would_keep_a_shredded_document_number_is_refused_until_the_number_is_re_entered() {
        String lostNumber = randomNumber("BN");
        FugitiveServiceBlockingStub bn = investigator("BN");
        WantedPerson recorded = record(bn, holding("Hasan Bakar", lostNumber, "BN"));
        String old = keys.currentLabel("BN").orElseThrow();
        keys.createKek("BN");
        keys.destroyLabel(old);
        dataKeys.forget("BN");
        WantedPerson shredded = read(bn, recorded.getId());
        assertThat(shredded.getDocuments(0).getWithheldFieldsList()).containsExactly("number");

        // Another field changed, the documents left as they are; and the record sent back as read.
        for (UpdateWantedPersonRequest keeping :
                List.of(
                        UpdateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        shredded.toBuilder()
                                                .clearCharges()
                                                .addCharges("money laundering"))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("charges"))
                                .build(),
                        UpdateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        shredded.toBuilder()
                                                .clearCharges()
                                                .addCharges("money laundering"))
                                .build())) {
            StatusRuntimeException refused =
                    catchThrowableOfType(
                            StatusRuntimeException.class, () -> bn.updateWantedPerson(keeping));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(refused.getStatus().getDescription())
                    .contains("documents[0].number is withheld");
        }
        assertThat(read(bn, recorded.getId()).getEtag()).isEqualTo(shredded.getEtag());

        String reentered = randomNumber("BN");
        WantedPerson changed =
                bn.updateWantedPerson(
                        UpdateWantedPersonRequest.newBuilder()
                                .setWantedPerson(
                                        shredded.toBuilder()
                                                .clearCharges()
                                                .addCharges("money laundering")
                                                .setDocuments(
                                                        0,
                                                        shredded.getDocuments(0).toBuilder()
                                                                .setNumber(reentered)))
                                .setUpdateMask(
                                        FieldMask.newBuilder()
                                                .addPaths("charges")
                                                .addPaths("documents"))
                                .build());
        assertThat(changed.getDocuments(0).getNumber()).isEqualTo(reentered);
        assertThat(changed.getDocuments(0).getWithheldFieldsList()).isEmpty();
        assertThat(changed.getChargesList()).containsExactly("money laundering");
    }
}
