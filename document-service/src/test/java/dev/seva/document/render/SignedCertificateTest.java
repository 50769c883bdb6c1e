package dev.seva.document.render;

import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.document.SamplePdfs;
import dev.seva.document.domain.Certificate;
import dev.seva.document.service.CertificateFactory;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every template renders and signs; the signature is a valid PAdES B-B signature by Bouncy Castle's
 * reading; one changed byte breaks it; the QR code decodes to the verification address. A PNG of each
 * certificate is written to target/certificates (docs/certificates holds the reviewed ones).
 */
class SignedCertificateTest {

    static CertificateFactory factory;
    static final Instant ISSUED = Instant.parse("2026-11-30T09:00:00Z");

    @BeforeAll
    static void prepare() throws Exception {
        Files.createDirectories(Path.of("target/certificates"));
        // Signed in the tests' SoftHSM2 token, as the service signs.
        factory = CertificateFactory.create(SamplePdfs.tokenKey(), "http://localhost:8084");
    }

    static List<String> types() {
        return List.copyOf(TemplateLibrary.load().all().keySet());
    }

    static CertificateFactory.SignedPdf issue(String type, String documentId) {
        ApplicationOutcomeDecided outcome = SamplePdfs.approved("SEVA-REV-2026-000123", "cit_7QbX2mK9pL4sT8vW1yZ3", type, SamplePdfs.sampleData(type));
        Certificate certificate = factory.certificate(documentId, outcome, ISSUED);
        return factory.issue(certificate, ISSUED);
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTemplateGivesASignedPdfWhoseQrCodeOpensItsVerificationPage(String type) throws Exception {
        String documentId = "doc_sample_" + type.replace('_', '-');
        CertificateFactory.SignedPdf signed = issue(type, documentId);

        assertThat(SamplePdfs.signatureValid(signed.pdf())).isTrue();
        BufferedImage page = SamplePdfs.page(signed.pdf(), 110);
        assertThat(SamplePdfs.qrText(page)).isEqualTo("http://localhost:8084/verify/" + documentId);
        assertThat(signed.sha256()).isEqualTo(CertificateFactory.sha256(signed.pdf()));

        ImageIO.write(page, "png", Path.of("target/certificates").resolve(type.replace('_', '-') + ".png").toFile());
    }

    @Test
    void verificationCodeIsPrintedInEnglishAndTeluguButIsNotInTheQrCode() throws Exception {
        ApplicationOutcomeDecided outcome = SamplePdfs.approved("SEVA-REV-2026-000124", "cit_7QbX2mK9pL4sT8vW1yZ3", "income_certificate",
                SamplePdfs.sampleData("income_certificate"));
        Certificate certificate = factory.certificate("doc_code_check_0001", outcome, ISSUED);
        byte[] pdf = factory.issue(certificate, ISSUED).pdf();

        assertThat(certificate.verificationCode()).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
        // The Telugu label ("ధృవీకరణ కోడ్:") is drawn too, but shaped Telugu does not extract back to the same text: see the PNG.
        assertThat(SamplePdfs.text(pdf)).contains("Verification code:");
        assertThat(SamplePdfs.printedVerificationCode(pdf)).isEqualTo(certificate.verificationCode());
        String qr = SamplePdfs.qrText(SamplePdfs.page(pdf, 110));
        assertThat(qr).isEqualTo("http://localhost:8084/verify/doc_code_check_0001")
                .doesNotContain(certificate.verificationCode()).doesNotContain(certificate.verificationCode().replace("-", ""));
        assertThat(factory.certificate("doc_code_check_0002", outcome, ISSUED).verificationCode())
                .as("every certificate gets its own code").isNotEqualTo(certificate.verificationCode());
    }

    @Test
    void signatureIsPadesBaselineB() throws Exception {
        byte[] pdf = issue("income_certificate", "doc_pades_check_0001").pdf();
        assertThat(SamplePdfs.subFilter(pdf)).isEqualTo("ETSI.CAdES.detached");
        var signer = SamplePdfs.signer(pdf);
        assertThat(signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
        assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).as("PAdES forbids the CMS signing-time").isNull();
        int[] range = SamplePdfs.byteRange(pdf);
        assertThat(range[0]).isZero();
        assertThat(range[2] + range[3]).as("the byte range covers the whole file but the signature").isEqualTo(pdf.length);
    }

    @Test
    void oneChangedByteInTheSignedRangeBreaksTheSignature() throws Exception {
        byte[] pdf = issue("income_certificate", "doc_tamper_check_001").pdf();
        int[] range = SamplePdfs.byteRange(pdf);
        for (int at : new int[]{range[1] / 2, range[2] + range[3] / 2}) {
            byte[] changed = pdf.clone();
            changed[at] ^= 0x01;
            assertThat(SamplePdfs.signatureValid(changed)).as("byte %d changed", at).isFalse();
        }
    }

    @Test
    void longValuesAreSetSmallerSoThatEveryRowOfTheTableFits() throws Exception {
        // Tried: a trade licence whose business name and premises are three times the usual length.
        var data = new java.util.LinkedHashMap<>(SamplePdfs.sampleData("trade_licence"));
        data.put("businessName", "Sri Sai Durga Bhavani Tiffins, Meals, Sweets and Bakery Centre (Pure Vegetarian), Branch No. 2");
        data.put("address", "Door 8-2-11/4, First Floor, Opposite Zilla Parishad High School, Near Old Bus Stand, "
                + "Dwaraka Nagar Main Road, Ward 21, Visakhapatnam 530016");
        Certificate certificate = factory.certificate("doc_long_values_01",
                SamplePdfs.approved("SEVA-MUN-2026-000125", "cit_7QbX2mK9pL4sT8vW1yZ3", "trade_licence", data), ISSUED);
        CertificateRenderer renderer = new CertificateRenderer(Fonts.load(), factory.templates());

        FieldTable.Layout layout = renderer.tableLayout(certificate);

        assertThat(layout.rowsShown()).as("rows on the certificate").isEqualTo(layout.lines().size());
        CertificateFactory.SignedPdf signed = factory.issue(certificate, ISSUED);
        assertThat(SamplePdfs.signatureValid(signed.pdf())).isTrue();
        BufferedImage page = SamplePdfs.page(signed.pdf(), 110);
        assertThat(SamplePdfs.qrText(page)).isEqualTo("http://localhost:8084/verify/doc_long_values_01");
        ImageIO.write(page, "png", Path.of("target/certificates/trade-licence-long-values.png").toFile());
    }

    @Test
    void valuesTooLongForAnySizeLeaveOutRowsAndSaySo() throws Exception {
        // Tried: an address of 2,000 characters. The rows that cannot fit are left out (never drawn over
        // the signature block), and the table says so.
        var data = new java.util.LinkedHashMap<>(SamplePdfs.sampleData("trade_licence"));
        data.put("address", "Door 8-2-11, Dwaraka Nagar, Visakhapatnam. ".repeat(48));
        Certificate certificate = factory.certificate("doc_too_long_01",
                SamplePdfs.approved("SEVA-MUN-2026-000126", "cit_7QbX2mK9pL4sT8vW1yZ3", "trade_licence", data), ISSUED);

        FieldTable.Layout layout = new CertificateRenderer(Fonts.load(), factory.templates()).tableLayout(certificate);

        assertThat(layout.rowsShown()).isLessThan(layout.lines().size());
        assertThat(layout.size()).isEqualTo(FieldTable.VALUE_SIZES[FieldTable.VALUE_SIZES.length - 1]);
        assertThat(SamplePdfs.signatureValid(factory.issue(certificate, ISSUED).pdf())).isTrue();
    }

    @Test
    void aTeluguNameOutsideThePreparedGlyphsStillRendersAndSigns() throws Exception {
        var data = new java.util.LinkedHashMap<>(SamplePdfs.sampleData("income_certificate"));
        data.put("applicantName", "శ్రీ లక్ష్మీ ద్ర్యౌ");
        ApplicationOutcomeDecided outcome = SamplePdfs.approved("SEVA-REV-2026-000124", "cit_7QbX2mK9pL4sT8vW1yZ3", "income_certificate", data);
        CertificateFactory.SignedPdf signed = factory.issue(factory.certificate("doc_rare_glyphs_001", outcome, ISSUED), ISSUED);
        assertThat(SamplePdfs.signatureValid(signed.pdf())).isTrue();
        ImageIO.write(SamplePdfs.page(signed.pdf(), 110), "png", Path.of("target/certificates/income-certificate-telugu-name.png").toFile());
    }
}
