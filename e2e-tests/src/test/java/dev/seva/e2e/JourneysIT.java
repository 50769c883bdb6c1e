package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform as a whole, started with ./seva up and driven from outside through the WhatsApp
 * simulator: every message a citizen sends is a signed Meta-shaped webhook to the gateway; every
 * reply is a Graph API call the simulator received from notification-service.
 */
class JourneysIT {

    static Platform platform;
    static final String INCOME = "rev-income-certificate";

    @BeforeAll
    static void up() {
        platform = Platform.get();
    }

    @Test
    void englishFromHiToTheSignedCertificateWhoseQrCodeVerifies() throws Exception {
        Citizen lakshmi = citizen();
        String reference = applyForIncomeCertificate(lakshmi, "en", "income certificate");

        List<JsonNode> received = lakshmi.receivesEach("the fee's receipt, the approval and the signed PDF",
                List.of(Citizen::isDocument, Citizen.saying("approved"), Citizen::isReceipt));
        JsonNode document = received.get(0);
        // The ₹45 fee was paid in the chat (BusPass.apply): its signed receipt verifies like the certificate.
        byte[] receipt = lakshmi.downloadsMedia(received.get(2).path("body").path("document").path("id").asText());
        JsonNode receiptVerdict = Citizen.get(qrCodeOf(receipt).replace("localhost", "127.0.0.1"));
        assertThat(receiptVerdict.path("status").asText()).isEqualTo("valid");
        assertThat(receiptVerdict.path("applicationRef").asText()).isEqualTo(reference);
        assertThat(receiptVerdict.path("receipt").path("amountPaise").asLong()).isEqualTo(4500);
        byte[] pdf = lakshmi.downloadsMedia(document.path("body").path("document").path("id").asText());
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");

        String verificationUrl = qrCodeOf(pdf);
        assertThat(verificationUrl).contains("/verify/");
        JsonNode verdict = Citizen.get(verificationUrl.replace("localhost", "127.0.0.1"));
        assertThat(verdict.path("status").asText()).isEqualTo("valid");
        assertThat(verdict.path("applicationRef").asText()).isEqualTo(reference);
    }

    @Test
    void teluguWithATeluguScriptSearch() {
        Citizen ravi = citizen();
        String reference = applyForIncomeCertificate(ravi, "te", "ఆదాయ ధృవీకరణ పత్రం");
        assertThat(reference).startsWith("SEVA-REV-");
    }

    @Test
    void statusWithTheReferenceNumber() {
        Citizen sita = citizen();
        String reference = applyForIncomeCertificate(sita, "en", "income certificate");
        sita.says("status " + reference);
        JsonNode status = sita.receives(m -> Citizen.text(m).contains("Reference: " + reference), "the status");
        assertThat(Citizen.text(status)).contains("Status:");
    }

    @Test
    void deleteMyDataAndStartAgainAsANewCitizen() {
        Citizen anil = onboarded("en");
        anil.says("delete my data");
        anil.receives(Citizen.offering("erase:yes"), "the erasure confirmation");
        anil.taps("erase:yes");
        anil.receives(Citizen.saying("All your data has been deleted"), "the goodbye");
        anil.says("hi");
        anil.receives(Citizen.offering("consent:accept:en"), "the privacy notice again: Seva no longer knows this citizen");
    }

    @Test
    void aJourneyResumesWhereItWasAfterConversationServiceIsKilled() {
        Citizen meena = onboarded("en");
        meena.says("income certificate");
        meena.receives(Citizen.offering("svc:" + INCOME), "search results");
        meena.chooses("svc:" + INCOME);
        meena.receives(Citizen.offering("apply"), "service details");
        meena.taps("apply");
        JsonNode definition = Citizen.get(platform.url("catalogue-service") + "/services/" + INCOME);
        meena.receives(m -> Citizen.text(m).startsWith("(1 of"), "the first question");
        Fields.answer(meena, definition.path("fields").get(0));
        meena.receives(m -> Citizen.text(m).contains("(2 of") || !Citizen.choices(m).isEmpty(), "the second question");

        platform.restart("conversation-service", true);

        for (int i = 1; i < definition.path("fields").size(); i++) {
            Fields.answer(meena, definition.path("fields").get(i));
            if (i < definition.path("fields").size() - 1) {
                int next = i + 2;
                meena.receives(m -> Citizen.text(m).contains("(" + next + " of"), "question " + next);
            }
        }
        meena.receives(Citizen.offering("confirm"), "the summary, after the restart");
    }

    /** From "hi" to the reference number, searching with {@code query} in {@code language}. */
    static String applyForIncomeCertificate(Citizen citizen, String language, String query) {
        String reference = BusPass.apply(platform, citizen, language, query, INCOME, java.util.Map.of());
        assertThat(reference).startsWith("SEVA-REV-");
        return reference;
    }

    static Citizen onboarded(String language) {
        return onboard(citizen(), language);
    }

    /** Privacy notice accepted and language chosen: the citizen is at the menu. */
    static Citizen onboard(Citizen citizen, String language) {
        citizen.says(language.equals("te") ? "నమస్కారం" : language.equals("hi") ? "नमस्ते" : "hi");
        citizen.receives(Citizen.offering("consent:accept:" + language), "the privacy notice");
        citizen.taps("consent:accept:" + language);
        citizen.receives(Citizen.offering("lang:" + language), "the language choice");
        citizen.taps("lang:" + language);
        citizen.receives(Citizen.offering("popular"), "the menu");
        return citizen;
    }

    static Citizen citizen() {
        return new Citizen(platform.url("whatsapp-simulator"), "9188" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    static String qrCodeOf(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 200);
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)))).getText();
        }
    }
}
