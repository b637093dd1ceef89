package dev.sluice.http;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Debian {@code chromium} driven through {@code chromedriver} (both from apt, which
 * {@code .ci/run} installs), for the dashboard's browser test: waits, screenshots into
 * {@code target/dashboard-screenshots/}, downloads into a directory of its own, and the axe-core
 * accessibility check ({@code .ci/run} installs it with npm). Missing tools fail with what to install.
 * Not thread-safe: one test drives it.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where {@code .ci/run} installs axe-core, from the module's directory (Maven's working directory). */
    static final Path AXE = Path.of("../.ci/axe/node_modules/axe-core/axe.min.js");
    static final Path SHOTS = Path.of("target/dashboard-screenshots");

    final ChromeDriver driver;
    final Path downloads;

    Browser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the dashboard test needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver"
                        + " (.ci/run installs them)").isTrue();
        downloads = Files.createTempDirectory("sluice-downloads-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--disable-gpu", "--no-first-run");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        Files.createDirectories(SHOTS);
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "an element " + css);
    }

    /** Waits for an element in the page, shown or not (a file input styled away, for one). */
    WebElement present(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null), "an element " + css);
    }

    /** Clicks an element, finding it again if the page redrew it meanwhile. */
    void click(String css) {
        until(d -> {
            find(css).click();
            return true;
        }, "a click on " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's text contains {@code text}. */
    String text(String css, String text) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            String now = found.isEmpty() ? "" : found.get(0).getText();
            return now.contains(text) ? now : null;
        }, css + " reading '" + text + "'");
    }

    /** The text of the rows of a table, read at one moment (the page redraws as events arrive). */
    List<String> rows(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList(), "rows " + css);
    }

    <T> T until(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).withMessage(() -> "waiting for " + what + " on "
                + driver.getCurrentUrl() + ", which reads:\n" + driver.findElement(By.tagName("body")).getText())
                .until(condition);
    }

    void width(int pixels) {
        driver.manage().window().setSize(new Dimension(pixels, pixels < 600 ? 844 : 900));
    }

    /** Saves a screenshot of the whole page as {@code target/dashboard-screenshots/<name>.png}. */
    void shoot(String name) {
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, ((Number) height).intValue() + 140)));
        try {
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Runs axe-core on the page as it stands; answers its serious and critical violations, described. */
    List<String> seriousViolations() throws IOException {
        assertThat(Files.isRegularFile(AXE)).as("the accessibility check needs axe-core at %s: npm install --prefix"
                + " .ci/axe axe-core@4.14.1 (.ci/run installs it)", AXE.toAbsolutePath().normalize()).isTrue();
        ((JavascriptExecutor) driver).executeScript(Files.readString(AXE));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v =>"
                + " v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))), e => done(['axe failed: ' + e]));");
        List<String> violations = new ArrayList<>();
        ((List<?>) result).forEach(v -> violations.add(String.valueOf(v)));
        return violations;
    }

    /** The one file that appears in the download directory, once complete. */
    Path downloaded() {
        return until(d -> {
            try (var files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> !p.toString().endsWith(".crdownload")).toList();
                return done.size() == 1 ? done.get(0) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "a downloaded file in " + downloads);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
