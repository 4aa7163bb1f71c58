package org.chainbreaker.platform.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;

/**
 * The countries' key-encryption keys in a PKCS#11 token, reached through the JDK's SunPKCS11
 * provider. A country's keys are AES-256 token objects labelled {@code kek-<country>-<n>} (the
 * highest n is current; older ones open data keys wrapped before a rotation), generated in the
 * token as sensitive and not extractable: the service asks the token to wrap and unwrap, it never
 * sees the key. The blind-index key ({@code blind-index-1}, HMAC-SHA256) is one for the deployment,
 * so that equal identifiers of different countries still match.
 */
public final class CountryKeys {

    public static final String BLIND_INDEX_LABEL = "blind-index-1";
    private static final Pattern KEK = Pattern.compile("kek-([A-Z0-9]{2,16})-(\\d+)");
    private static final Pattern AUDIT_SIGNING = Pattern.compile("audit-signing-(\\d+)");

    /** At most one re-read of the token's key list per interval when a label is missing. */
    private static final long REFRESH_ON_MISS_NANOS = 1_000_000_000L;

    private final Provider provider;
    private final KeyStore token;
    private final char[] pin;
    private final ConcurrentMap<String, SecretKey> handles = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile long lastRefresh = System.nanoTime();
    private volatile List<TokenSigner> signers;

    private CountryKeys(Provider provider, KeyStore token, char[] pin) {
        this.provider = provider;
        this.token = token;
        this.pin = pin;
    }

    /** Logs in to the token; a wrong PIN, a missing library or token stops here with the reason. */
    public static CountryKeys open(KeySettings settings) {
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(settings.providerConfig());
        } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new KeyStoreUnavailableException(
                    "cannot load the PKCS#11 token (" + describe(settings) + "): " + rootMessage(e),
                    e);
        }
        try {
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, settings.pin().toCharArray());
            return new CountryKeys(provider, token, settings.pin().toCharArray());
        } catch (IOException e) {
            if (hasCause(e, FailedLoginException.class)
                    || rootMessage(e).contains("CKR_PIN_INCORRECT")) {
                throw new KeyStoreUnavailableException(
                        "the PKCS#11 token refused the PIN (CKR_PIN_INCORRECT): check"
                                + " chainbreaker.keys.pin ("
                                + describe(settings)
                                + ")",
                        e);
            }
            throw new KeyStoreUnavailableException(
                    "cannot log in to the PKCS#11 token ("
                            + describe(settings)
                            + "): "
                            + rootMessage(e),
                    e);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot open the PKCS#11 token (" + describe(settings) + "): " + rootMessage(e),
                    e);
        }
    }

    Provider provider() {
        return provider;
    }

    /**
     * The label of the country's current key-encryption key, empty if it has none (never had, or
     * destroyed).
     */
    public Optional<String> currentLabel(String country) {
        return labels(country).stream().reduce((a, b) -> b);
    }

    /** The country's key-encryption key labels, oldest first. */
    public List<String> labels(String country) {
        List<String> labels = new ArrayList<>();
        try {
            for (String alias : Collections.list(token.aliases())) {
                Matcher m = KEK.matcher(alias);
                if (m.matches() && m.group(1).equals(country)) {
                    labels.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot list the token's keys: " + rootMessage(e), e);
        }
        labels.sort((a, b) -> Integer.compare(version(a), version(b)));
        return labels;
    }

    static int version(String label) {
        Matcher m = KEK.matcher(label);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    static String country(String label) {
        Matcher m = KEK.matcher(label);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a key-encryption key label: " + label);
        }
        return m.group(1);
    }

    /**
     * The key-encryption key of that label as an AEAD that runs in the token; empty if the token
     * has no such key.
     */
    public Optional<TokenAead> kek(String label) {
        return key(label).map(key -> new TokenAead(provider, key));
    }

    /** Makes the country's next key-encryption key in the token and returns its label. */
    public synchronized String createKek(String country) {
        String label =
                "kek-"
                        + country
                        + "-"
                        + (currentLabel(country).map(CountryKeys::version).orElse(0) + 1);
        generate(label, "AES");
        return label;
    }

    /** Makes the deployment's blind-index key if the token has none. */
    public synchronized void ensureBlindIndexKey() {
        if (key(BLIND_INDEX_LABEL).isEmpty()) {
            generate(BLIND_INDEX_LABEL, "HmacSHA256");
        }
    }

    /**
     * Destroys every key-encryption key of the country in the token: crypto-shredding. What it did
     * in this process is forgotten at once; other replicas stop within their data-key lifetime.
     */
    public synchronized void destroy(String country) {
        for (String label : labels(country)) {
            destroyLabel(label);
        }
    }

    /**
     * Destroys one key (an old key-encryption key once no data key is wrapped under it any more).
     */
    public synchronized void destroyLabel(String label) {
        try {
            token.deleteEntry(label);
            handles.remove(label);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot destroy " + label + ": " + rootMessage(e), e);
        }
    }

    /**
     * The audit checkpoints' signing keys ({@code audit-signing-<n>}), oldest first, the last the
     * current one: each an EC private key in the token with its self-signed certificate (the form a
     * PKCS#11 key store lists), the certificate's start the time the key was made. Read from the
     * token once and kept until the next {@link #refresh()}: a caller that meets a label it does
     * not know refreshes, nobody else.
     */
    public List<TokenSigner> auditSigners() {
        List<TokenSigner> known = signers;
        return known != null ? known : readAuditSigners();
    }

    private synchronized List<TokenSigner> readAuditSigners() {
        if (signers != null) {
            return signers;
        }
        try {
            List<String> labels =
                    Collections.list(token.aliases()).stream()
                            .filter(a -> AUDIT_SIGNING.matcher(a).matches())
                            .sorted((a, b) -> Integer.compare(signingVersion(a), signingVersion(b)))
                            .toList();
            List<TokenSigner> read = new ArrayList<>();
            for (String label : labels) {
                Key key = token.getKey(label, null);
                if (key instanceof java.security.PrivateKey privateKey
                        && token.getCertificate(label)
                                instanceof java.security.cert.X509Certificate certificate) {
                    read.add(
                            new TokenSigner(
                                    provider,
                                    label,
                                    privateKey,
                                    certificate.getPublicKey(),
                                    certificate.getNotBefore().toInstant()));
                }
            }
            signers = List.copyOf(read);
            return signers;
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot read the audit signing keys from the token: " + rootMessage(e), e);
        }
    }

    private static int signingVersion(String label) {
        Matcher m = AUDIT_SIGNING.matcher(label);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** HMAC-SHA256 under the blind-index key, computed in the token. */
    public byte[] blindIndex(byte[] value) {
        SecretKey key =
                key(BLIND_INDEX_LABEL)
                        .orElseThrow(
                                () ->
                                        new KeyStoreUnavailableException(
                                                "the token has no blind-index key ("
                                                        + BLIND_INDEX_LABEL
                                                        + ")"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256", provider);
            mac.init(key);
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "the token could not compute the blind index: " + rootMessage(e), e);
        }
    }

    /**
     * Reads the token's list of keys again: the key store lists only what the token held when it
     * was loaded, and keys are made by other processes (an operator's rotation command, keytool for
     * a new audit signing key) while the service runs.
     */
    public synchronized void refresh() {
        try {
            token.load(null, pin);
            lastRefresh = System.nanoTime();
            handles.clear();
            signers = null;
            refreshes.incrementAndGet();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot read the token's keys again: " + rootMessage(e), e);
        }
    }

    /** How many times this process read the token's key list again since it opened the token. */
    public long refreshes() {
        return refreshes.get();
    }

    /**
     * {@link #refresh()} unless done within the last second: for a label that may have been made by
     * another process since (a rotation run by the operator's command), at a bounded cost when
     * callers name labels that do not exist.
     */
    public boolean refreshIfStale() {
        if (System.nanoTime() - lastRefresh <= REFRESH_ON_MISS_NANOS) {
            return false;
        }
        refresh();
        return true;
    }

    private Optional<SecretKey> key(String label) {
        Optional<SecretKey> found = knownKey(label);
        if (found.isEmpty() && refreshIfStale()) {
            found = knownKey(label);
        }
        return found;
    }

    private Optional<SecretKey> knownKey(String label) {
        SecretKey cached = handles.get(label);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Key key = token.getKey(label, null);
            if (key instanceof SecretKey secret) {
                handles.put(label, secret);
                return Optional.of(secret);
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "cannot read " + label + " from the token: " + rootMessage(e), e);
        }
    }

    private void generate(String label, String algorithm) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(algorithm, provider);
            generator.init(256);
            token.setEntry(label, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreUnavailableException(
                    "the token could not make " + label + ": " + rootMessage(e), e);
        }
    }

    /**
     * Forgets cached key handles, so that the next use asks the token again (after another process
     * changed it).
     */
    public void forgetHandles() {
        handles.clear();
    }

    private static String describe(KeySettings settings) {
        return settings.pkcs11Config().isEmpty()
                ? "library " + settings.library() + ", slot list index " + settings.slotListIndex()
                : "configuration " + settings.pkcs11Config();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
