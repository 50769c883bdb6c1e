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
 * The key and certificate chain that sign every document: from a PKCS#12 file in production
 * ({@code DOCUMENT_SIGNING_KEYSTORE} and {@code DOCUMENT_SIGNING_KEYSTORE_PASSWORD}), or, when none is
 * configured (local run, tests), a self-signed development key created at first start and kept in
 * the state directory so that documents stay verifiable across restarts. A development key is
 * logged as such at every start: PDF readers will not trust it.
 */
public final class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);
    static final String DEVELOPMENT_FILE = "document-signing.p12";
    static final char[] DEVELOPMENT_PASSWORD = "seva-development-only".toCharArray();
    static final String DEVELOPMENT_SUBJECT = "CN=Seva development document signing (NOT FOR PRODUCTION),O=Seva,C=IN";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final boolean development;

    public SigningKey(PrivateKey privateKey, List<X509Certificate> chain, boolean development) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A signing key needs its certificate");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.development = development;
    }

    /** The configured key, or the development key of {@code stateDirectory} (created if missing). */
    public static SigningKey load(Optional<Path> keystore, Optional<String> password, Path stateDirectory) {
        if (keystore.isPresent()) {
            char[] secret = password.orElseThrow(() -> new IllegalStateException(
                    "DOCUMENT_SIGNING_KEYSTORE is set but DOCUMENT_SIGNING_KEYSTORE_PASSWORD is not")).toCharArray();
            SigningKey key = fromPkcs12(keystore.get(), secret, false);
            LOG.infof("Documents are signed with the key of %s", key.certificate().getSubjectX500Principal().getName());
            return key;
        }
        SigningKey key = development(stateDirectory.resolve(DEVELOPMENT_FILE));
        LOG.warnf("DOCUMENT_SIGNING_KEYSTORE is not set: documents are signed with a self-signed DEVELOPMENT key (%s). "
                + "PDF readers will not trust it; configure a real key in production.", stateDirectory.resolve(DEVELOPMENT_FILE));
        return key;
    }

    public PrivateKey privateKey() {
        return privateKey;
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

    /** Loads the development key, creating it first if the file does not exist yet. */
    static synchronized SigningKey development(Path file) {
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "document-signing", ".tmp");
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    generate().store(out, DEVELOPMENT_PASSWORD);
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

    private static KeyStore generate() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name(DEVELOPMENT_SUBJECT);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.getInstance(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"))));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("document-signing", pair.getPrivate(), DEVELOPMENT_PASSWORD, new Certificate[]{certificate});
        return store;
    }
}
