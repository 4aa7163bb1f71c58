package org.chainbreaker.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import org.chainbreaker.repatriation.v1.GetRepatriationRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationReadsRequest;
import org.chainbreaker.repatriation.v1.ListRepatriationsRequest;
import org.chainbreaker.repatriation.v1.Logistics;
import org.chainbreaker.repatriation.v1.Person;
import org.chainbreaker.repatriation.v1.Repatriation;
import org.junit.jupiter.api.Test;

/**
 * Who sees a repatriation (GetRepatriation, ListRepatriations, ListRepatriationReads) over gRPC
 * against a real PostgreSQL: both countries, transit countries and coordinators, nobody else.
 */
class RepatriationVisibilityOverGrpcTest extends RunningRepatriationService {

    @Test
    void both_countries_transit_countries_and_coordinators_see_a_repatriation_and_nobody_else() {
        Repatriation r =
                create(
                        investigator("PH"),
                        victimReturn("MM", "PH", 1)
                                .setLogistics(
                                        Logistics.newBuilder()
                                                .addPersons(
                                                        plan("MM", "PH").getPersons(0).toBuilder()
                                                                .setRole(Person.Role.VICTIM)
                                                                .setFullName("Maria Santos")
                                                                .setNationality("PH")
                                                                .addSupportNeeds("medical escort")))
                                .addTransitCountries("TH"));
        for (String tenant : List.of("MM", "PH", "TH", "INTERPOL", "ASEANAPOL")) {
            assertThat(
                            as(tenant, tenant.toLowerCase() + "-viewer", "viewer")
                                    .listRepatriations(
                                            ListRepatriationsRequest.newBuilder()
                                                    .setPageSize(200)
                                                    .build())
                                    .getRepatriationsList())
                    .as(tenant)
                    .extracting(Repatriation::getId)
                    .contains(r.getId());
        }
        assertThat(
                        liaison("VN")
                                .listRepatriations(
                                        ListRepatriationsRequest.newBuilder()
                                                .setPageSize(200)
                                                .build())
                                .getRepatriationsList())
                .extracting(Repatriation::getId)
                .doesNotContain(r.getId());
        // A transit country sees the logistics but not the victims' names or support needs.
        Repatriation seenByTransit =
                liaison("TH")
                        .getRepatriation(
                                GetRepatriationRequest.newBuilder().setId(r.getId()).build());
        assertThat(seenByTransit.getLogistics().getPersons(0).getFullName()).isEmpty();
        assertThat(seenByTransit.getLogistics().getPersons(0).getSupportNeedsList()).isEmpty();
        assertThat(seenByTransit.getLogistics().getPersons(0).getNationality()).isEqualTo("PH");
        assertThat(
                        liaison("PH")
                                .getRepatriation(
                                        GetRepatriationRequest.newBuilder()
                                                .setId(r.getId())
                                                .build())
                                .getLogistics()
                                .getPersons(0)
                                .getFullName())
                .isEqualTo("Maria Santos");
        // The country that opened the request learns who outside the two countries read it; others
        // may not ask.
        var reads =
                liaison("PH")
                        .listRepatriationReads(
                                ListRepatriationReadsRequest.newBuilder().setId(r.getId()).build())
                        .getReadsList();
        assertThat(reads)
                .extracting(e -> e.getActorCountry())
                .contains("TH")
                .doesNotContain("MM", "PH");
        assertThat(readsAskedBy("TH", r)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(readsAskedBy("MM", r)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(readsAskedBy("VN", r)).isEqualTo(Status.Code.NOT_FOUND);
        // A country may open only repatriations it sends or receives.
        assertThat(
                        statusOf(() -> create(investigator("VN"), victimReturn("MM", "PH", 3)))
                                .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    /** What a liaison officer of {@code country} is answered when it asks who read {@code r}. */
    private static Status.Code readsAskedBy(String country, Repatriation r) {
        return statusOf(
                        () ->
                                liaison(country)
                                        .listRepatriationReads(
                                                ListRepatriationReadsRequest.newBuilder()
                                                        .setId(r.getId())
                                                        .build()))
                .getCode();
    }
}
