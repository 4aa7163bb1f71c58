package org.chainbreaker.cases.api;

import com.google.protobuf.Timestamp;
import com.google.type.LatLng;
import com.google.type.Money;
import java.time.Instant;
import java.util.UUID;
import org.chainbreaker.cases.domain.AnalysisDetails;
import org.chainbreaker.cases.domain.AnalysisKind;
import org.chainbreaker.cases.domain.Case;
import org.chainbreaker.cases.domain.CaseCategory;
import org.chainbreaker.cases.domain.CaseStatus;
import org.chainbreaker.cases.domain.HandlingCode;
import org.chainbreaker.cases.domain.LeadKind;
import org.chainbreaker.cases.domain.LeadStatus;
import org.chainbreaker.cases.domain.PersonRole;
import org.chainbreaker.cases.domain.ReportedIdentifier;
import org.chainbreaker.cases.domain.ScamCentre;
import org.chainbreaker.cases.domain.ScamCentreDetails;
import org.chainbreaker.cases.domain.ScamChannel;
import org.chainbreaker.cases.domain.ScamMethod;
import org.chainbreaker.cases.domain.Share;
import org.chainbreaker.cases.domain.TechnicalAnalysis;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.chainbreaker.cases.v1.CaseShare;
import org.chainbreaker.cases.v1.Identifier;
import org.chainbreaker.cases.v1.Lead;
import org.chainbreaker.cases.v1.LeadFinding;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.ScamReport;

/** Translation between the contract's messages and the domain; no decisions are taken here. */
final class CaseMessages {

    private CaseMessages() {}

    static org.chainbreaker.cases.v1.Case toMessage(Case c, String viewer) {
        var message =
                org.chainbreaker.cases.v1.Case.newBuilder()
                        .setId(c.id().toString())
                        .setReference(c.reference())
                        .setOwnerCountry(c.ownerCountry())
                        .setTitle(c.title())
                        .setCategory(
                                org.chainbreaker.cases.v1.Case.Category.valueOf(
                                        c.category().name()))
                        .setStatus(org.chainbreaker.cases.v1.Case.Status.valueOf(c.status().name()))
                        .setSummary(c.summary())
                        .setCreateTime(timestamp(c.createTime()))
                        .setUpdateTime(timestamp(c.updateTime()))
                        .setEtag(c.etag())
                        .addAllOperationTags(c.operationTags())
                        .setHeaderOnly(c.headerOnly());
        c.shares().forEach(share -> message.addShares(toMessage(share)));
        if (!c.ownedBy(viewer)) {
            c.shareWith(viewer)
                    .ifPresent(s -> message.setHandlingCode(toMessage(s.handlingCode())));
        }
        return message.build();
    }

    static CaseShare toMessage(Share share) {
        var message =
                CaseShare.newBuilder()
                        .setCountry(share.country())
                        .setHandlingCode(toMessage(share.handlingCode()))
                        .setShareTime(timestamp(share.shareTime()))
                        .setSharedBy(share.sharedBy())
                        .setVictimContactsDisclosed(share.victimContacts())
                        .setGrantedByCountry(share.grantedBy())
                        .setOperationId(share.operation().map(o -> o.id().toString()).orElse(""))
                        .setOperationName(
                                share.operation().map(Share.ShareOperation::name).orElse(""))
                        .setGroupId(share.group().map(UUID::toString).orElse(""));
        share.expireTime().ifPresent(t -> message.setExpireTime(timestamp(t)));
        return message.build();
    }

    static org.chainbreaker.cases.v1.ScamCentre toMessage(ScamCentre centre, String viewer) {
        ScamCentreDetails d = centre.details();
        var location =
                org.chainbreaker.cases.v1.ScamCentre.Location.newBuilder()
                        .setCountry(d.country())
                        .setProvince(d.province())
                        .setCity(d.city());
        d.coordinates()
                .ifPresent(
                        c ->
                                location.setCoordinates(
                                        LatLng.newBuilder()
                                                .setLatitude(c.latitude())
                                                .setLongitude(c.longitude())));
        var message =
                org.chainbreaker.cases.v1.ScamCentre.newBuilder()
                        .setId(centre.id().toString())
                        .setOwnerCountry(centre.ownerCountry())
                        .setName(d.name())
                        .setLocation(location)
                        .setOperatingGroup(d.operatingGroup())
                        .setEstimatedPeopleHeld(d.peopleHeld())
                        .setDescription(d.description())
                        .setCreateTime(timestamp(centre.createTime()))
                        .setUpdateTime(timestamp(centre.updateTime()))
                        .setEtag(centre.etag());
        centre.caseIds().forEach(id -> message.addCaseIds(id.toString()));
        centre.shares().forEach(share -> message.addShares(toMessage(share)));
        if (!centre.ownedBy(viewer)) {
            centre.shareWith(viewer)
                    .ifPresent(s -> message.setHandlingCode(toMessage(s.handlingCode())));
        }
        return message.build();
    }

    static ScamCentreDetails.Draft draft(org.chainbreaker.cases.v1.ScamCentre centre) {
        var location = centre.getLocation();
        return new ScamCentreDetails.Draft(
                centre.getName(),
                location.getCountry(),
                location.getProvince(),
                location.getCity(),
                location.hasCoordinates()
                        ? new ScamCentreDetails.Coordinates(
                                location.getCoordinates().getLatitude(),
                                location.getCoordinates().getLongitude())
                        : null,
                centre.getOperatingGroup(),
                centre.getEstimatedPeopleHeld(),
                centre.getDescription());
    }

    static org.chainbreaker.cases.v1.TechnicalAnalysis toMessage(TechnicalAnalysis analysis) {
        AnalysisDetails d = analysis.details();
        var message =
                org.chainbreaker.cases.v1.TechnicalAnalysis.newBuilder()
                        .setId(analysis.id().toString())
                        .setCaseId(analysis.caseId().toString())
                        .setAuthorCountry(analysis.ownerCountry())
                        .setAuthor(analysis.author())
                        .setKind(
                                org.chainbreaker.cases.v1.TechnicalAnalysis.Kind.valueOf(
                                        d.kind().name()))
                        .setTitle(d.title())
                        .setToolName(d.toolName())
                        .setDescription(d.description())
                        .addAllHashes(d.hashes())
                        .addAllUrls(d.urls())
                        .setAssignedCountry(analysis.assignedCountry().orElse(""))
                        .setCreateTime(timestamp(analysis.createTime()))
                        .setUpdateTime(timestamp(analysis.updateTime()))
                        .setEtag(analysis.etag())
                        .addAllWithheldFields(analysis.withheldFields());
        analysis.assignHandling().ifPresent(h -> message.setHandlingCode(toMessage(h)));
        return message.build();
    }

    static AnalysisDetails.Draft draft(org.chainbreaker.cases.v1.TechnicalAnalysis analysis) {
        AnalysisKind kind =
                switch (analysis.getKind()) {
                    case KIND_UNSPECIFIED, UNRECOGNIZED -> null;
                    default -> AnalysisKind.valueOf(analysis.getKind().name());
                };
        return new AnalysisDetails.Draft(
                kind,
                analysis.getTitle(),
                analysis.getToolName(),
                analysis.getDescription(),
                analysis.getHashesList(),
                analysis.getUrlsList());
    }

    /** Null for an unset or unknown value, so that the domain's checks name the field. */
    static CaseCategory category(org.chainbreaker.cases.v1.Case.Category category) {
        return switch (category) {
            case CATEGORY_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> CaseCategory.valueOf(category.name());
        };
    }

    static HandlingCode handlingCode(org.chainbreaker.common.v1.HandlingCode code) {
        return switch (code) {
            case HANDLING_CODE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> HandlingCode.valueOf(code.name());
        };
    }

    static CaseStatus status(org.chainbreaker.cases.v1.Case.Status status) {
        return switch (status) {
            case STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> CaseStatus.valueOf(status.name());
        };
    }

    static LeadKind leadKind(Lead.Kind kind) {
        return switch (kind) {
            case KIND_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> LeadKind.valueOf(kind.name());
        };
    }

    static LeadStatus leadStatus(Lead.Status status) {
        return switch (status) {
            case STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> LeadStatus.valueOf(status.name());
        };
    }

    static PersonRole personRole(Person.Role role) {
        return switch (role) {
            case ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> PersonRole.valueOf(role.name());
        };
    }

    static IdentifierKind identifierKind(Identifier.Kind kind) {
        return switch (kind) {
            case KIND_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> IdentifierKind.valueOf(kind.name());
        };
    }

    static ScamChannel channel(ScamReport.Channel channel) {
        return switch (channel) {
            case CHANNEL_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> ScamChannel.valueOf(channel.name());
        };
    }

    static ScamMethod method(ScamReport.Method method) {
        return switch (method) {
            case METHOD_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> ScamMethod.valueOf(method.name());
        };
    }

    static Lead toMessage(org.chainbreaker.cases.domain.Lead lead) {
        var message =
                Lead.newBuilder()
                        .setId(lead.id().toString())
                        .setCaseId(lead.caseId().toString())
                        .setOwnerCountry(lead.ownerCountry())
                        .setKind(Lead.Kind.valueOf(lead.kind().name()))
                        .setValue(lead.value())
                        .setNormalizedValue(lead.normalizedValue().orElse(""))
                        .setDescription(lead.description())
                        .setStatus(Lead.Status.valueOf(lead.status().name()))
                        .setAssignedCountry(lead.assignedCountry().orElse(""))
                        .setCreateTime(timestamp(lead.createTime()))
                        .setUpdateTime(timestamp(lead.updateTime()))
                        .setEtag(lead.etag());
        lead.assignHandling().ifPresent(h -> message.setHandlingCode(toMessage(h)));
        if (lead.valueWithheld()) {
            message.addWithheldFields("value");
        }
        for (var finding : lead.findings()) {
            message.addFindings(
                    LeadFinding.newBuilder()
                            .setId(finding.id().toString())
                            .setCountry(finding.country())
                            .setAuthor(finding.author())
                            .setText(finding.text())
                            .setCreateTime(timestamp(finding.createTime()))
                            .addAllWithheldFields(
                                    finding.textWithheld()
                                            ? java.util.List.of("text")
                                            : java.util.List.of()));
        }
        return message.build();
    }

    static Person toMessage(org.chainbreaker.cases.domain.Person person) {
        return Person.newBuilder()
                .setId(person.id().toString())
                .setCaseId(person.caseId().toString())
                .setRole(Person.Role.valueOf(person.role().name()))
                .setFullName(person.fullName())
                .setNationality(person.nationality())
                .setBirthYear(person.birthYear().orElse(0))
                .setDescription(person.description())
                .setContact(person.contact().orElse(""))
                .setContactWithheld(person.contactWithheld())
                .setCreateTime(timestamp(person.createTime()))
                .addAllWithheldFields(person.withheldFields())
                .build();
    }

    static ScamReport toMessage(org.chainbreaker.cases.domain.ScamReport report) {
        var message =
                ScamReport.newBuilder()
                        .setId(report.id().toString())
                        .setReportingCountry(report.reportingCountry())
                        .setChannel(ScamReport.Channel.valueOf(report.channel().name()))
                        .setMethod(ScamReport.Method.valueOf(report.method().name()))
                        .setNarrative(report.narrative())
                        .setReportTime(timestamp(report.reportTime()));
        report.amountLost()
                .ifPresent(
                        a ->
                                message.setAmountLost(
                                        Money.newBuilder()
                                                .setCurrencyCode(a.currency())
                                                .setUnits(a.units())
                                                .setNanos(a.nanos())));
        for (ReportedIdentifier identifier : report.identifiers()) {
            message.addIdentifiers(
                    Identifier.newBuilder()
                            .setKind(Identifier.Kind.valueOf(identifier.kind().name()))
                            .setValue(identifier.value())
                            .setNormalizedValue(identifier.normalizedValue()));
        }
        return message.build();
    }

    private static org.chainbreaker.common.v1.HandlingCode toMessage(HandlingCode code) {
        return org.chainbreaker.common.v1.HandlingCode.valueOf(code.name());
    }

    /**
     * A timestamp of a request; one out of the range the proto allows is clamped by the domain's
     * checks.
     */
    static Instant instant(Timestamp timestamp) {
        long seconds =
                Math.max(-62_135_596_800L, Math.min(253_402_300_799L, timestamp.getSeconds()));
        return Instant.ofEpochSecond(
                seconds, Math.max(0, Math.min(999_999_999, timestamp.getNanos())));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
