package dev.seva.document.signing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Signs a PDF as PAdES baseline B-B (ETSI EN 319 142-1): the document carries a signature
 * dictionary with sub-filter {@code ETSI.CAdES.detached} whose contents are a detached CMS SignedData
 * over the byte range, carrying the signing-certificate-v2 attribute (the SHA-256 of the signer's
 * certificate) and no signing-time attribute (the time is the dictionary's {@code /M}, as PAdES
 * requires). The CMS signature is made by the key's PKCS#11 token when the key is a token key; a
 * failure there is a {@link SignatureFailed}. Thread-safe: everything per signature is created per call; the key, the certificate
 * attribute and the certificate store are shared.
 */
public final class PadesSigner {

    private static final String LOCATION = "Andhra Pradesh, India";
    /** What PDFBox writes for a reserved byte range (after the "["); the real one is padded with spaces to its length. */
    private static final byte[] RESERVED_BYTE_RANGE = "0 1000000000 1000000000 1000000000]".getBytes(StandardCharsets.US_ASCII);

    private final SigningKey key;
    private final String algorithm;
    private final AttributeTable signingCertificate;
    private final JcaCertStore certificates;
    private final DigestCalculatorProvider digests;
    private final int signatureSize;
    private final String signerName;

    public PadesSigner(SigningKey key) {
        this.key = key;
        this.algorithm = "EC".equals(key.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            X509Certificate certificate = key.certificate();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            SigningCertificateV2 v2 = new SigningCertificateV2(new ESSCertIDv2[]{new ESSCertIDv2(hash)});
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(v2)));
            this.signingCertificate = new AttributeTable(attributes);
            this.certificates = new JcaCertStore(key.chain());
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
            int chainSize = 0;
            for (X509Certificate c : key.chain()) {
                chainSize += c.getEncoded().length;
            }
            this.signatureSize = Math.max(8192, chainSize + 4096);
            this.signerName = certificate.getSubjectX500Principal().getName();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot prepare the document signer", e);
        }
    }

    /**
     * Adds the signature dictionary to a document being created, with a reserved {@code /Contents}
     * and {@code /ByteRange}; save it without object streams, then pass the bytes to {@link #sign}.
     * Signing in the same pass as rendering saves parsing and rewriting the PDF (an incremental
     * update would): the signed bytes are exactly the saved file outside the reserved contents.
     */
    public void prepare(PDDocument document, Instant when, String reason) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
        signature.setName(signerName);
        signature.setLocation(LOCATION);
        signature.setReason(reason);
        Calendar time = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        time.setTimeInMillis(when.toEpochMilli());
        signature.setSignDate(time);
        try (SignatureOptions options = new SignatureOptions()) {
            options.setPreferredSignatureSize(signatureSize);
            document.addSignature(signature, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not add the signature dictionary", e);
        }
    }

    /**
     * Signs a PDF saved after {@link #prepare}: writes the byte range (everything but the reserved
     * contents) and the CMS signature over it into the reserved places. Returns the same array.
     */
    public byte[] sign(byte[] pdf) {
        int byteRangeAt = lastIndexOf(pdf, RESERVED_BYTE_RANGE);
        int contentsAt = indexOfReservedContents(pdf);
        if (byteRangeAt < 0 || contentsAt < 0) {
            throw new IllegalStateException("The PDF has no reserved signature (was it prepared and saved without object streams?)");
        }
        int afterContents = contentsAt + 2 * signatureSize + 2;
        String byteRange = "0 " + contentsAt + " " + afterContents + " " + (pdf.length - afterContents) + "]";
        if (byteRange.length() > RESERVED_BYTE_RANGE.length) {
            throw new IllegalStateException("The PDF is too large for its reserved byte range");
        }
        byte[] range = byteRange.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < RESERVED_BYTE_RANGE.length; i++) {
            pdf[byteRangeAt + i] = i < range.length ? range[i] : (byte) ' ';
        }
        byte[] signed = new byte[contentsAt + pdf.length - afterContents];
        System.arraycopy(pdf, 0, signed, 0, contentsAt);
        System.arraycopy(pdf, afterContents, signed, contentsAt, pdf.length - afterContents);
        byte[] cms;
        try {
            cms = cms(new java.io.ByteArrayInputStream(signed));
        } catch (IOException | RuntimeException e) {
            // The token refused or could not be reached (PKCS#11 session lost, HSM down, key gone).
            throw new SignatureFailed(e);
        }
        if (cms.length > signatureSize) {
            throw new IllegalStateException("The signature does not fit the reserved space");
        }
        byte[] hex = HexFormat.of().withUpperCase().formatHex(cms).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, pdf, contentsAt + 1, hex.length);
        return pdf;
    }

    /** Where "<000…0>" of the reserved size starts. */
    private int indexOfReservedContents(byte[] pdf) {
        int run = 2 * signatureSize;
        for (int i = pdf.length - run - 2; i >= 0; i--) {
            if (pdf[i] == '<' && pdf[i + run + 1] == '>' && allZeros(pdf, i + 1, run)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allZeros(byte[] pdf, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (pdf[i] != '0') {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = data.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The detached CMS SignedData over what PDFBox hands in (the two parts of the byte range). */
    private byte[] cms(InputStream content) throws IOException {
        try {
            // A token key signs only through its token's provider: the private key itself never comes out.
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
            key.provider().ifPresent(builder::setProvider);
            ContentSigner signer = builder.build(key.privateKey());
            CMSAttributeTableGenerator attributes = new WithoutSigningTime(new DefaultSignedAttributeTableGenerator(signingCertificate));
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(attributes)
                    .build(signer, key.certificate());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(certificates);
            return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
            throw new IOException("CMS signature failed", e);
        }
    }

    /** PAdES forbids the CMS signing-time attribute: BC's default generator adds it, so it is removed here. */
    private static final class WithoutSigningTime implements CMSAttributeTableGenerator {
        private final CMSAttributeTableGenerator delegate;

        WithoutSigningTime(CMSAttributeTableGenerator delegate) {
            this.delegate = delegate;
        }

        @Override
        public AttributeTable getAttributes(java.util.Map parameters) {
            return delegate.getAttributes(parameters).remove(CMSAttributes.signingTime);
        }
    }
}
