package org.chainbreaker.cases.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chainbreaker.cases.domain.Amount;
import org.chainbreaker.cases.domain.NewScamReport;
import org.chainbreaker.cases.domain.ReportedIdentifier;
import org.chainbreaker.cases.domain.ScamChannel;
import org.chainbreaker.cases.domain.ScamMethod;
import org.chainbreaker.cases.domain.ScamReport;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.keys.FieldCipher;
import org.chainbreaker.platform.keys.Opened;
import org.chainbreaker.platform.records.Keyset;
import org.chainbreaker.platform.records.PageCursor;
import org.chainbreaker.platform.records.RequestKey;
import org.chainbreaker.platform.records.RequestKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for scam reports, their identifiers and the countries they concern, inside tenant
 * transactions.
 */
@Repository
public class ScamReportStore {

    private static final String COLUMNS =
            """
            r.id, r.reporting_country, r.channel, r.method, r.amount_currency, r.amount_units, r.amount_nanos,
            r.narrative, r.report_time""";

    private static final String VISIBLE =
            """
            (r.reporting_country = :tenant
             or exists (select 1 from scam_report_recipients x where x.report_id = r.id and x.country = :tenant))""";

    /**
     * Each identifier's value is sealed under the reporter's key; its normalised form is kept as a
     * blind index.
     */
    private static final String IDENTIFIER = "scam_report_identifiers.value#";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    ScamReportStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Inserts the report unless the reporter already used this request id; true if inserted. */
    public boolean insert(
            UUID id, String reporter, NewScamReport report, Optional<RequestKey> key, Instant now) {
        boolean inserted =
                jdbc.sql(
                                        """
                        insert into scam_reports (id, reporting_country, channel, method, amount_currency, amount_units,
                                                  amount_nanos, narrative, request_id, request_digest, report_time)
                        values (:id, :reporter, :channel, :method, :currency, :units, :nanos, :narrative, :requestId,
                                :digest, :now)
                        on conflict (reporting_country, request_id) do nothing""")
                                .param("id", id)
                                .param("reporter", reporter)
                                .param("channel", report.channel().name())
                                .param("method", report.method().name())
                                .param(
                                        "currency",
                                        report.amountLost().map(Amount::currency).orElse(null))
                                .param("units", report.amountLost().map(Amount::units).orElse(null))
                                .param("nanos", report.amountLost().map(Amount::nanos).orElse(null))
                                .param("narrative", report.narrative())
                                .params(RequestKeyColumns.params(key))
                                .param("now", Timestamp.from(now))
                                .update()
                        == 1;
        if (!inserted) {
            return false;
        }
        for (int i = 0; i < report.identifiers().size(); i++) {
            ReportedIdentifier identifier = report.identifiers().get(i);
            jdbc.sql(
                            """
                            insert into scam_report_identifiers (report_id, position, reporting_country, kind, value,
                                                                 normalized_value)
                            values (:id, :position, :reporter, :kind, :value, :normalized)""")
                    .param("id", id)
                    .param("position", i)
                    .param("reporter", reporter)
                    .param("kind", identifier.kind().name())
                    .param("value", cipher.seal(reporter, id, IDENTIFIER + i, identifier.value()))
                    .param("normalized", cipher.blindIndex(identifier.normalizedValue()))
                    .update();
        }
        return true;
    }

    public void addRecipients(UUID id, String reporter, Collection<String> countries) {
        for (String country : countries) {
            jdbc.sql(
                            """
                            insert into scam_report_recipients (report_id, reporting_country, country)
                            values (:id, :reporter, :country) on conflict do nothing""")
                    .param("id", id)
                    .param("reporter", reporter)
                    .param("country", country)
                    .update();
        }
    }

    /**
     * Owners and share partners of every case holding any of the identifiers (SECURITY DEFINER
     * function).
     */
    public List<String> audienceOf(Collection<String> normalizedValues) {
        return jdbc.sql("select country from cases_identifier_audience(:values)")
                .param(
                        "values",
                        normalizedValues.stream().map(cipher::blindIndex).toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /**
     * The reporter's report made with this request id, with the digest of the request that made it.
     */
    public Optional<RequestKey.Stored<UUID>> findByRequestId(String reporter, String requestId) {
        return RequestKeyColumns.find(
                jdbc, "scam_reports", "reporting_country", reporter, requestId);
    }

    public Optional<ScamReport> find(String tenant, UUID id) {
        return withIdentifiers(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from scam_reports r where r.id = :id and "
                                                + VISIBLE)
                                .param("id", id)
                                .param("tenant", tenant)
                                .query(ScamReportStore::row)
                                .list())
                .stream()
                .findFirst();
    }

    public List<ScamReport> list(String tenant, Optional<PageCursor> after, int limit) {
        Keyset page = new Keyset("r.report_time", "r.id", after, limit);
        var statement =
                page.bind(
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from scam_reports r where "
                                                + VISIBLE
                                                + page.andAfter()
                                                + page.orderAndLimit())
                                .param("tenant", tenant));
        return withIdentifiers(statement.query(ScamReportStore::row).list());
    }

    private List<ScamReport> withIdentifiers(List<ScamReport> reports) {
        if (reports.isEmpty()) {
            return reports;
        }
        Map<UUID, List<ReportedIdentifier>> identifiers = new HashMap<>();
        jdbc.sql(
                        """
                        select report_id, position, reporting_country, kind, value from scam_report_identifiers
                         where report_id = any(:ids) order by report_id, position""")
                .param("ids", reports.stream().map(ScamReport::id).toArray(UUID[]::new))
                .query(
                        rs -> {
                            UUID report = rs.getObject("report_id", UUID.class);
                            IdentifierKind kind = IdentifierKind.valueOf(rs.getString("kind"));
                            Opened value =
                                    cipher.open(
                                            rs.getString("reporting_country"),
                                            report,
                                            IDENTIFIER + rs.getInt("position"),
                                            rs.getString("value"));
                            // The stored normalised column is the blind index; the form shown is
                            // computed from the value.
                            String normalized =
                                    value.withheld()
                                            ? ""
                                            : Identifiers.normalize(
                                                            kind,
                                                            value.value(),
                                                            "identifier.value",
                                                            new FieldChecks())
                                                    .orElse("");
                            identifiers
                                    .computeIfAbsent(report, k -> new ArrayList<>())
                                    .add(new ReportedIdentifier(kind, value.value(), normalized));
                        });
        return reports.stream()
                .map(
                        r ->
                                new ScamReport(
                                        r.id(),
                                        r.reportingCountry(),
                                        r.channel(),
                                        r.method(),
                                        r.amountLost(),
                                        r.narrative(),
                                        identifiers.getOrDefault(r.id(), List.of()),
                                        r.reportTime()))
                .toList();
    }

    private static ScamReport row(ResultSet rs, int rowNum) throws SQLException {
        String currency = rs.getString("amount_currency");
        Optional<Amount> amount =
                currency == null
                        ? Optional.empty()
                        : Optional.of(
                                new Amount(
                                        currency,
                                        rs.getLong("amount_units"),
                                        rs.getInt("amount_nanos")));
        return new ScamReport(
                rs.getObject("id", UUID.class),
                rs.getString("reporting_country"),
                ScamChannel.valueOf(rs.getString("channel")),
                ScamMethod.valueOf(rs.getString("method")),
                amount,
                rs.getString("narrative"),
                List.of(),
                rs.getTimestamp("report_time").toInstant());
    }
}
