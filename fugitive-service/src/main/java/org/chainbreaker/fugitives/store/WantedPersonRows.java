package org.chainbreaker.fugitives.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.Arrest;
import org.chainbreaker.fugitives.domain.Custody;
import org.chainbreaker.fugitives.domain.CustodyTransfer;
import org.chainbreaker.fugitives.domain.DocumentType;
import org.chainbreaker.fugitives.domain.IdentityDocument;
import org.chainbreaker.fugitives.domain.NoticeStatus;
import org.chainbreaker.fugitives.domain.PartialDate;
import org.chainbreaker.fugitives.domain.PersonName;
import org.chainbreaker.fugitives.domain.RiskFlag;
import org.chainbreaker.fugitives.domain.Sex;
import org.chainbreaker.fugitives.domain.WantedPerson;
import org.chainbreaker.fugitives.domain.WantedPersonDetails;
import org.chainbreaker.fugitives.domain.Warrant;
import org.chainbreaker.platform.keys.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * The columns of a wanted person and how a row becomes a {@link WantedPerson} and a {@link
 * WantedPersonDetails} becomes the parameters of an insert or update. Identity-document numbers are
 * sealed under the owning country's key ({@link FieldCipher}, field {@value #DOCUMENT_NUMBERS} and
 * the position, record id the wanted person's); a number that cannot be opened reads as empty and
 * withheld.
 */
@Component
public final class WantedPersonRows {

    /**
     * Whether the tenant may see wanted person {@code w} through a grant: a running operation it
     * takes part in, or a sighting the owner reported in its country, or a granted cooperation
     * request (the rule of the policies; since V8 {@code sightings.country} names the country a
     * sighting lets see the record, null for none). Correlated per row, so that a few rows cost a
     * few primary-key lookups rather than the whole set of grants.
     */
    private static final String GRANTED =
            """
            (exists (select 1
                       from operation_publications p
                       join operations o on o.id = p.operation_id and now() between o.start_time and o.end_time
                       join operation_participants m on m.operation_id = p.operation_id and m.country = :tenant
                      where p.wanted_person_id = w.id)
             or exists (select 1 from sightings s where s.wanted_person_id = w.id and s.country = :tenant)
             or fugitives_request_granted(w.id))""";

    static final String VISIBLE =
            "(w.owner_country = :tenant or (w.notice_status = 'PUBLISHED' and " + GRANTED + "))";

    static final String COLUMNS =
            """
            w.id, w.owner_country, w.reference, w.notice_status, w.custody, w.primary_name, w.primary_script,
            w.aliases, w.alias_scripts, w.sex, w.birth_year, w.birth_month, w.birth_day, w.nationalities,
            w.identifying_marks, w.document_types, w.document_numbers, w.document_countries, w.charges,
            w.warrant_reference, w.warrant_authority, w.risk_flags, w.photo_reference, w.cancellation_reason,
            w.arrest_country, w.arrest_place, w.arrest_time, w.arrest_custody, w.transfer_reference, w.transfer_time,
            w.transfer_from_country, w.transfer_to_country, w.transfer_recorded_by, w.transfer_record_time,
            w.version, w.create_time, w.update_time""";

    /** The sealed field of each document's number (with {@code #<position>}). */
    public static final String DOCUMENT_NUMBERS = "wanted_persons.document_numbers";

    private final FieldCipher cipher;

    WantedPersonRows(FieldCipher cipher) {
        this.cipher = cipher;
    }

    Map<String, Object> detailParams(UUID id, String owner, WantedPersonDetails d) {
        Map<String, Object> p = new HashMap<>();
        p.put("primaryName", d.primaryName().value());
        p.put("primaryScript", d.primaryName().script());
        p.put("aliases", d.aliases().stream().map(PersonName::value).toArray(String[]::new));
        p.put("aliasScripts", d.aliases().stream().map(PersonName::script).toArray(String[]::new));
        p.put("sex", d.sex().map(Enum::name).orElse(null));
        p.put("year", d.dateOfBirth().year() == 0 ? null : d.dateOfBirth().year());
        p.put("month", d.dateOfBirth().month() == 0 ? null : d.dateOfBirth().month());
        p.put("day", d.dateOfBirth().day() == 0 ? null : d.dateOfBirth().day());
        p.put("nationalities", d.nationalities().toArray(String[]::new));
        p.put("marks", d.identifyingMarks().toArray(String[]::new));
        p.put("docTypes", d.documents().stream().map(x -> x.type().name()).toArray(String[]::new));
        String[] numbers = new String[d.documents().size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] =
                    cipher.seal(
                            owner, id, DOCUMENT_NUMBERS + "#" + i, d.documents().get(i).number());
        }
        p.put("docNumbers", numbers);
        p.put(
                "docCountries",
                d.documents().stream()
                        .map(IdentityDocument::issuingCountry)
                        .toArray(String[]::new));
        p.put("charges", d.charges().toArray(String[]::new));
        p.put("warrantReference", d.warrant().reference());
        p.put("warrantAuthority", d.warrant().issuingAuthority());
        p.put("riskFlags", d.riskFlags().stream().map(Enum::name).sorted().toArray(String[]::new));
        p.put("photo", d.photoReference());
        return p;
    }

    WantedPerson row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String owner = rs.getString("owner_country");
        String[] aliases = strings(rs.getArray("aliases"));
        String[] aliasScripts = strings(rs.getArray("alias_scripts"));
        List<PersonName> aliasNames = new ArrayList<>();
        for (int i = 0; i < aliases.length; i++) {
            aliasNames.add(new PersonName(aliases[i], aliasScripts[i]));
        }
        String[] docTypes = strings(rs.getArray("document_types"));
        String[] docNumbers = strings(rs.getArray("document_numbers"));
        String[] docCountries = strings(rs.getArray("document_countries"));
        List<IdentityDocument> documents = new ArrayList<>();
        for (int i = 0; i < docTypes.length; i++) {
            var number = cipher.open(owner, id, DOCUMENT_NUMBERS + "#" + i, docNumbers[i]);
            documents.add(
                    new IdentityDocument(
                            DocumentType.valueOf(docTypes[i]),
                            number.value(),
                            docCountries[i],
                            number.withheld()));
        }
        String sex = rs.getString("sex");
        var details =
                new WantedPersonDetails(
                        new PersonName(
                                rs.getString("primary_name"), rs.getString("primary_script")),
                        aliasNames,
                        Optional.ofNullable(sex).map(Sex::valueOf),
                        new PartialDate(
                                rs.getInt("birth_year"),
                                rs.getInt("birth_month"),
                                rs.getInt("birth_day")),
                        List.of(strings(rs.getArray("nationalities"))),
                        List.of(strings(rs.getArray("identifying_marks"))),
                        documents,
                        List.of(strings(rs.getArray("charges"))),
                        new Warrant(
                                rs.getString("warrant_reference"),
                                rs.getString("warrant_authority")),
                        Arrays.stream(strings(rs.getArray("risk_flags")))
                                .map(RiskFlag::valueOf)
                                .collect(java.util.stream.Collectors.toSet()),
                        rs.getString("photo_reference"));
        Timestamp arrestTime = rs.getTimestamp("arrest_time");
        Optional<Arrest> arrest =
                arrestTime == null
                        ? Optional.empty()
                        : Optional.of(
                                new Arrest(
                                        rs.getString("arrest_country"),
                                        rs.getString("arrest_place"),
                                        arrestTime.toInstant(),
                                        rs.getString("arrest_custody")));
        Timestamp transferTime = rs.getTimestamp("transfer_time");
        Optional<CustodyTransfer> transfer =
                transferTime == null
                        ? Optional.empty()
                        : Optional.of(
                                new CustodyTransfer(
                                        rs.getString("transfer_reference"),
                                        transferTime.toInstant(),
                                        rs.getString("transfer_from_country"),
                                        rs.getString("transfer_to_country"),
                                        rs.getString("transfer_recorded_by"),
                                        rs.getTimestamp("transfer_record_time").toInstant()));
        return new WantedPerson(
                id,
                rs.getString("reference"),
                owner,
                details,
                NoticeStatus.valueOf(rs.getString("notice_status")),
                Custody.valueOf(rs.getString("custody")),
                arrest,
                transfer,
                Optional.empty(),
                List.of(),
                Optional.ofNullable(rs.getString("cancellation_reason")),
                rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(),
                rs.getLong("version"));
    }

    static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
