package org.chainbreaker.cases;

import com.google.type.LatLng;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.ScamCentre;

/**
 * What the scam centre tests share: the countries' stubs, a centre in Myawaddy recorded by KR, and
 * reads of a centre and of every centre a country sees.
 */
abstract class ScamCentreFixture extends RunningCaseService {

    final CaseServiceBlockingStub kr = casesAs("KR", "kr-investigator", "investigator");
    final CaseServiceBlockingStub th = casesAs("TH", "th-investigator", "investigator");
    final CaseServiceBlockingStub vn = casesAs("VN", "vn-investigator", "investigator");

    static ScamCentre.Builder centre(String name) {
        return ScamCentre.newBuilder()
                .setName(name)
                .setLocation(
                        ScamCentre.Location.newBuilder()
                                .setCountry("MM")
                                .setProvince("Kayin State")
                                .setCity("Myawaddy")
                                .setCoordinates(
                                        LatLng.newBuilder().setLatitude(16.68).setLongitude(98.51)))
                .setOperatingGroup("Border guard-backed syndicate")
                .setEstimatedPeopleHeld(1200)
                .setDescription("Compound on the Moei river");
    }

    ScamCentre record(String name) {
        return kr.createScamCentre(
                CreateScamCentreRequest.newBuilder().setScamCentre(centre(name)).build());
    }

    static GetScamCentreRequest get(ScamCentre c) {
        return GetScamCentreRequest.newBuilder().setId(c.getId()).build();
    }

    static List<ScamCentre> allVisibleTo(CaseServiceBlockingStub as) {
        List<ScamCentre> all = new ArrayList<>();
        String token = "";
        do {
            ListScamCentresResponse page =
                    as.listScamCentres(
                            ListScamCentresRequest.newBuilder()
                                    .setPageSize(200)
                                    .setPageToken(token)
                                    .build());
            all.addAll(page.getScamCentresList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }
}
