package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import com.google.type.LatLng;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.CreateScamCentreRequest;
import org.chainbreaker.cases.v1.GetScamCentreRequest;
import org.chainbreaker.cases.v1.ListScamCentresRequest;
import org.chainbreaker.cases.v1.ListScamCentresResponse;
import org.chainbreaker.cases.v1.RevokeScamCentreShareRequest;
import org.chainbreaker.cases.v1.ScamCentre;
import org.chainbreaker.cases.v1.ShareScamCentreRequest;
import org.chainbreaker.common.v1.HandlingCode;
import org.chainbreaker.systemtests.Faces.Face;
import org.chainbreaker.systemtests.Faces.Outcome;
import org.chainbreaker.systemtests.IsolationSteps.Step;

/**
 * Scam centres in the isolation property, as far as requests about them need: owners record
 * centres, share them with a country and revoke the grant (others trying either are refused:
 * NOT_FOUND if they do not see the centre, PERMISSION_DENIED if they do). After each change every
 * country reads the centre (NOT_FOUND with the text of an id that never existed for those it is not
 * shared with), listings hold no centre of the model the caller may not see, and a centre's events
 * reach only those who see it (an access_ended only a country whose grant was revoked).
 */
abstract class IsolationCentreWrites extends IsolationGroupWrites {

    final List<CentreM> centres = new ArrayList<>();

    IsolationCentreWrites(int sequence, List<Step> steps) {
        super(sequence, steps);
    }

    void performCentreStep(Step s, String actor, Face face) {
        switch (s.kind()) {
            case CREATE_CENTRE -> createCentre(actor, face);
            case SHARE_CENTRE -> {
                if (centres.isEmpty()) {
                    createCentre(actor, face);
                    return;
                }
                CentreM centre = centres.get(s.a() % centres.size());
                // Mostly the owner acts; sometimes someone else tries.
                String by = s.c() % 4 == 0 ? actor : centre.owner;
                List<String> granted = new ArrayList<>(centre.shares.keySet());
                granted.sort(null);
                if (s.c() % 3 == 0 && !granted.isEmpty()) {
                    revokeCentreShare(by, face, centre, granted.get(s.b() % granted.size()));
                } else {
                    String country = TENANTS.get(s.b() % TENANTS.size());
                    if (!country.equals(centre.owner)) {
                        shareCentre(
                                by, face, centre, country, HandlingCode.forNumber(1 + s.c() % 4));
                    }
                }
            }
            case GET_CENTRE -> {
                if (!centres.isEmpty() && s.b() % 2 == 0) {
                    checkCentre(centres.get(s.a() % centres.size()), actor, face);
                } else {
                    listCentres(actor, face);
                }
            }
            default -> throw new IllegalStateException("not a centre step: " + s);
        }
    }

    void createCentre(String owner, Face face) {
        Outcome out =
                call(
                        face,
                        investigator(owner),
                        Faces.CASES,
                        "CreateScamCentre",
                        CreateScamCentreRequest.newBuilder()
                                .setScamCentre(
                                        ScamCentre.newBuilder()
                                                .setName(
                                                        "Isolation "
                                                                + RUN
                                                                + " compound "
                                                                + counter.incrementAndGet())
                                                .setLocation(
                                                        ScamCentre.Location.newBuilder()
                                                                .setCountry("MM")
                                                                .setProvince("Kayin State")
                                                                .setCity("Myawaddy")
                                                                .setCoordinates(
                                                                        LatLng.newBuilder()
                                                                                .setLatitude(16.68)
                                                                                .setLongitude(
                                                                                        98.51)))
                                                .setDescription(
                                                        "generated by the isolation property"))
                                .build());
        trace("CreateScamCentre by " + owner + " via " + face + " -> " + brief(out));
        channel(WRITES);
        expectOk(out, "CreateScamCentre by " + owner);
        ScamCentre created = out.as(ScamCentre.parser());
        expect(
                created.getOwnerCountry().equals(owner),
                "a centre created by " + owner + " is owned by " + created.getOwnerCountry());
        CentreM centre = new CentreM(created.getId(), owner);
        centres.add(centre);
        allCentres.put(centre.id, centre);
        checkEveryone(t -> checkCentre(centre, t, faceFor(t)));
    }

    void shareCentre(String by, Face face, CentreM centre, String country, HandlingCode code) {
        var request =
                ShareScamCentreRequest.newBuilder()
                        .setId(centre.id)
                        .setCountry(country)
                        .setHandlingCode(code)
                        .build();
        Outcome out = call(face, investigator(by), Faces.CASES, "ShareScamCentre", request);
        trace(
                "ShareScamCentre "
                        + centre.id
                        + " of "
                        + centre.owner
                        + " by "
                        + by
                        + " with "
                        + country
                        + " "
                        + code
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (refusedToOthers(by, out, centre, "ShareScamCentre", request.toBuilder())) {
            return;
        }
        expectOk(out, "ShareScamCentre by the owner");
        centre.shares.put(country, code);
        checkEveryone(t -> checkCentre(centre, t, faceFor(t)));
    }

    void revokeCentreShare(String by, Face face, CentreM centre, String country) {
        var request =
                RevokeScamCentreShareRequest.newBuilder()
                        .setId(centre.id)
                        .setCountry(country)
                        .build();
        Outcome out = call(face, investigator(by), Faces.CASES, "RevokeScamCentreShare", request);
        trace(
                "RevokeScamCentreShare "
                        + centre.id
                        + " of "
                        + centre.owner
                        + " by "
                        + by
                        + " for "
                        + country
                        + " via "
                        + face
                        + " -> "
                        + brief(out));
        channel(WRITES);
        if (refusedToOthers(by, out, centre, "RevokeScamCentreShare", request.toBuilder())) {
            return;
        }
        expectOk(out, "RevokeScamCentreShare by the owner");
        centre.shares.remove(country);
        centre.accessEnded.add(country);
        checkEveryone(t -> checkCentre(centre, t, faceFor(t)));
        // The revoked country's stream must say nothing more of the centre than that it ended.
        drain(Faces.CASES, country, faceFor(country));
    }

    /**
     * A change by someone else than the owner: NOT_FOUND (as for an id that never existed) if it
     * does not see the centre, PERMISSION_DENIED if it does. True if refused.
     */
    private boolean refusedToOthers(
            String by,
            Outcome out,
            CentreM centre,
            String rpc,
            com.google.protobuf.Message.Builder request) {
        if (by.equals(centre.owner)) {
            return false;
        }
        if (!centre.visibleTo(by)) {
            request.setField(
                    request.getDescriptorForType().findFieldByName("id"),
                    UUID.randomUUID().toString());
            expectNotFoundText(out, by, Faces.CASES, rpc, request.build(), centre.id);
        } else {
            expectCode(out, Status.Code.PERMISSION_DENIED, rpc + " by " + by + ", a receiver");
        }
        return true;
    }

    void checkCentre(CentreM centre, String viewer, Face face) {
        channel(GETS);
        viewChecks.incrementAndGet();
        Outcome out =
                call(
                        face,
                        investigator(viewer),
                        Faces.CASES,
                        "GetScamCentre",
                        GetScamCentreRequest.newBuilder().setId(centre.id).build());
        if (!centre.visibleTo(viewer)) {
            expectNotFoundText(
                    out,
                    viewer,
                    Faces.CASES,
                    "GetScamCentre",
                    GetScamCentreRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
                    centre.id);
            return;
        }
        expectOk(out, viewer + " reads centre " + centre.id + " of " + centre.owner);
        ScamCentre seen = out.as(ScamCentre.parser());
        HandlingCode code = centre.owner.equals(viewer) ? null : centre.shares.get(viewer);
        expect(
                seen.getOwnerCountry().equals(centre.owner)
                        && (code == null || seen.getHandlingCode() == code),
                viewer
                        + " reads centre "
                        + centre.id
                        + " of "
                        + seen.getOwnerCountry()
                        + " under "
                        + seen.getHandlingCode()
                        + ", the model "
                        + centre.owner
                        + " under "
                        + code);
    }

    /** The caller's first pages of centres hold no centre of the model it may not see. */
    void listCentres(String viewer, Face face) {
        channel(LISTS);
        String token = "";
        for (int page = 0; page < 3; page++) {
            Outcome out =
                    call(
                            face,
                            investigator(viewer),
                            Faces.CASES,
                            "ListScamCentres",
                            ListScamCentresRequest.newBuilder()
                                    .setPageSize(100)
                                    .setPageToken(token)
                                    .build());
            expectOk(out, viewer + " lists its scam centres");
            ListScamCentresResponse listed = out.as(ListScamCentresResponse.parser());
            for (ScamCentre seen : listed.getScamCentresList()) {
                CentreM centre = allCentres.get(seen.getId());
                expect(
                        centre == null || centre.visibleTo(viewer),
                        viewer
                                + " lists centre "
                                + seen.getId()
                                + " of "
                                + seen.getOwnerCountry()
                                + ", which it may not see");
            }
            token = listed.getNextPageToken();
            if (token.isEmpty()) {
                return;
            }
        }
    }

    /** A centre's events reach those who see it now (an access_ended: checked apart). */
    @Override
    boolean centreEventFor(String tenant, String id, String what) {
        CentreM centre = allCentres.get(id);
        if (centre == null) {
            return false;
        }
        expect(
                centre.visibleTo(tenant),
                what + ", which it may not see (shared with " + centre.shares.keySet() + ")");
        return true;
    }
}
