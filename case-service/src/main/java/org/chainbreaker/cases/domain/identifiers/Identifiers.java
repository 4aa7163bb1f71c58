package org.chainbreaker.cases.domain.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigInteger;
import java.net.IDN;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * Normalisation of identifiers so that the same identifier written two ways in two cases matches:
 *
 * <ul>
 *   <li>phone numbers to E.164 ({@code phone:+66812345678}); national forms need a region: {@code
 *       TH:081 234 5678};
 *   <li>bank accounts: IBANs with a verified checksum ({@code
 *       account:IBAN:DE89370400440532013000}), other accounts as {@code <country>:<number>} with
 *       separators dropped ({@code account:TH:1234567890});
 *   <li>wallets by chain: Bitcoin base58 (checksum verified) or bech32 (lower case, checksum
 *       verified), Ethereum {@code 0x} + 40 hex lower-cased, Tron base58 {@code T...} (checksum
 *       verified): {@code wallet:eth:0x...};
 *   <li>websites to the lower-case ASCII (punycode) domain without {@code www.}: {@code
 *       domain:xn--...};
 *   <li>apps by package or bundle identifier, lower-cased: {@code app:com.example.invest}.
 * </ul>
 *
 * Normalised values are what cross-matching compares; they never leave the service for cases a
 * caller cannot see.
 */
public final class Identifiers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern REGION_PREFIX = Pattern.compile("([A-Za-z]{2})\\s*:\\s*(.+)");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Z0-9]{4,34}");
    private static final Pattern ETH = Pattern.compile("0x[0-9a-f]{40}");
    private static final String BASE58 =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final Pattern BTC_BASE58 = Pattern.compile("[13][" + BASE58 + "]{25,34}");
    private static final Pattern TRX = Pattern.compile("T[" + BASE58 + "]{33}");
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final Pattern BTC_BECH32 = Pattern.compile("bc1[" + BECH32 + "]{11,71}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    private static final Pattern APP = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");

    private Identifiers() {}

    /**
     * The normalised form of {@code value}, or empty with a violation of {@code field} added to
     * {@code checks}.
     */
    public static Optional<String> normalize(
            IdentifierKind kind, String value, String field, FieldChecks checks) {
        String raw = value == null ? "" : value.strip();
        if (raw.isEmpty() || raw.length() > 500) {
            checks.require(
                    false,
                    field,
                    raw.isEmpty() ? "is required" : "must have at most 500 characters");
            return Optional.empty();
        }
        Optional<String> normalized =
                switch (kind) {
                    case PHONE_NUMBER -> phone(raw);
                    case BANK_ACCOUNT -> account(raw);
                    case CRYPTO_WALLET -> wallet(raw);
                    case WEBSITE -> domain(raw);
                    case APP -> app(raw);
                };
        checks.require(
                normalized.isPresent(),
                field,
                switch (kind) {
                    case PHONE_NUMBER ->
                            "is not a valid phone number: use the international form (+66 81 234 5678) or "
                                    + "a region and the national form (TH:081 234 5678)";
                    case BANK_ACCOUNT ->
                            "is not a valid IBAN (checksum) nor <country>:<account number> (e.g. TH:123-4-56789-0)";
                    case CRYPTO_WALLET ->
                            "is not a wallet address: btc (base58 or bech32), eth (0x + 40 hex) or trx (T...),"
                                    + " optionally prefixed by its chain (eth:0x...)";
                    case WEBSITE -> "is not a domain or URL";
                    case APP ->
                            "is not an app package or bundle identifier (e.g. com.example.invest)";
                });
        return normalized.map(n -> kind.prefix() + ":" + n);
    }

    /**
     * The country an identifier belongs to, where its form says so (phone, IBAN, account,
     * country-code domain).
     */
    public static Optional<String> countryOf(String normalized) {
        int colon = normalized.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String rest = normalized.substring(colon + 1);
        return switch (normalized.substring(0, colon)) {
            case "phone" -> {
                try {
                    String region = PHONES.getRegionCodeForNumber(PHONES.parse(rest, null));
                    yield region == null || region.equals("ZZ") || region.equals("001")
                            ? Optional.empty()
                            : Optional.of(region);
                } catch (NumberParseException e) {
                    yield Optional.empty();
                }
            }
            case "account" ->
                    Optional.of(
                            rest.startsWith("IBAN:") ? rest.substring(5, 7) : rest.substring(0, 2));
            case "domain" -> {
                String tld = rest.substring(rest.lastIndexOf('.') + 1);
                yield tld.length() == 2 && tld.chars().allMatch(Character::isLetter)
                        ? Optional.of(tld.equals("uk") ? "GB" : tld.toUpperCase(Locale.ROOT))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    static Optional<String> phone(String raw) {
        String region = null;
        String number = raw;
        var prefixed = REGION_PREFIX.matcher(raw);
        if (prefixed.matches()) {
            region = prefixed.group(1).toUpperCase(Locale.ROOT);
            number = prefixed.group(2);
        }
        if (region == null && !number.startsWith("+") && !number.startsWith("00")) {
            return Optional.empty();
        }
        if (region == null && number.startsWith("00")) {
            number = "+" + number.substring(2);
        }
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(number, region);
            if (!PHONES.isValidNumber(parsed)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    static Optional<String> account(String raw) {
        var prefixed = REGION_PREFIX.matcher(raw);
        if (prefixed.matches()) {
            String country = prefixed.group(1).toUpperCase(Locale.ROOT);
            String number = prefixed.group(2).replaceAll("[\\s.\\-/]", "").toUpperCase(Locale.ROOT);
            return ACCOUNT.matcher(number).matches()
                    ? Optional.of(country + ":" + number)
                    : Optional.empty();
        }
        String iban = raw.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        if (iban.startsWith("IBAN")) {
            iban = iban.substring(4);
        }
        if (!IBAN.matcher(iban).matches() || !ibanChecksumHolds(iban)) {
            return Optional.empty();
        }
        return Optional.of("IBAN:" + iban);
    }

    static boolean ibanChecksumHolds(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int digitValue = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (digitValue > 9 ? remainder * 100 : remainder * 10) + digitValue;
            remainder %= 97;
        }
        return remainder == 1;
    }

    static Optional<String> wallet(String raw) {
        String chain = null;
        String address = raw;
        int colon = raw.indexOf(':');
        if (colon > 0) {
            chain = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            address = raw.substring(colon + 1).strip();
            if (chain.equals("bitcoin")) {
                chain = "btc";
            } else if (chain.equals("ethereum")) {
                chain = "eth";
            } else if (chain.equals("tron")) {
                chain = "trx";
            }
        }
        String lower = address.toLowerCase(Locale.ROOT);
        if ((chain == null || chain.equals("eth")) && ETH.matcher(lower).matches()) {
            return Optional.of("eth:" + lower);
        }
        if ((chain == null || chain.equals("btc"))
                && BTC_BECH32.matcher(lower).matches()
                && (address.equals(lower) || address.equals(address.toUpperCase(Locale.ROOT)))
                && bech32ChecksumHolds(lower)) {
            return Optional.of("btc:" + lower);
        }
        if ((chain == null || chain.equals("btc"))
                && BTC_BASE58.matcher(address).matches()
                && base58CheckHolds(address)) {
            return Optional.of("btc:" + address);
        }
        if ((chain == null || chain.equals("trx"))
                && TRX.matcher(address).matches()
                && base58CheckHolds(address)) {
            return Optional.of("trx:" + address);
        }
        return Optional.empty();
    }

    /** Base58Check: 4 checksum bytes are the start of the double SHA-256 of the payload. */
    static boolean base58CheckHolds(String address) {
        BigInteger value = BigInteger.ZERO;
        for (char c : address.toCharArray()) {
            int digit = BASE58.indexOf(c);
            if (digit < 0) {
                return false;
            }
            value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
        }
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        int leadingZeros = 0;
        while (leadingZeros < address.length() && address.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        byte[] decoded = new byte[leadingZeros + bytes.length];
        System.arraycopy(bytes, 0, decoded, leadingZeros, bytes.length);
        if (decoded.length != 25) {
            return false;
        }
        byte[] payload = Arrays.copyOfRange(decoded, 0, 21);
        byte[] check = sha256(sha256(payload));
        return Arrays.equals(Arrays.copyOfRange(check, 0, 4), Arrays.copyOfRange(decoded, 21, 25));
    }

    /** Bech32 (BIP-173) or bech32m (BIP-350) checksum of a lower-case address. */
    static boolean bech32ChecksumHolds(String address) {
        int separator = address.lastIndexOf('1');
        String hrp = address.substring(0, separator);
        String data = address.substring(separator + 1);
        if (data.length() < 6) {
            return false;
        }
        int[] values = new int[hrp.length() * 2 + 1 + data.length()];
        int i = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c >> 5;
        }
        values[i++] = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c & 31;
        }
        for (char c : data.toCharArray()) {
            values[i++] = BECH32.indexOf(c);
        }
        int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int checksum = 1;
        for (int v : values) {
            int top = checksum >>> 25;
            checksum = ((checksum & 0x1ffffff) << 5) ^ v;
            for (int g = 0; g < 5; g++) {
                if (((top >>> g) & 1) != 0) {
                    checksum ^= generator[g];
                }
            }
        }
        return checksum == 1 || checksum == 0x2bc830a3;
    }

    static Optional<String> domain(String raw) {
        String host = raw;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int end = host.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = host.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        host = host.substring(0, end);
        int userinfo = host.lastIndexOf('@');
        if (userinfo >= 0) {
            host = host.substring(userinfo + 1);
        }
        int port = host.lastIndexOf(':');
        if (port >= 0) {
            host = host.substring(0, port);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.startsWith("www.")) {
            ascii = ascii.substring(4);
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return TLD.matcher(labels[labels.length - 1]).matches()
                ? Optional.of(ascii)
                : Optional.empty();
    }

    static Optional<String> app(String raw) {
        String id = raw.toLowerCase(Locale.ROOT);
        return id.length() <= 255 && APP.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
