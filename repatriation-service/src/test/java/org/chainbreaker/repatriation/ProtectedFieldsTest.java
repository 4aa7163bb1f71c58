package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.chainbreaker.devstack.DiskScan;
import org.chainbreaker.devstack.SuperuserScan;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.chainbreaker.repatriation.v1.TravelDocument;
import org.junit.jupiter.api.Test;

/**
 * Per-country keys in the repatriation-service, through the real SoftHSM2 token and the real
 * PostgreSQL: what the operator's database access sees of the protected fields of a transfer and a
 * victim return.
 */
class ProtectedFieldsTest extends RunningRepatriationService {

    private static String marker(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void the_database_superuser_and_a_copy_of_the_disk_find_no_plaintext_of_a_protected_field()
            throws Exception {
        String name = marker("Nguyen Van Suspect");
        String document = "ETD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String personNeeds = marker("insulin twice a day");
        String groupNeeds = marker("two minors, one pregnant");
        // An escort's name is not protected: the control that the disk scan finds what is there.
        String escort = marker("Officer Escortname");
        var plan = plan("PH", "ID").toBuilder();
        plan.setEscorts(0, plan.getEscorts(0).toBuilder().setName(escort));
        plan.setPersons(
                0,
                plan.getPersons(0).toBuilder()
                        .setFullName(name)
                        .addSupportNeeds(personNeeds)
                        .setTravelDocument(
                                TravelDocument.newBuilder()
                                        .setType(TravelDocument.Type.PASSPORT)
                                        .setStatus(TravelDocument.Status.ISSUED)
                                        .setNumber(document)));
        Repatriation transfer =
                create(investigator("PH"), suspectTransfer("PH", "ID").setLogistics(plan));
        var group = victimReturn("PH", "ID", 4);
        group.setVictimGroup(group.getVictimGroup().toBuilder().addSupportNeeds(groupNeeds));
        Repatriation victims = create(investigator("PH"), group);

        // The receiving country reads every value back.
        Person read =
                investigator("ID")
                        .getRepatriation(
                                GetRepatriationRequest.newBuilder().setId(transfer.getId()).build())
                        .getLogistics()
                        .getPersons(0);
        assertThat(read.getFullName()).isEqualTo(name);
        assertThat(read.getSupportNeedsList()).contains(personNeeds);
        assertThat(read.getTravelDocument().getNumber()).isEqualTo(document);
        assertThat(
                        investigator("ID")
                                .getRepatriation(
                                        GetRepatriationRequest.newBuilder()
                                                .setId(victims.getId())
                                                .build())
                                .getVictimGroup()
                                .getSupportNeedsList())
                .contains(groupNeeds);

        SuperuserScan scan = SuperuserScan.of("repatriation");
        assertThat(scan.found(List.of(name, document, personNeeds, groupNeeds))).isEmpty();
        // The search looked at the right rows: the repatriations are there, their values sealed.
        assertThat(scan.rows())
                .contains(transfer.getId())
                .contains(victims.getId())
                .contains("cb1:");
        System.out.printf(
                "repatriation protected fields: 4 secrets absent from %,d characters of rows and %,d"
                        + " of dump (%s)%n",
                scan.rows().length(), scan.dump().length(), scan.dumpedBy());

        DiskScan disk = DiskScan.of(List.of(name, document, personNeeds, groupNeeds, escort));
        assertThat(disk.found()).as("found on disk (%s)", disk).containsExactly(escort);
        System.out.printf("repatriation protected fields: 4 secrets absent from %s%n", disk);
    }
}
