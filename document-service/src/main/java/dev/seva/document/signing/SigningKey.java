package dev.seva.document.signing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.ContentSigner;
import dev.seva.privacy.hsm.Pkcs11Token;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The key and certificate chain that sign every document. The private key lives in a PKCS#11 token and
 * signs there ({@link #inToken}: the HSM of production, where the key and its chain were put by the
 * HSM's own tools; {@link #developmentInToken}: SoftHSM2 in the local run and tests, where a self-signed
 * development key pair is generated inside the token at first start and stays there across restarts).
 * A token key never enters this process's memory: {@link #privateKey()} is a handle
 * ({@code getEncoded()} is null) usable only with {@link #provider()}.
 *
 * <p>{@link #load} (a PKCS#12 file in memory) is kept only for the benchmark, which measures rendering
 * and signing without a token; the service never uses it.
 */
public final class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);
    static final String DEVELOPMENT_FILE = "document-signing.p12";
    static final char[] DEVELOPMENT_PASSWORD = "seva-development-only".toCharArray();
    static final String DEVELOPMENT_SUBJECT = "CN=Seva development document signing (NOT FOR PRODUCTION),O=Seva,C=IN";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final boolean development;
    private final Provider provider;

    public SigningKey(PrivateKey privateKey, List<X509Certificate> chain, boolean development) {
        this(privateKey, chain, development, null);
    }

    /** {@code provider}: the token's, for a token key; null for a software key (any installed provider signs). */
    public SigningKey(PrivateKey privateKey, List<X509Certificate> chain, boolean development, Provider provider) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A signing key needs its certificate");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.development = development;
        this.provider = provider;
    }

    /**
     * The key {@code alias} of a production token, with the certificate chain stored beside it. Nothing is
     * created: a token without that key (or without its certificate) stops the start.
     */
    public static SigningKey inToken(Pkcs11Token token, String alias) {
        SigningKey key = read(token, alias, false)
                .orElseThrow(() -> new IllegalStateException("The PKCS#11 token has no private key " + alias
                        + " with its certificate chain (DOCUMENT_SIGNING_KEY_ALIAS); put the key and chain in the HSM first"));
        LOG.infof("Documents are signed in the PKCS#11 token with key %s of %s", alias, key.certificate().getSubjectX500Principal().getName());
        return key;
    }

    /**
     * The development key {@code alias} of a SoftHSM2 token, generated inside the token (RSA 2048, with a
     * self-signed certificate signed by the token key) if the token has none yet. Logged as a development
     * key at every start: PDF readers will not trust it.
     */
    public static SigningKey developmentInToken(Pkcs11Token token, String alias) {
        synchronized (token) {
            Optional<SigningKey> existing = read(token, alias, true);
            if (existing.isEmpty()) {
                generateInToken(token, alias);
                LOG.warnf("Created a development signing key %s inside the SoftHSM2 token", alias);
            }
            SigningKey key = existing.or(() -> read(token, alias, true)).orElseThrow(() ->
                    new IllegalStateException("The development signing key " + alias + " was not stored in the token"));
            LOG.warnf("DOCUMENT_PKCS11_LIBRARY is not set: documents are signed with a self-signed DEVELOPMENT key (%s) in a SoftHSM2 token. "
                    + "PDF readers will not trust it; configure the production HSM.", alias);
            return key;
        }
    }

    private static Optional<SigningKey> read(Pkcs11Token token, String alias, boolean development) {
        try {
            KeyStore store = token.keyStore();
            if (!store.isKeyEntry(alias)) {
                return Optional.empty();
            }
            if (!(store.getKey(alias, null) instanceof PrivateKey key)) {
                throw new IllegalStateException("Token key " + alias + " is not a private key");
            }
            Certificate[] certificates = store.getCertificateChain(alias);
            if (certificates == null || certificates.length == 0) {
                throw new IllegalStateException("Token key " + alias + " has no certificate chain in the token");
            }
            X509Certificate[] chain = Arrays.stream(certificates).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
            return Optional.of(new SigningKey(key, List.of(chain), development, token.provider()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key " + alias + " could not be read from the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    /** A key pair generated by the token (the private key never leaves it), its certificate signed in the token. */
    private static void generateInToken(Pkcs11Token token, String alias) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", token.provider());
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, new JcaContentSignerBuilder("SHA256withRSA").setProvider(token.provider())
                    .build(pair.getPrivate()));
            token.keyStore().setKeyEntry(alias, pair.getPrivate(), null, new Certificate[]{certificate});
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot create the development signing key in the token: " + e.getMessage(), e);
        }
    }

    /**
     * A software key: the PKCS#12 file given, or a development PKCS#12 in {@code stateDirectory}.
     *
     * @deprecated the benchmark's only; the service signs in a PKCS#11 token ({@link #inToken}, {@link #developmentInToken}).
     */
    @Deprecated
    public static SigningKey load(Optional<Path> keystore, Optional<String> password, Path stateDirectory) {
        if (keystore.isPresent()) {
            char[] secret = password.orElseThrow(() -> new IllegalStateException("A keystore needs its password")).toCharArray();
            return fromPkcs12(keystore.get(), secret, false);
        }
        LOG.warnf("Signing with a software DEVELOPMENT key (%s), outside any token", stateDirectory.resolve(DEVELOPMENT_FILE));
        return development(stateDirectory.resolve(DEVELOPMENT_FILE));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The token's provider, which alone can sign with a token key; empty for a software key. */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /** The signer's certificate first, then its issuers. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public boolean development() {
        return development;
    }

    static SigningKey fromPkcs12(Path file, char[] password, boolean development) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] certificates = store.getCertificateChain(alias);
                    X509Certificate[] chain = Arrays.stream(certificates).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
                    return new SigningKey(key, List.of(chain), development);
                }
            }
            throw new IllegalStateException("The signing keystore " + file + " holds no private key");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keystore " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the signing keystore " + file + " (wrong password?)", e);
        }
    }

    /** Loads the software development key, creating it first if the file does not exist yet. */
    static synchronized SigningKey development(Path file) {
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "document-signing", ".tmp");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, new SecureRandom());
                KeyPair pair = generator.generateKeyPair();
                X509Certificate certificate = selfSigned(pair, new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("document-signing", pair.getPrivate(), DEVELOPMENT_PASSWORD, new Certificate[]{certificate});
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, DEVELOPMENT_PASSWORD);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                LOG.warnf("Created a development signing key in %s", file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the development signing key " + file, e);
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException("Cannot create the development signing key", e);
            }
        }
        return fromPkcs12(file, DEVELOPMENT_PASSWORD, true);
    }

    /** The development certificate: self-signed, ten years, for document signing only. */
    private static X509Certificate selfSigned(KeyPair pair, ContentSigner signer) throws IOException, GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name(DEVELOPMENT_SUBJECT);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.getInstance(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"))));
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
