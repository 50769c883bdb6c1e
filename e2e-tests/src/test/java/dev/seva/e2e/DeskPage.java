package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The department desk in Debian's Chromium, as an officer uses it: signing in on Keycloak's own login
 * page, the queue, an application page and its action forms, the handover conversations. The desk's
 * pages have no script at all; everything here is clicking links and submitting forms. Also the desk's
 * JSON API and Keycloak's token endpoint, for what a test checks from outside the browser.
 */
final class DeskPage implements AutoCloseable {

    static final String PASSWORD = "seva-dev";

    final WebDriver browser;
    private final WebDriverWait wait;
    private final String desk;

    private DeskPage(WebDriver browser, String desk) {
        this.browser = browser;
        this.desk = desk;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
    }

    static DeskPage open(String deskUrl) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChatPage.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1500",
                "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(ChatPage.CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new DeskPage(new ChromeDriver(service, options), deskUrl);
    }

    /**
     * Opens the desk and signs in where it sends the browser: Keycloak's own login page (its form, on
     * Keycloak's port), then back to the desk. Returns the URL of the login page it filled in.
     */
    String signsInOnKeycloak(String keycloakUrl, String user) {
        browser.get(desk + "/");
        wait.withMessage("Keycloak's login page for realm seva (now at " + browser.getCurrentUrl() + ")")
                .until(d -> d.getCurrentUrl().startsWith(keycloakUrl + "/realms/seva/protocol/openid-connect/auth")
                        && !d.findElements(By.id("kc-form-login")).isEmpty());
        String loginPage = browser.getCurrentUrl();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        wait.withMessage("back on the desk after signing in as " + user + " (now at " + browser.getCurrentUrl() + ")")
                .until(d -> d.getCurrentUrl().startsWith(desk + "/") && !d.findElements(By.cssSelector("header.top .who")).isEmpty());
        return loginPage;
    }

    /** Reloads the queue until a row for this reference is there (the page is server-rendered, no live updates). */
    WebElement awaitsInQueue(String department, String reference) {
        return await().alias(reference + " in the queue page of " + department).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    browser.get(desk + "/queue?department=" + department);
                    List<WebElement> links = browser.findElements(By.linkText(reference));
                    return links.isEmpty() ? null : links.get(0);
                }, link -> link != null);
    }

    void opensApplication(String department, String reference) {
        awaitsInQueue(department, reference).click();
        wait.withMessage("the application page of " + reference).until(d -> heading().contains(reference));
    }

    /** Submits the action form whose button has this id and waits for the desk's "Done" notice. */
    void acts(String buttonId) {
        browser.findElement(By.id(buttonId)).click();
        wait.withMessage("the notice after " + buttonId + " (alert: '" + alert() + "')")
                .until(d -> !d.findElements(By.cssSelector("p.notice")).isEmpty() || !alert().isEmpty());
        if (!alert().isEmpty()) {
            throw new AssertionError(buttonId + " refused by the desk: " + alert());
        }
    }

    void asksPrepared(String questionId) {
        new Select(browser.findElement(By.id("question"))).selectByValue(questionId);
        acts("ask");
    }

    /** Reloads the application page until an attachment of this MIME type is listed; returns its link. */
    WebElement awaitsAttachment(String reference, String mimeType) {
        return await().alias("an attachment " + mimeType + " on " + reference).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    browser.get(desk + "/applications/" + reference);
                    return browser.findElements(By.cssSelector("ul.files a")).stream().filter(a -> a.getText().contains(mimeType))
                            .findFirst().orElse(null);
                }, link -> link != null);
    }

    String status() {
        return browser.findElement(By.id("status")).getText();
    }

    String heading() {
        List<WebElement> h1 = browser.findElements(By.tagName("h1"));
        return h1.isEmpty() ? "" : h1.get(0).getText();
    }

    String alert() {
        List<WebElement> alerts = browser.findElements(By.cssSelector("[role='alert']"));
        return alerts.isEmpty() ? "" : alerts.get(0).getText();
    }

    String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** The HTTP status of the page the browser shows (the Navigation Timing entry of the document). */
    long pageStatus() {
        Object status = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('navigation')[0].responseStatus;");
        return status == null ? -1 : ((Number) status).longValue();
    }

    Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    void get(String path) {
        browser.get(desk + path);
    }

    void screenshot(Path target, String endsAt) throws Exception {
        Files.createDirectories(target.toAbsolutePath().getParent());
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        if (endsAt != null) {
            BufferedImage whole = ImageIO.read(new ByteArrayInputStream(png));
            double scale = ((Number) script("return window.devicePixelRatio;")).doubleValue();
            org.openqa.selenium.Rectangle end = browser.findElement(By.cssSelector(endsAt)).getRect();
            int height = (int) Math.min(whole.getHeight(), Math.ceil((end.getY() + end.getHeight() + 24) * scale));
            ByteArrayOutputStream cut = new ByteArrayOutputStream();
            ImageIO.write(whole.getSubimage(0, 0, whole.getWidth(), height), "png", cut);
            png = cut.toByteArray();
        }
        Files.write(target, png);
    }

    @Override
    public void close() {
        browser.quit();
    }

    // --- from outside the browser: Keycloak's token endpoint and the desk's JSON API ---------------------

    /** An access token for a development user through the public client seva-cli (password grant). */
    static String token(String keycloakUrl, String user) {
        String form = "grant_type=password&client_id=seva-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/seva/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.statusCode());
        }
        return json(response).path("access_token").asText();
    }

    static HttpResponse<String> api(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).header("Accept", "application/json, text/csv")
                .build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return Citizen.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
