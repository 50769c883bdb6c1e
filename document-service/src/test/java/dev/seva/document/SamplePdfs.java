package dev.seva.document;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test helpers over signed PDFs: what the tests check with Bouncy Castle, PDFBox's renderer and ZXing. */
public final class SamplePdfs {

    private SamplePdfs() {
    }

    /** The tests' development PINs (the same defaults as %test in application.properties). */
    public static final String TEST_PIN = "seva-dev-document-pin";
    public static final String TEST_SO_PIN = "seva-dev-document-so-pin";

    /** The development signing key of the tests' SoftHSM2 token (target/softhsm2, SOFTHSM2_CONF set by surefire), as the service loads it. */
    public static dev.seva.document.signing.SigningKey tokenKey() {
        return dev.seva.document.signing.SigningTokens.signingKey(new dev.seva.document.signing.SigningTokens.Settings(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(TEST_PIN), java.util.Optional.of(TEST_SO_PIN),
                "document-signing"));
    }

    /** Verifies the PDF's (only) signature over its byte range with Bouncy Castle; true when the CMS signature matches. */
    public static boolean signatureValid(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            if (signature == null) {
                return false;
            }
            byte[] signedContent = signature.getSignedContent(pdf);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), signature.getContents(pdf));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder certificate = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID()).iterator().next();
            try {
                return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            } catch (CMSException e) {
                return false; // e.g. the message-digest attribute does not match the signed bytes
            }
        }
    }

    /** The signature's CMS, for attribute checks. */
    public static SignerInformation signer(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), signature.getContents(pdf));
            return cms.getSignerInfos().getSigners().iterator().next();
        }
    }

    public static String subFilter(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getLastSignatureDictionary().getCOSObject().getNameAsString(COSName.SUB_FILTER);
        }
    }

    public static int[] byteRange(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getLastSignatureDictionary().getByteRange();
        }
    }

    /** The first page as PDFBox renders it. */
    public static BufferedImage page(byte[] pdf, float dpi) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
        }
    }

    /** The text of the PDF as a reader extracts it (PDFBox, through the fonts' ToUnicode maps). */
    public static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The verification code printed on the certificate, below its English and Telugu labels. */
    public static String printedVerificationCode(byte[] pdf) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Verification code:[\\s\\S]{0,80}?\\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\\b")
                .matcher(text(pdf));
        if (!m.find()) {
            throw new AssertionError("No verification code printed in the PDF");
        }
        return m.group(1);
    }

    /** The text of the QR code on the rendered page (ZXing). */
    public static String qrText(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** An approved outcome of the contract's example, for another application, document type and data. */
    public static ApplicationOutcomeDecided approved(String applicationRef, String citizenRef, String type, Map<String, Object> data) {
        ApplicationOutcomeDecided example = ContractExamples.load("dept.outcomes.v1", "approved", ApplicationOutcomeDecided.class);
        String department = example.departmentId();
        ApplicationOutcomeDecided.Officer officer = example.officer();
        if (Set.of("birth_certificate", "death_certificate").contains(type)) {
            department = "municipal";
            officer = new ApplicationOutcomeDecided.Officer("registrar-gnt", "Registrar of Births and Deaths");
        } else if (Set.of("trade_licence", "property_tax_receipt").contains(type)) {
            department = "municipal";
            officer = new ApplicationOutcomeDecided.Officer("commissioner-vsp", "Municipal Commissioner");
        } else if ("bus_pass".equals(type)) {
            department = "apsrtc";
            officer = new ApplicationOutcomeDecided.Officer("depot-ongole", "Depot Manager");
        }
        return new ApplicationOutcomeDecided(UUID.randomUUID(), example.eventType(), example.occurredAt(), department, applicationRef,
                example.serviceId(), citizenRef, example.outcome(), null, null,
                new ApplicationOutcomeDecided.DocumentData(type, data, LocalDate.of(2027, 11, 29)), officer);
    }

    /** Sample data for each template type (what a department would send). */
    public static Map<String, Object> sampleData(String type) {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (type) {
            case "income_certificate" -> {
                d.put("applicantName", "Lakshmi Venkata"); d.put("fatherName", "Venkata Rao"); d.put("annualIncome", 84000);
                d.put("district", "Krishna"); d.put("mandal", "Vijayawada Urban"); d.put("purpose", "scholarship");
            }
            case "caste_certificate" -> {
                d.put("applicantName", "Ramesh Babu Kondapalli"); d.put("fatherName", "Subba Rao"); d.put("casteName", "Kamma");
                d.put("category", "bc_d"); d.put("dateOfBirth", "1998-04-12"); d.put("mandal", "Tenali"); d.put("district", "Guntur");
            }
            case "residence_certificate" -> {
                d.put("applicantName", "Sravani Gorantla"); d.put("fatherName", "Prasad Gorantla"); d.put("address", "12-3-45, Gandhi Nagar, Kakinada");
                d.put("yearsOfStay", 14); d.put("district", "Kakinada"); d.put("purpose", "education");
            }
            case "ews_certificate" -> {
                d.put("applicantName", "Anil Kumar Sharma"); d.put("fatherName", "Mohan Sharma"); d.put("annualIncome", 520000); d.put("landAcres", 2.5);
            }
            case "family_member_certificate" -> {
                d.put("applicantName", "Padma Reddy"); d.put("deceasedName", "Srinivasa Reddy"); d.put("dateOfDeath", "2026-08-02");
                d.put("familyMembers", "Padma Reddy (wife), Karthik Reddy (son), Divya Reddy (daughter)");
            }
            case "no_earning_member_certificate" -> {
                d.put("applicantName", "Padma Reddy"); d.put("deceasedName", "Srinivasa Reddy"); d.put("dateOfDeath", "2026-08-02");
            }
            case "birth_certificate" -> {
                d.put("childName", "Aadhya Chowdary"); d.put("sex", "female"); d.put("dateOfBirth", "2026-10-05"); d.put("placeOfBirth", "Government General Hospital, Guntur");
                d.put("motherName", "Swathi Chowdary"); d.put("fatherName", "Naveen Chowdary"); d.put("registrationNumber", "GNT-B-2026-004512"); d.put("municipality", "Guntur Municipal Corporation");
            }
            case "death_certificate" -> {
                d.put("deceasedName", "Srinivasa Reddy"); d.put("dateOfDeath", "2026-08-02"); d.put("placeOfDeath", "Nellore"); d.put("age", 61);
                d.put("registrationNumber", "NLR-D-2026-001877"); d.put("municipality", "Nellore Municipal Corporation");
            }
            case "trade_licence" -> {
                d.put("licenceNumber", "VSP-TL-2026-10234"); d.put("ownerName", "Kiran Kumar Varma"); d.put("businessName", "Sri Sai Tiffins");
                d.put("tradeType", "hotel"); d.put("address", "Door 8-2-11, Dwaraka Nagar"); d.put("municipality", "Greater Visakhapatnam Municipal Corporation"); d.put("feePaid", 2500);
            }
            case "property_tax_receipt" -> {
                d.put("assessmentNumber", "1086012345"); d.put("ownerName", "Venkata Lakshmi Devi"); d.put("financialYear", "2026-27");
                d.put("amountPaid", 6840); d.put("balanceDue", 0); d.put("paymentReference", "PTX-2026-778812"); d.put("municipality", "Tirupati Municipal Corporation");
            }
            case "bus_pass" -> {
                d.put("passNumber", "APSRTC-STU-2026-55120"); d.put("applicantName", "Harika Naidu"); d.put("institution", "Government Junior College, Ongole");
                d.put("fromPlace", "Kandukur"); d.put("toPlace", "Ongole"); d.put("passType", "student"); d.put("passPeriod", "quarterly");
            }
            default -> {
                d.put("applicantName", "Suresh Yadav"); d.put("certificateOf", "Possession of agricultural land"); d.put("surveyNumber", "112/3B");
                d.put("village", "Penamaluru"); d.put("extentAcres", 1.75);
            }
        }
        return d;
    }

    static boolean hasSigningCertificateV2(SignerInformation signer) {
        return signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null;
    }
}
