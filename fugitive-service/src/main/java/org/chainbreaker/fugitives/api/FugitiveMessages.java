package org.chainbreaker.fugitives.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.FieldMaskUtil;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.Confidence;
import org.chainbreaker.fugitives.domain.DocumentType;
import org.chainbreaker.fugitives.domain.FugitivePermissions;
import org.chainbreaker.fugitives.domain.IdentityDocument;
import org.chainbreaker.fugitives.domain.Operation;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.RiskFlag;
import org.chainbreaker.fugitives.domain.Sex;
import org.chainbreaker.fugitives.domain.Sighting;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.domain.Warrant;
import org.chainbreaker.fugitives.v1.WantedPerson.Custody;
import org.chainbreaker.fugitives.v1.WantedPerson.NoticeStatus;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.records.RecordIds;

/** Translation between the contract's messages and the domain; no decisions are taken here. */
final class FugitiveMessages {

    private FugitiveMessages() {}

    static UUID wantedPersonId(String field, String value) {
        return RecordIds.parse(field, value, FugitivePermissions::wantedPersonNotFound);
    }

    static UUID operationId(String field, String value) {
        return RecordIds.parse(field, value, FugitivePermissions::operationNotFound);
    }

    static WantedPersonDetails details(
            String prefix, org.chainbreaker.fugitives.v1.WantedPerson m, int currentYear) {
        return details(prefix, m, currentYear, List.of());
    }

    /**
     * The details an update sends, over the record's {@code current} documents: a withheld number
     * reads as empty, so a document sent with an empty number in the place, and of the type and
     * issuing country, of one whose number is withheld is that document sent back as it is (the
     * record's rules decide whether it may stay). {@code withheld_fields} is output only and never
     * read.
     */
    static WantedPersonDetails details(
            String prefix,
            org.chainbreaker.fugitives.v1.WantedPerson m,
            int currentYear,
            List<IdentityDocument> current) {
        List<IdentityDocument> documents = new java.util.ArrayList<>();
        for (int i = 0; i < m.getDocumentsCount(); i++) {
            var d = m.getDocuments(i);
            var sent =
                    new IdentityDocument(
                            documentType(d.getType()), d.getNumber(), d.getIssuingCountry());
            boolean sentBack =
                    i < current.size()
                            && current.get(i).numberWithheld()
                            && sent.number().isBlank()
                            && sent.type() == current.get(i).type()
                            && sent.issuingCountry().equals(current.get(i).issuingCountry());
            documents.add(sentBack ? current.get(i) : sent);
        }
        return WantedPersonDetails.of(
                prefix,
                m.hasPrimaryName() ? name(m.getPrimaryName()) : null,
                m.getAliasesList().stream().map(FugitiveMessages::name).toList(),
                sex(m.getSex()),
                m.getDateOfBirth().getYear(),
                m.getDateOfBirth().getMonth(),
                m.getDateOfBirth().getDay(),
                currentYear,
                m.getNationalitiesList(),
                m.getIdentifyingMarksList(),
                documents,
                m.getChargesList(),
                m.hasWarrant()
                        ? new Warrant(
                                m.getWarrant().getReference(), m.getWarrant().getIssuingAuthority())
                        : null,
                m.getRiskFlagsList().stream().map(FugitiveMessages::riskFlag).toList(),
                m.getPhotoReference());
    }

    /** What an update mask may name first: the fields of WantedPerson a client writes. */
    private static final Set<String> EDITABLE =
            Set.of(
                    "primary_name",
                    "aliases",
                    "sex",
                    "date_of_birth",
                    "nationalities",
                    "identifying_marks",
                    "documents",
                    "charges",
                    "warrant",
                    "risk_flags",
                    "photo_reference");

    private static final FieldMaskUtil.MergeOptions REPLACE =
            new FieldMaskUtil.MergeOptions()
                    .setReplaceMessageFields(true)
                    .setReplaceRepeatedFields(true)
                    .setReplacePrimitiveFields(true);

    /**
     * The update mask's paths, checked; empty for an empty mask or "*" (replace every editable
     * field).
     */
    static Optional<FieldMask> editMask(FieldMask mask) {
        List<String> paths = mask.getPathsList().stream().map(String::strip).toList();
        if (paths.isEmpty() || paths.equals(List.of("*"))) {
            return Optional.empty();
        }
        FieldChecks checks = new FieldChecks();
        for (String path : paths) {
            checks.require(
                    EDITABLE.contains(path.split("\\.", 2)[0])
                            && FieldMaskUtil.isValid(
                                    org.chainbreaker.fugitives.v1.WantedPerson.getDescriptor(),
                                    path),
                    "update_mask",
                    "unknown or read-only path '"
                            + path
                            + "': allowed are "
                            + String.join(", ", EDITABLE.stream().sorted().toList())
                            + " and paths inside them");
        }
        checks.throwIfAny();
        return Optional.of(
                FieldMaskUtil.normalize(FieldMask.newBuilder().addAllPaths(paths).build()));
    }

    /** The record as it is, with the fields the mask names taken from {@code sent}. */
    static org.chainbreaker.fugitives.v1.WantedPerson masked(
            WantedPerson current, org.chainbreaker.fugitives.v1.WantedPerson sent, FieldMask mask) {
        var merged = toMessage(current).toBuilder();
        FieldMaskUtil.merge(mask, sent, merged, REPLACE);
        return merged.build();
    }

    /**
     * The record with its arrest (place, time, custody) for the owner and the arresting country,
     * the two countries custody passes between; others see only who arrested (arresting_country).
     */
    static org.chainbreaker.fugitives.v1.WantedPerson withArrest(WantedPerson w, String viewer) {
        var m = toMessage(w);
        return w.arrest()
                .filter(a -> w.ownerCountry().equals(viewer) || a.arrestingCountry().equals(viewer))
                .map(
                        a ->
                                m.toBuilder()
                                        .setArrest(
                                                org.chainbreaker.fugitives.v1.Arrest.newBuilder()
                                                        .setPlace(a.place())
                                                        .setArrestTime(timestamp(a.arrestTime()))
                                                        .setCustody(a.custody()))
                                        .build())
                .orElse(m);
    }

    static org.chainbreaker.fugitives.v1.WantedPerson toMessage(WantedPerson w) {
        WantedPersonDetails d = w.details();
        var m =
                org.chainbreaker.fugitives.v1.WantedPerson.newBuilder()
                        .setId(w.id().toString())
                        .setReference(w.reference())
                        .setOwnerCountry(w.ownerCountry())
                        .setPrimaryName(toMessage(d.primaryName()))
                        .setSex(
                                d.sex()
                                        .map(
                                                s ->
                                                        org.chainbreaker.fugitives.v1.WantedPerson
                                                                .Sex.valueOf(s.name()))
                                        .orElse(
                                                org.chainbreaker.fugitives.v1.WantedPerson.Sex
                                                        .SEX_UNSPECIFIED))
                        .setDateOfBirth(
                                com.google.type.Date.newBuilder()
                                        .setYear(d.dateOfBirth().year())
                                        .setMonth(d.dateOfBirth().month())
                                        .setDay(d.dateOfBirth().day()))
                        .addAllNationalities(d.nationalities())
                        .addAllIdentifyingMarks(d.identifyingMarks())
                        .addAllCharges(d.charges())
                        .setWarrant(
                                org.chainbreaker.fugitives.v1.Warrant.newBuilder()
                                        .setReference(d.warrant().reference())
                                        .setIssuingAuthority(d.warrant().issuingAuthority()))
                        .setPhotoReference(d.photoReference())
                        .setNoticeStatus(NoticeStatus.valueOf(w.status().name()))
                        .setCustody(Custody.valueOf(w.custody().name()))
                        .setCancellationReason(w.cancellationReason().orElse(""))
                        .setCreateTime(timestamp(w.createTime()))
                        .setUpdateTime(timestamp(w.updateTime()))
                        .setEtag(w.etag());
        d.aliases().forEach(a -> m.addAliases(toMessage(a)));
        d.documents()
                .forEach(
                        doc ->
                                m.addDocuments(
                                        org.chainbreaker.fugitives.v1.IdentityDocument.newBuilder()
                                                .setType(
                                                        org.chainbreaker.fugitives.v1
                                                                .IdentityDocument.Type.valueOf(
                                                                doc.type().name()))
                                                .setNumber(doc.number())
                                                .setIssuingCountry(doc.issuingCountry())
                                                .addAllWithheldFields(
                                                        doc.numberWithheld()
                                                                ? List.of("number")
                                                                : List.of())));
        d.riskFlags().stream()
                .sorted()
                .forEach(
                        r ->
                                m.addRiskFlags(
                                        org.chainbreaker.fugitives.v1.WantedPerson.RiskFlag.valueOf(
                                                r.name())));
        w.lastKnownLocation().ifPresent(s -> m.setLastKnownLocation(toMessage(s)));
        w.custodyTransfer()
                .ifPresent(
                        t ->
                                m.setCustodyTransfer(
                                        org.chainbreaker.fugitives.v1.CustodyTransfer.newBuilder()
                                                .setRepatriationReference(t.repatriationReference())
                                                .setHandoverTime(timestamp(t.handoverTime()))
                                                .setFromCountry(t.fromCountry())
                                                .setToCountry(t.toCountry())
                                                .setRecordedByCountry(t.recordedByCountry())
                                                .setRecordTime(timestamp(t.recordTime()))));
        w.arrest().ifPresent(a -> m.setArrestingCountry(a.arrestingCountry()));
        w.operationIds().forEach(id -> m.addOperationIds(id.toString()));
        return m.build();
    }

    static org.chainbreaker.fugitives.v1.Sighting toMessage(Sighting s) {
        var m =
                org.chainbreaker.fugitives.v1.Sighting.newBuilder()
                        .setId(s.id().toString())
                        .setWantedPersonId(s.wantedPersonId().toString())
                        .setCountry(s.country())
                        .setPlace(s.place())
                        .setSeenTime(timestamp(s.seenTime()))
                        .setConfidence(
                                org.chainbreaker.fugitives.v1.Sighting.Confidence.valueOf(
                                        s.confidence().name()))
                        .setSource(s.source())
                        .setReporterCountry(s.reporterCountry())
                        .setReportTime(timestamp(s.reportTime()));
        s.grantedCountry().ifPresent(m::setAccessCountry);
        s.accessWithdrawTime().ifPresent(t -> m.setAccessWithdrawTime(timestamp(t)));
        return m.build();
    }

    static org.chainbreaker.fugitives.v1.Operation toMessage(Operation o) {
        return org.chainbreaker.fugitives.v1.Operation.newBuilder()
                .setId(o.id().toString())
                .setName(o.name())
                .setCoordinatorCountry(o.coordinatorCountry())
                .addAllParticipants(o.participants())
                .setStartTime(timestamp(o.startTime()))
                .setEndTime(timestamp(o.endTime()))
                .setCreateTime(timestamp(o.createTime()))
                .build();
    }

    static Confidence confidence(org.chainbreaker.fugitives.v1.Sighting.Confidence c) {
        return switch (c) {
            case CONFIDENCE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Confidence.valueOf(c.name());
        };
    }

    /** Null for an unset timestamp, so that the domain's checks name the field. */
    static Instant instant(boolean present, Timestamp t) {
        return present ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }

    private static PersonName name(org.chainbreaker.fugitives.v1.PersonName n) {
        return new PersonName(n.getValue(), n.getScript());
    }

    private static org.chainbreaker.fugitives.v1.PersonName toMessage(PersonName n) {
        return org.chainbreaker.fugitives.v1.PersonName.newBuilder()
                .setValue(n.value())
                .setScript(n.script())
                .build();
    }

    private static Sex sex(org.chainbreaker.fugitives.v1.WantedPerson.Sex s) {
        return switch (s) {
            case SEX_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Sex.valueOf(s.name());
        };
    }

    private static DocumentType documentType(
            org.chainbreaker.fugitives.v1.IdentityDocument.Type t) {
        return switch (t) {
            case TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> DocumentType.valueOf(t.name());
        };
    }

    private static RiskFlag riskFlag(org.chainbreaker.fugitives.v1.WantedPerson.RiskFlag r) {
        return switch (r) {
            case RISK_FLAG_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> RiskFlag.valueOf(r.name());
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
