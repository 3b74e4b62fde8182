package io.tailor.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for tests, as a person would see a page: Debian's {@code chromium} driven through its
 * {@code chromedriver} (both installed by {@code deploy/ci/install-tools.sh}), at a given window width, with the
 * browser's console kept so a test can assert there were no errors, and screenshots written under
 * {@code target/screenshots/} for a reader to open.
 *
 * <p>Selenium Manager is never asked to download a driver: the paths are Debian's, so the tests need no network
 * beyond loopback.
 */
public final class Browser implements AutoCloseable
{

    /** A laptop's width, and a phone's (the widths pages must work at). */
    public static final int LAPTOP_WIDTH = 1280;
    public static final int PHONE_WIDTH = 390;

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver)
    {
        this.driver = driver;
    }

    /** Opens a headless browser window {@code width} × {@code height} CSS pixels. */
    public static Browser open(int width, int height)
    {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
        {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "run deploy/ci/install-tools.sh (./tailor test does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox; the pages are our own, on loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver);
    }

    /** The WebDriver, for finding elements and navigating. */
    public ChromeDriver driver()
    {
        return driver;
    }

    /** A wait on this browser, polling until {@code timeout}. */
    public WebDriverWait waitUpTo(Duration timeout)
    {
        return new WebDriverWait(driver, timeout);
    }

    /** Writes the visible page as {@code target/screenshots/{name}.png} and returns the path. */
    public Path screenshot(String name)
    {
        try
        {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The browser console's entries at level SEVERE since the last call (failed loads and uncaught errors
     * included), one line each; reading them clears them.
     */
    public List<String> consoleErrors()
    {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .collect(Collectors.toList());
    }

    @Override
    public void close()
    {
        driver.quit();
    }
}
