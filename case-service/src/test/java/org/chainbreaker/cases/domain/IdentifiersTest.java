package org.chainbreaker.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.chainbreaker.cases.domain.identifiers.IdentifierKind;
import org.chainbreaker.cases.domain.identifiers.Identifiers;
import org.chainbreaker.platform.errors.FieldChecks;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    private static Optional<String> norm(IdentifierKind kind, String value) {
        return Identifiers.normalize(kind, value, "v", new FieldChecks());
    }

    @Test
    void phone_numbers_become_e164_from_any_common_form() {
        assertThat(norm(IdentifierKind.PHONE_NUMBER, "+66 81 234 5678"))
                .contains("phone:+66812345678");
        assertThat(norm(IdentifierKind.PHONE_NUMBER, "TH:081-234-5678"))
                .contains("phone:+66812345678");
        assertThat(norm(IdentifierKind.PHONE_NUMBER, "0066812345678"))
                .contains("phone:+66812345678");
        assertThat(norm(IdentifierKind.PHONE_NUMBER, "081 234 5678")).as("no region").isEmpty();
        assertThat(norm(IdentifierKind.PHONE_NUMBER, "+66 1")).isEmpty();
        assertThat(Identifiers.countryOf("phone:+66812345678")).contains("TH");
        assertThat(Identifiers.countryOf("phone:+85512345678")).contains("KH");
    }

    @Test
    void ibans_need_a_valid_checksum_and_other_accounts_a_country() {
        assertThat(norm(IdentifierKind.BANK_ACCOUNT, "gb82 west 1234 5698 7654 32"))
                .contains("account:IBAN:GB82WEST12345698765432");
        assertThat(norm(IdentifierKind.BANK_ACCOUNT, "GB82 WEST 1234 5698 7654 33")).isEmpty();
        assertThat(norm(IdentifierKind.BANK_ACCOUNT, "th: 123-4-56789-0"))
                .contains("account:TH:1234567890");
        assertThat(Identifiers.countryOf("account:IBAN:GB82WEST12345698765432")).contains("GB");
        assertThat(Identifiers.countryOf("account:TH:1234567890")).contains("TH");
    }

    @Test
    void wallets_are_recognised_by_chain_and_checksum() {
        assertThat(norm(IdentifierKind.CRYPTO_WALLET, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"))
                .contains("wallet:btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        assertThat(norm(IdentifierKind.CRYPTO_WALLET, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"))
                .as("checksum")
                .isEmpty();
        assertThat(norm(IdentifierKind.CRYPTO_WALLET, "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"))
                .contains("wallet:btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        assertThat(norm(IdentifierKind.CRYPTO_WALLET, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"))
                .as("checksum")
                .isEmpty();
        assertThat(
                        norm(
                                IdentifierKind.CRYPTO_WALLET,
                                "ethereum:0x52908400098527886E0F7030069857D2E4169EE7"))
                .contains("wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7");
        assertThat(
                        norm(
                                IdentifierKind.CRYPTO_WALLET,
                                "btc:0x52908400098527886E0F7030069857D2E4169EE7"))
                .as("wrong chain")
                .isEmpty();
    }

    @Test
    void domains_become_lower_case_punycode_without_www() {
        assertThat(norm(IdentifierKind.WEBSITE, "HTTPS://www.Example.CO.TH:443/path?q=1"))
                .contains("domain:example.co.th");
        assertThat(norm(IdentifierKind.WEBSITE, "bücher.example"))
                .contains("domain:xn--bcher-kva.example");
        assertThat(norm(IdentifierKind.WEBSITE, "not a domain")).isEmpty();
        assertThat(Identifiers.countryOf("domain:example.co.th")).contains("TH");
        assertThat(Identifiers.countryOf("domain:example.com")).isEmpty();
    }

    @Test
    void a_malformed_identifier_names_its_field() {
        FieldChecks checks = new FieldChecks();
        Identifiers.normalize(IdentifierKind.APP, "not an app", "lead.value", checks);
        assertThatThrownBy(checks::throwIfAny)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(InvalidArgumentException.FieldViolation::field)
                                        .containsExactly("lead.value"));
    }

    @Test
    void lead_status_steps_and_victim_protection() {
        assertThat(LeadStatus.ASSIGNED.canMoveTo(LeadStatus.IN_PROGRESS)).isTrue();
        assertThat(LeadStatus.NEW.canMoveTo(LeadStatus.CONFIRMED)).isFalse();
        assertThat(LeadStatus.IN_PROGRESS.canMoveTo(LeadStatus.ASSIGNED)).isFalse();
        var now = java.time.Instant.now();
        Case shared =
                new Case(
                        java.util.UUID.randomUUID(),
                        "KR-2026-000001",
                        "KR",
                        "t",
                        CaseCategory.ONLINE_SCAM,
                        CaseStatus.OPEN,
                        "",
                        now,
                        now,
                        1,
                        java.util.List.of(
                                new Share("TH", HandlingCode.H1, "k", now, true),
                                new Share("VN", HandlingCode.H3, "k", now, true)));
        var investigator = java.util.Set.of("investigator");
        assertThat(VictimProtection.maySee(shared, "TH", investigator, PersonRole.VICTIM)).isTrue();
        assertThat(
                        VictimProtection.maySee(
                                shared, "TH", java.util.Set.of("analyst"), PersonRole.VICTIM))
                .isFalse();
        assertThat(VictimProtection.maySee(shared, "VN", investigator, PersonRole.VICTIM))
                .isFalse();
        assertThat(VictimProtection.maySee(shared, "VN", investigator, PersonRole.SUSPECT))
                .isTrue();
        assertThat(VictimProtection.maySeeContact(shared, "TH", PersonRole.VICTIM)).isTrue();
        assertThat(VictimProtection.maySee(shared.header(), "TH", investigator, PersonRole.SUSPECT))
                .isFalse();
    }
}
