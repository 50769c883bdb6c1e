package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey (1) as a citizen makes it: in Chromium, on the simulator's chat page, by typing, tapping
 * reply buttons and list rows, sharing a location and attaching a PDF, until the signed certificate
 * arrives in the chat and its QR code verifies. Saves a screenshot of the finished chat
 * (target/screenshots/chat-journey.png; with -Dseva.e2e.screenshot.update=true also docs/images/,
 * which the README shows).
 */
class BrowserJourneyIT {

    static Platform platform;

    @BeforeAll
    static void up() {
        Optional<String> missing = ChatPage.whyNoBrowser();
        if (missing.isPresent()) {
            String message = "BROWSER TEST NOT RUN: " + missing.get();
            if (System.getenv("SEVA_CI") != null) {
                throw new IllegalStateException(message + "; in CI (.ci/run) the browser is required");
            }
            System.err.println("\n" + "!".repeat(100) + "\n!!! " + message + "\n" + "!".repeat(100) + "\n");
            Assumptions.abort(message);
        }
        platform = Platform.get();
    }

    @Test
    void englishJourneyClickedThroughOnTheChatPage() throws Exception {
        String waId = "9177" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        JsonNode service = Citizen.get(platform.url("catalogue-service") + "/services/" + JourneysIT.INCOME);
        Path evidence = Files.createTempFile("income-proof", ".pdf");
        try (PDDocument proof = new PDDocument()) {
            proof.addPage(new PDPage());
            proof.save(evidence.toFile());
        }

        try (ChatPage chat = ChatPage.open(platform.url("whatsapp-simulator"), waId)) {
            chat.types("hi");
            chat.tapsButton("consent:accept:en");
            chat.tapsButton("lang:en");
            chat.awaitsAnyMessage();
            chat.types("income certificate");
            chat.picksRow("svc:" + JourneysIT.INCOME);
            chat.tapsButton("apply");
            for (JsonNode field : service.path("fields")) {
                chat.awaitsAnyMessage();
                answer(chat, field, evidence);
            }
            chat.tapsButton("confirm");
            String confirmation = chat.awaitsText("SEVA-REV-");
            Matcher reference = Pattern.compile("SEVA-REV-\\d{4}-\\d{6}").matcher(confirmation);
            assertThat(reference.find()).as("a reference number in: %s", confirmation).isTrue();
            // The fee first (issue 17): Review and pay, a UPI app, Pay; the application then goes to the department.
            assertThat(chat.paysWith("phonepe")).isEqualTo(reference.group() + "-1");
            chat.screenshot(Path.of("target", "chat-payment.png"));

            WebElement receipt = chat.awaitsDocumentNamed("receipt-RCPT-REV-");
            JsonNode receiptVerdict = Citizen.get(JourneysIT.qrCodeOf(Citizen.HTTP.send(HttpRequest.newBuilder(
                    URI.create(receipt.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).replace("localhost", "127.0.0.1"));
            assertThat(receiptVerdict.path("status").asText()).as("the fee's signed receipt verifies").isEqualTo("valid");
            chat.awaitsText("approved");
            WebElement document = chat.awaitsDocumentNamed("income-certificate");
            HttpResponse<byte[]> pdf = Citizen.HTTP.send(HttpRequest.newBuilder(URI.create(document.getAttribute("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).as("the PDF behind the chat's document link").isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
            JsonNode verdict = Citizen.get(JourneysIT.qrCodeOf(pdf.body()).replace("localhost", "127.0.0.1"));
            assertThat(verdict.path("status").asText()).isEqualTo("valid");
            assertThat(verdict.path("applicationRef").asText()).isEqualTo(reference.group());

            chat.awaitsTicks();
            assertThat(chat.errorBanner()).isEmpty();
            keepScreenshot(chat, "chat-journey.png");
        } finally {
            Files.deleteIfExists(evidence);
        }
    }

    /**
     * A property tax (issue 17) on the chat page: the assessment number looked up at once by the Municipal desk's data,
     * owner, period, amount and due date shown, paid with a UPI app, the signed receipt verified, and the department's
     * word that it recorded the payment.
     */
    @Test
    void propertyTaxLookedUpAndPaidOnTheChatPage() throws Exception {
        String waId = "9178" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        try (ChatPage chat = ChatPage.open(platform.url("whatsapp-simulator"), waId)) {
            chat.types("hi");
            chat.tapsButton("consent:accept:en");
            chat.tapsButton("lang:en");
            chat.awaitsAnyMessage();
            chat.types("property tax");
            chat.picksRow("svc:" + PaymentJourneysIT.PROPERTY_TAX);
            chat.tapsButton("apply");
            chat.awaitsText("municipality");
            chat.types("Guntur");
            chat.awaitsText("assessment number");
            chat.types(PaymentJourneysIT.GUNTUR_ASSESSMENT);
            chat.awaitsText("Mobile number");
            chat.types("skip");
            String bill = chat.awaitsText("Amount due");
            assertThat(bill).contains("K. Lakshmi", "₹1846.00", "2026-27, second half", "31-12-2026");
            Matcher reference = Pattern.compile("SEVA-MUN-\\d{4}-\\d{6}").matcher(bill);
            assertThat(reference.find()).as("a reference number in: %s", bill).isTrue();
            assertThat(chat.paysWith("phonepe")).isEqualTo(reference.group() + "-1");

            WebElement receipt = chat.awaitsDocumentNamed("receipt-RCPT-MUN-");
            JsonNode verdict = Citizen.get(JourneysIT.qrCodeOf(Citizen.HTTP.send(HttpRequest.newBuilder(
                    URI.create(receipt.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).replace("localhost", "127.0.0.1"));
            assertThat(verdict.path("status").asText()).as("the tax's signed receipt verifies").isEqualTo("valid");
            chat.awaitsText("recorded your payment");
            chat.awaitsTicks();
            assertThat(chat.errorBanner()).isEmpty();
            keepScreenshot(chat, "chat-property-tax.png");
        }
    }

    /** target/screenshots/<name>; with -Dseva.e2e.screenshot.update=true also docs/images/<name> (the README's picture). */
    private static void keepScreenshot(ChatPage chat, String name) throws Exception {
        Path screenshot = Path.of("target", "screenshots", name);
        chat.screenshot(screenshot);
        if (Boolean.getBoolean("seva.e2e.screenshot.update")) {
            Path docs = Platform.REPO.resolve("docs/images/" + name);
            Files.createDirectories(docs.getParent());
            Files.copy(screenshot, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Answers one field the way the page offers it: typing, a button or list row, the location dialog, or a file. */
    private static void answer(ChatPage chat, JsonNode field, Path evidence) {
        switch (field.path("type").asText()) {
            case "choice" -> chat.chooses("opt:" + field.path("options").get(0).path("id").asText());
            case "address", "location" -> chat.sharesLocation();
            case "media" -> chat.attaches(evidence);
            default -> chat.types(Fields.sampleAnswer(field));
        }
    }
}
