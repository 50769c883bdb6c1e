package dev.seva.simulator.app;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's chat page at {@code /}: the page, its script and styles are served from the jar (nothing
 * from a CDN) with the DOM hooks browser tests rely on; the media endpoint the page shows files with; and, in
 * Debian's Chromium, a citizen paying an order_details card.
 */
@QuarkusTest
class ChatPageTest {

    static final String TOKEN = "Bearer test-access-token";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** The ids the page must carry. */
    static final List<String> PAGE_HOOKS = List.of("citizen-number", "open-chat", "messages", "list-sheet", "composer", "send",
            "attach", "share-location", "location-dialog", "location-send", "error-banner", "pay-dialog", "pay-amount", "pay-confirm",
            "pay-cancel", "pay-app-gpay", "pay-app-phonepe", "pay-app-paytm", "pay-app-bhim");
    /** The classes and data attributes the script gives what it renders. */
    static final List<String> SCRIPT_HOOKS = List.of("'msg'", "'msg-text'", "'data-direction'", "'data-type'", "'data-wamid'",
            "'list-open'", "'list-row'", "'data-row-id'", "'reply-button", "'data-button-id'", "doc-link", "'data-media-id'",
            "'ticks'", "'data-status'", "'interactive-list'", "'interactive-button'", "'document'", "'image'", "'template'", "'location'",
            "'order-card'", "order-pay'", "'order-state'", "'data-reference-id'", "'order-status-line'", "'interactive-order-details'",
            "'interactive-order-status'", "/payments");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String RAZORPAY_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "rzp_test_seva:seva-dev-razorpay-key-secret".getBytes(StandardCharsets.UTF_8));

    @TestHTTPResource("/")
    URL root;

    @Test
    void servesThePageAtTheRootWithItsHooksAndNothingFromOutside() {
        Response page = RestAssured.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.asString();
        for (String id : PAGE_HOOKS) {
            assertThat(html).as("id %s", id).contains("id=\"" + id + "\"");
        }
        assertThat(html).contains("<input id=\"attach\" type=\"file\"", "<textarea id=\"composer\"", "<dialog id=\"list-sheet\"",
                "<dialog id=\"location-dialog\"", "value=\"16.506174\"", "value=\"80.648015\"", "role=\"alert\"");
        assertThat(html).contains("src=\"chat.js\"", "href=\"chat.css\"");
        assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find()).as("no CDN, no external asset").isFalse();
    }

    @Test
    void servesTheScriptAndTheStyles() {
        Response script = RestAssured.get("/chat.js");
        Response styles = RestAssured.get("/chat.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(script.asString()).contains("/simulator/conversations/", "/simulator/citizens/", "/simulator/media/",
                "buttonReply", "listReply", "templateButton", "location", "media");
        for (String hook : SCRIPT_HOOKS) {
            assertThat(script.asString()).as("hook %s", hook).contains(hook);
        }
        assertThat(script.asString()).as("message text never parsed as HTML").doesNotContain("innerHTML", "insertAdjacentHTML", "document.write");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.contentType()).startsWith("text/css");
        assertThat(styles.asString()).contains("\"Noto Sans Telugu\"", "\"Noto Sans Devanagari\"");
    }

    @Test
    void describesTheBusinessForThePageHeader() {
        Response business = RestAssured.get("/simulator/business");

        assertThat(business.statusCode()).isEqualTo(200);
        assertThat(business.jsonPath().getString("name")).isEqualTo("Seva");
        assertThat(business.jsonPath().getString("displayPhoneNumber")).isEqualTo("15550783881");
        assertThat(business.jsonPath().getString("phoneNumberId")).isEqualTo("106540352242922");
        assertThat(business.jsonPath().getList("phoneNumberIds")).containsExactly("106540352242922");
    }

    @Test
    void servesMediaTheBusinessUploadedInlineWithoutTheToken() {
        String id = RestAssured.given().header("Authorization", TOKEN)
                .multiPart("file", "income-certificate.pdf", PDF, "application/pdf")
                .multiPart("messaging_product", "whatsapp").multiPart("type", "application/pdf")
                .post("/v23.0/106540352242922/media").jsonPath().getString("id");

        Response file = RestAssured.get("/simulator/media/" + id);
        Response head = RestAssured.head("/simulator/media/" + id);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.header("Content-Disposition")).isEqualTo("inline; filename=\"income-certificate.pdf\"; filename*=UTF-8''income-certificate.pdf");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.asByteArray()).isEqualTo(PDF);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(PDF.length));
    }

    @Test
    void servesAPhotoTheCitizenAttached() {
        String body = "{\"media\":{\"kind\":\"image\",\"mimeType\":\"image/png\",\"filename\":\"రేషన్ కార్డు.png\",\"base64\":\""
                + Base64.getEncoder().encodeToString(PNG) + "\"}}";
        Response sent = RestAssured.given().contentType("application/json; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/simulator/citizens/919800000801/messages");
        String id = sent.jsonPath().getString("message.image.id");

        Response file = RestAssured.get("/simulator/media/" + id);

        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.header("Content-Disposition"))
                .isEqualTo("inline; filename=\"_____ ______.png\"; filename*=UTF-8''%E0%B0%B0%E0%B1%87%E0%B0%B7%E0%B0%A8%E0%B1%8D%20"
                        + "%E0%B0%95%E0%B0%BE%E0%B0%B0%E0%B1%8D%E0%B0%A1%E0%B1%81.png");
        assertThat(file.asByteArray()).isEqualTo(PNG);
    }

    @Test
    void servesAFileItCannotShowSafelyAsADownload() {
        String body = "{\"media\":{\"kind\":\"document\",\"mimeType\":\"text/html\",\"filename\":\"page.html\",\"base64\":\""
                + Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)) + "\"}}";
        String id = RestAssured.given().contentType("application/json").body(body).post("/simulator/citizens/919800000802/messages")
                .jsonPath().getString("message.document.id");

        Response file = RestAssured.get("/simulator/media/" + id);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).startsWith("attachment;");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void answersAProblemForMediaItDoesNotHold() {
        Response missing = RestAssured.get("/simulator/media/1234567890123456");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
        assertThat(missing.jsonPath().getInt("status")).isEqualTo(404);
        assertThat(missing.jsonPath().getString("type")).isEqualTo("https://seva.dev/problems/unknown-media");
        assertThat(missing.jsonPath().getString("title")).isEqualTo("No such media");
        assertThat(missing.jsonPath().getString("detail")).contains("1234567890123456");
    }

    @Test
    void paysAnOrderFromItsCardInChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        String citizen = "919800009001";
        String reference = "SEVA-CHAT-" + (System.nanoTime() % 1_000_000_000L) + "-1";
        Response sent = RestAssured.given().header("Authorization", TOKEN).contentType("application/json; charset=UTF-8")
                .body(orderDetails(citizen, reference).getBytes(StandardCharsets.UTF_8)).post("/v23.0/106540352242922/messages");
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);

        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
            browser.get(root + "?citizen=" + citizen);
            WebElement pay = wait.until(d -> d.findElement(By.cssSelector(".msg[data-type='interactive-order-details'] .order-pay")));
            WebElement card = browser.findElement(By.cssSelector(".order-card[data-reference-id='" + reference + "']"));
            assertThat(card.getText()).contains("Income certificate: application fee", "₹45.00", "Not paid yet");
            WebElement dialog = browser.findElement(By.id("pay-dialog"));

            pay.click();
            wait.until(d -> dialog.isDisplayed());
            assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves into the dialog").isEqualTo("pay-app-gpay");
            browser.findElement(By.id("pay-cancel")).click();
            wait.until(d -> !dialog.isDisplayed());
            assertThat(browser.switchTo().activeElement()).as("focus returns to the button").isEqualTo(pay);
            pay.click();
            wait.until(d -> dialog.isDisplayed());
            assertThat(browser.findElement(By.id("pay-amount")).getText()).isEqualTo("₹45.00");
            assertThat(browser.findElement(By.id("pay-confirm")).getText()).isEqualTo("Pay ₹45.00");
            browser.findElement(By.id("pay-app-phonepe")).click();
            browser.findElement(By.id("pay-confirm")).click();

            wait.until(d -> card.findElement(By.className("order-state")).getText().equals("✓ Paid"));
            assertThat(dialog.isDisplayed()).isFalse();
            wait.until(d -> !pay.isEnabled());
            Response lookup = RestAssured.given().header("Authorization", TOKEN)
                    .get("/v23.0/106540352242922/payments/seva-razorpay/" + reference);
            assertThat(lookup.jsonPath().getString("payments[0].status")).isEqualTo("captured");
            String paymentId = lookup.jsonPath().getString("payments[0].transactions[0].pg_transaction_id");
            assertThat(RestAssured.given().header("Authorization", RAZORPAY_AUTH).get("/razorpay/v1/payments/" + paymentId)
                    .jsonPath().getString("vpa")).as("paid with PhonePe").endsWith("@ybl");

            Response status = RestAssured.given().header("Authorization", TOKEN).contentType("application/json; charset=UTF-8")
                    .body(orderStatus(citizen, reference).getBytes(StandardCharsets.UTF_8)).post("/v23.0/106540352242922/messages");
            assertThat(status.statusCode()).as(status.asString()).isEqualTo(200);
            wait.until(d -> d.findElement(By.cssSelector(".msg[data-type='interactive-order-status'] .order-status-line")).getText()
                    .equals("Order completed — Fee received"));
        } finally {
            browser.quit();
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=540,1200",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String orderDetails(String citizen, String reference) {
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + citizen + "\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"order_details\",\"body\":{\"text\":\"Income certificate: pay the fee of ₹45.00.\"},"
                + "\"footer\":{\"text\":\"Seva\"},\"action\":{\"name\":\"review_and_pay\",\"parameters\":{\"reference_id\":\"" + reference + "\","
                + "\"type\":\"digital-goods\",\"payment_settings\":[{\"type\":\"payment_gateway\",\"payment_gateway\":{\"type\":\"razorpay\","
                + "\"configuration_name\":\"seva-razorpay\"}}],\"currency\":\"INR\",\"total_amount\":{\"value\":4500,\"offset\":100},"
                + "\"order\":{\"status\":\"pending\",\"expiration\":{\"timestamp\":\"" + Instant.now().plusSeconds(3600).getEpochSecond() + "\","
                + "\"description\":\"Pay within an hour\"},\"items\":[{\"name\":\"Income certificate: application fee\","
                + "\"amount\":{\"value\":4500,\"offset\":100},\"quantity\":1}],\"subtotal\":{\"value\":4500,\"offset\":100},"
                + "\"tax\":{\"value\":0,\"offset\":100}}}}}}";
    }

    private static String orderStatus(String citizen, String reference) {
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + citizen + "\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"order_status\",\"body\":{\"text\":\"Fee of ₹45.00 received.\"},\"action\":{\"name\":\"review_order\","
                + "\"parameters\":{\"reference_id\":\"" + reference + "\",\"order\":{\"status\":\"completed\",\"description\":\"Fee received\"}}}}}";
    }
}
