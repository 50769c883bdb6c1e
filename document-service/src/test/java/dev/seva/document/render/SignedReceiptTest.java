package dev.seva.document.render;

import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.document.SamplePdfs;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.service.CertificateFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment receipt of the contract's {@code payment.paid} renders on the certificates' page, with their
 * fonts, and signs with the same token key: Bouncy Castle validates the PAdES signature, the QR code decodes
 * to the verification address, the text says what was paid. target/certificates/payment-receipt.png is the
 * page as PDFBox renders it.
 */
class SignedReceiptTest {

    static CertificateFactory factory;
    static final Instant ISSUED = Instant.parse("2026-12-07T09:16:10Z");
    static final Bilingual INCOME = new Bilingual("Income certificate", "ఆదాయ ధృవీకరణ పత్రం");

    @BeforeAll
    static void prepare() throws Exception {
        Files.createDirectories(Path.of("target/certificates"));
        factory = CertificateFactory.create(SamplePdfs.tokenKey(), "http://localhost:8084");
    }

    static PaymentEvent paid() {
        return ContractExamples.load("payments.events.v1", "paid", PaymentEvent.class);
    }

    @Test
    void theContractsPaidPaymentGivesASignedReceiptWhoseQrCodeOpensItsVerificationPage() throws Exception {
        PaymentReceipt receipt = factory.receipt("doc_sample_payment-receipt", paid(), INCOME, ISSUED);
        CertificateFactory.SignedPdf signed = factory.issue(receipt, ISSUED);

        assertThat(SamplePdfs.signatureValid(signed.pdf())).isTrue();
        assertThat(SamplePdfs.subFilter(signed.pdf())).isEqualTo("ETSI.CAdES.detached");
        BufferedImage page = SamplePdfs.page(signed.pdf(), 110);
        assertThat(SamplePdfs.qrText(page)).isEqualTo("http://localhost:8084/verify/doc_sample_payment-receipt");
        assertThat(signed.sha256()).isEqualTo(CertificateFactory.sha256(signed.pdf()));
        ImageIO.write(page, "png", Path.of("target/certificates/payment-receipt.png").toFile());
    }

    @Test
    void receiptPrintsWhatWasPaidAndItsVerificationCodeButNoCodeInTheQrCode() throws Exception {
        PaymentReceipt receipt = factory.receipt("doc_receipt_text_001", paid(), INCOME, ISSUED);
        byte[] pdf = factory.issue(receipt, ISSUED).pdf();

        // Telugu is drawn too, but shaped Telugu does not extract back to the same text: see the PNG.
        assertThat(SamplePdfs.text(pdf)).contains("Payment receipt", "Revenue Department", "RCPT-REV-20261207-7K2M9Q", "SEVA-REV-2026-000123",
                "Income certificate", "₹45.00", "UPI", "07-12-2026 14:46 IST", "pay_Nx8s3LgQ1bC2dE (Razorpay)", "Application fee");
        assertThat(SamplePdfs.printedVerificationCode(pdf)).isEqualTo(receipt.verificationCode());
        assertThat(SamplePdfs.qrText(SamplePdfs.page(pdf, 110))).doesNotContain(receipt.verificationCode())
                .doesNotContain(receipt.verificationCode().replace("-", ""));
    }

    @Test
    void oneChangedByteBreaksTheReceiptsSignature() throws Exception {
        byte[] pdf = factory.issue(factory.receipt("doc_receipt_tamper_01", paid(), INCOME, ISSUED), ISSUED).pdf();
        int[] range = SamplePdfs.byteRange(pdf);
        byte[] changed = pdf.clone();
        changed[range[1] / 2] ^= 0x01;
        assertThat(SamplePdfs.signatureValid(changed)).isFalse();
    }

    @Test
    void amountsArePrintedInRupeesWithIndianGroupingAndTwoDecimals() {
        assertThat(PaymentReceipt.rupees(4500)).isEqualTo("₹45.00");
        assertThat(PaymentReceipt.rupees(1)).isEqualTo("₹0.01");
        assertThat(PaymentReceipt.rupees(4505)).isEqualTo("₹45.05");
        assertThat(PaymentReceipt.rupees(12_500_000)).isEqualTo("₹1,25,000.00");
    }

    @Test
    void aPaymentWithoutServiceOrMethodStillRendersWithDashes() throws Exception {
        PaymentEvent example = paid();
        PaymentEvent bare = new PaymentEvent(example.eventId(), example.eventType(), example.occurredAt(), example.orderId(), example.applicationRef(),
                example.departmentId(), null, example.citizenRef(), "bill", example.currency(), 1_234_567, example.receiptNumber(), example.paidAt(),
                null, new PaymentEvent.Gateway("razorpay", null, null, null), null, null, null, example.settledBy());
        byte[] pdf = factory.issue(factory.receipt("doc_receipt_bare_001", bare, null, ISSUED), ISSUED).pdf();

        assertThat(SamplePdfs.signatureValid(pdf)).isTrue();
        assertThat(SamplePdfs.text(pdf)).contains("₹12,345.67", "Bill payment", "towards the bill");
    }
}
