package dev.seva.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulator's chat page in Debian's Chromium, driven as a citizen drives it: typing in the
 * composer, tapping reply buttons and list rows, sharing a location, attaching a file. Uses only the
 * page's documented DOM hooks (whatsapp-simulator README, "The chat page").
 */
final class ChatPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;
    private final WebDriverWait wait;
    /** Platform messages already answered: the next step looks only at newer ones. */
    private int handled;

    private ChatPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(200));
    }

    static Optional<String> whyNoBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of("Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        }
        return Optional.empty();
    }

    static ChatPage open(String simulatorUrl, String waId) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=540,1500",
                "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChatPage page = new ChatPage(new ChromeDriver(service, options));
        page.browser.get(simulatorUrl + "/");
        WebElement number = page.wait.until(d -> d.findElement(By.id("citizen-number")));
        number.clear();
        number.sendKeys(waId);
        page.browser.findElement(By.id("open-chat")).click();
        return page;
    }

    /** Types into the composer and sends, as a citizen does. */
    ChatPage types(String text) {
        handled = platformMessages().size();
        WebElement composer = browser.findElement(By.id("composer"));
        composer.clear();
        composer.sendKeys(text);
        browser.findElement(By.id("send")).click();
        awaitCitizenMessage(text);
        return this;
    }

    /** Taps the reply button with this id in a platform message newer than the last step. */
    ChatPage tapsButton(String buttonId) {
        WebElement button = awaitInNewMessage(By.cssSelector(".reply-button[data-button-id='" + buttonId + "']"), "button " + buttonId);
        handled = platformMessages().size();
        button.click();
        return this;
    }

    /** Opens the newest list offering this row and taps the row. */
    ChatPage picksRow(String rowId) {
        WebElement list = awaitNewMessage(m -> hasListRow(m, rowId), "a list offering " + rowId);
        handled = platformMessages().size();
        list.findElement(By.cssSelector(".list-open")).click();
        WebElement row = wait.until(d -> {
            WebElement sheet = d.findElement(By.id("list-sheet"));
            return sheet.isDisplayed() ? sheet.findElement(By.cssSelector(".list-row[data-row-id='" + rowId + "']")) : null;
        });
        row.click();
        wait.until(d -> !d.findElement(By.id("list-sheet")).isDisplayed());
        return this;
    }

    /** Taps a choice, whether the platform offered it as a reply button or as a list row. */
    ChatPage chooses(String choiceId) {
        WebElement message = awaitNewMessage(m -> !m.findElements(By.cssSelector(".reply-button[data-button-id='" + choiceId + "']")).isEmpty()
                || hasListRow(m, choiceId), "a choice " + choiceId);
        if (!message.findElements(By.cssSelector(".list-open")).isEmpty()) {
            return picksRow(choiceId);
        }
        return tapsButton(choiceId);
    }

    /**
     * Pays the newest payment request with WhatsApp's "Review and pay": the UPI app chosen, the amount confirmed;
     * answers the order's reference id once the chat shows it paid (payment-service settled it).
     */
    String paysWith(String app) {
        WebElement pay = awaitInNewMessage(By.cssSelector(".order-pay[data-reference-id]"), "a payment request");
        String referenceId = pay.getAttribute("data-reference-id");
        handled = platformMessages().size();
        pay.click();
        wait.until(d -> d.findElement(By.id("pay-dialog")).isDisplayed());
        browser.findElement(By.id("pay-app-" + app)).click();
        browser.findElement(By.id("pay-confirm")).click();
        wait.withMessage(() -> "the order " + referenceId + " completed (error banner: '" + errorBanner() + "')")
                .until(d -> !d.findElements(By.cssSelector(".order-status-line[data-order-status='completed']")).isEmpty());
        return referenceId;
    }

    ChatPage sharesLocation() {
        handled = platformMessages().size();
        browser.findElement(By.id("share-location")).click();
        wait.until(d -> d.findElement(By.id("location-dialog")).isDisplayed());
        browser.findElement(By.id("location-send")).click();
        return this;
    }

    ChatPage attaches(Path file) {
        handled = platformMessages().size();
        browser.findElement(By.id("attach")).sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    /** Attaches a file and waits until the chat shows it as the citizen's message (the simulator took it). */
    ChatPage attachesAndSends(Path file) {
        int before = browser.findElements(By.cssSelector("#messages .msg[data-direction='citizen']")).size();
        attaches(file);
        wait.withMessage(() -> "the citizen's attachment in the chat (error banner: '" + errorBanner() + "')")
                .until(d -> d.findElements(By.cssSelector("#messages .msg[data-direction='citizen']")).size() > before);
        return this;
    }

    /** The text of the next platform message (newer than the last step) that contains the fragment. */
    String awaitsText(String fragment) {
        WebElement message = awaitNewMessage(m -> text(m).contains(fragment), "a message saying " + fragment);
        return text(message);
    }

    /** Waits for any new platform message and returns its text and hooks, for a step to decide what to do. */
    WebElement awaitsAnyMessage() {
        return awaitNewMessage(m -> true, "the platform's next message");
    }

    WebElement awaitsDocument() {
        WebElement message = awaitNewMessage(m -> !m.findElements(By.cssSelector("a.doc-link")).isEmpty(), "a document");
        return message.findElement(By.cssSelector("a.doc-link"));
    }

    /** The next document whose file name starts with {@code prefix} (a certificate, or the fee's receipt "receipt-"). */
    WebElement awaitsDocumentNamed(String prefix) {
        By named = By.cssSelector("a.doc-link");
        WebElement message = awaitNewMessage(m -> m.findElements(named).stream()
                .anyMatch(link -> link.findElements(By.cssSelector(".doc-filename")).stream().anyMatch(n -> n.getText().startsWith(prefix))),
                "a document named " + prefix + "…");
        return message.findElement(named);
    }

    /** Waits until every platform message so far shows at least a delivered tick. */
    void awaitsTicks() {
        wait.withMessage("delivery ticks on every platform message").until(d -> platformMessages().stream()
                .allMatch(m -> m.findElements(By.cssSelector(".ticks[data-status='delivered'], .ticks[data-status='read']")).size() == 1));
    }

    void screenshot(Path target) throws Exception {
        ((JavascriptExecutor) browser).executeScript("const m = document.getElementById('messages'); m.scrollTop = m.scrollHeight;");
        Thread.sleep(300); // let the scroll settle before the picture
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    String errorBanner() {
        List<WebElement> banner = browser.findElements(By.id("error-banner"));
        return banner.isEmpty() || !banner.get(0).isDisplayed() ? "" : banner.get(0).getText();
    }

    @Override
    public void close() {
        browser.quit();
    }

    static String text(WebElement message) {
        List<WebElement> text = message.findElements(By.cssSelector(".msg-text"));
        return text.isEmpty() ? "" : text.get(0).getText();
    }

    private static boolean hasListRow(WebElement message, String rowId) {
        // Rows live in the sheet until opened; the message carries them as data for the sheet. Look in both.
        return !message.findElements(By.cssSelector(".list-row[data-row-id='" + rowId + "']")).isEmpty()
                || (message.getAttribute("data-row-ids") != null && List.of(message.getAttribute("data-row-ids").split(" ")).contains(rowId));
    }

    private List<WebElement> platformMessages() {
        return browser.findElements(By.cssSelector("#messages .msg[data-direction='platform']"));
    }

    private void awaitCitizenMessage(String text) {
        wait.withMessage("the citizen's message '" + text + "' in the chat").until(d -> d.findElements(
                By.cssSelector("#messages .msg[data-direction='citizen']")).stream().anyMatch(m -> text(m).contains(text)));
    }

    private WebElement awaitInNewMessage(By what, String description) {
        WebElement message = awaitNewMessage(m -> !m.findElements(what).isEmpty(), description);
        return message.findElement(what);
    }

    private WebElement awaitNewMessage(Function<WebElement, Boolean> matches, String description) {
        return wait.withMessage(() -> description + " (error banner: '" + errorBanner() + "')").until(d -> {
            try {
                List<WebElement> all = platformMessages();
                for (int i = handled; i < all.size(); i++) {
                    if (matches.apply(all.get(i))) {
                        return all.get(i);
                    }
                }
                return null;
            } catch (StaleElementReferenceException re_rendered) {
                return null;
            }
        });
    }
}
