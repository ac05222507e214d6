package org.khanaen.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Chromium on the app under test, for journeys through its pages: Debian's {@code chromium}
 * and {@code chromium-driver} (CI installs both, see {@code .ci/run}). Where they are missing the
 * journeys are skipped, not failed: a developer's machine may not have them.
 */
public final class Browser implements AutoCloseable {

    /** Debian's paths; {@code -Dwebdriver.chrome.driver=…} and {@code -Dkhanaen.chromium=…} point elsewhere. */
    static final Path DRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("khanaen.chromium", "/usr/bin/chromium"));
    /** Under web/target: for people to look at, never committed. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", ""), "target", "screenshots");
    /** CSS pixels: about six phone screens. */
    private static final double MAX_SCREENSHOT_HEIGHT = 5000;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How many Tab stops from the top of a page must show the focus: the skip link, the brand, the first links. */
    private static final int FOCUS_STOPS = 4;
    private static final String ACCESSIBILITY = script("accessibility.js");
    private static final Logger LOG = LoggerFactory.getLogger(Browser.class);

    private final String journey;
    private final Look look;
    private final Path profile;
    private final ChromeDriver driver;
    private final URI app;

    /** Skips the calling test, saying why, when chromium or its driver is not installed or journeys are switched off. */
    static void assumeInstalled() {
        if (Boolean.getBoolean("khanaen.browser.skip")) {
            // CI's second pass (the same suite against a real MariaDB server): the journeys test pages, not the
            // database, and already ran in the first pass
            abort("khanaen.browser.skip is set: browser journeys skipped on this run");
        }
        for (Path program : new Path[] { CHROMIUM, DRIVER }) {
            if (!Files.isExecutable(program)) {
                String why = program + " is missing: browser journeys skipped (apt-get install chromium chromium-driver)";
                LOG.warn(why); // in the build's output too, not only in the test report
                abort(why);
            }
        }
    }

    /**
     * A browser for one journey, seen one way: screen size and language (set as the app's language cookie
     * before the first page, as a person who chose it earlier). It skips the test (a JUnit assumption)
     * where there is no chromium. Screenshots are named {@code <journey>-<size>-<language>-<step>.png}.
     */
    public static Browser start(int port, String journey, Look look) {
        assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        if (look.size() == Look.Size.PHONE) {
            // the phone's screen emulated, because headless Chromium does not make a window that narrow (a
            // 390-pixel window gave pages 485 pixels wide); mobile: the viewport meta tag counts, as on a
            // phone; twice the pixels for legible Thai
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", look.size().width,
                    "height", look.size().height, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        } else {
            options.addArguments("--window-size=" + look.size().width + "," + look.size().height);
        }
        return new Browser(port, journey, look, options);
    }

    private Browser(int port, String journey, Look look, ChromeOptions options) {
        this.journey = journey;
        this.look = look;
        this.profile = temporaryFolder();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // a fresh profile: no cookie (language, session) carried over from another journey
                "--user-data-dir=" + profile);
        // the driver's path given outright, so Selenium Manager neither looks for a driver nor tries to
        // download one (CI, like this machine, has no internet)
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        try {
            this.driver = new ChromeDriver(service, options);
        } catch (RuntimeException cannotStart) {
            delete(profile);
            throw cannotStart;
        }
        this.app = URI.create("http://localhost:" + port + "/");
        // the cookie LocaleConfiguration reads; without it the app speaks Thai, whatever the browser asks for
        driver.executeCdpCommand("Network.setCookie", Map.of("name", "khanaen-lang", "value", look.language().tag(), "url", app.toString(),
                "path", "/"));
    }

    public Look look() {
        return look;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Goes to a path of the app, e.g. {@code /join/some-org?lang=en}, and waits for the page. */
    public void open(String path) {
        driver.get(app.resolve(path).toString());
    }

    /** Signs in on the sign-in page as a person would: name, password, Enter in the last field; fails if refused. */
    public void signIn(String username, String password) {
        if (!location().equals("/login")) {
            open("/login");
        }
        type("username", username);
        type("password", password);
        enter(find(By.id("password")));
        assertThat(location()).as("after signing in as " + username).doesNotStartWith("/login");
    }

    /** Where the browser is, as path and query, e.g. {@code /join/some-org/sent}. */
    public String location() {
        URI here = URI.create(driver.getCurrentUrl());
        return here.getRawPath() + (here.getRawQuery() == null ? "" : "?" + here.getRawQuery());
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Replaces what a field holds with what a person would type. */
    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Presses Enter on an element, as a person on a keyboard does, and waits for the next page: in a field
     * it submits the form, on a link it follows it.
     */
    public void enter(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.sendKeys(Keys.ENTER);
        until(unused -> replaced(page));
    }

    /**
     * Clicks a button whose form asks first (data-confirm, static/js/confirm.js) and answers the question:
     * yes sends the form and waits for the next page, no leaves the page as it is. Gives the question asked.
     */
    public String answer(WebElement button, boolean yes) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        Alert question = until(ExpectedConditions.alertIsPresent());
        String text = question.getText();
        if (yes) {
            question.accept();
            until(unused -> replaced(page));
        } else {
            question.dismiss();
        }
        return text;
    }

    /**
     * A key page of the journey: saved as a screenshot, then checked — no sideways scrolling, and the basic
     * accessibility of {@link #checkAccessibility()}.
     */
    public void keyPage(String step) {
        screenshot(step);
        // the content no wider than the layout viewport (window.innerWidth would not tell on a phone, which
        // zooms out to show content that is too wide)
        Object overflow = driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("CSS pixels by which %s is wider than the %s screen", location(), look.size()).isEqualTo(0L);
        checkAccessibility();
    }

    /**
     * Basic accessibility of the page as it is: {@code <html lang>} is the look's language; every field
     * has a label; text meets WCAG AA contrast against its background (accessibility.js); and the first few
     * stops of the Tab key show where the focus is (an outline or a shadow).
     */
    public void checkAccessibility() {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) driver.executeScript(ACCESSIBILITY, look.language().tag());
        assertThat(problems).as("accessibility problems on %s (%s)", location(), look).isEmpty();
        assertThat(focusWithoutOutline()).as("Tab stops without a visible focus on %s (%s)", location(), look).isEmpty();
    }

    /** Tabs from the top of the page through its first stops; those that do not show the focus. */
    private List<String> focusWithoutOutline() {
        // Tab goes on from where the page was last clicked or focused: start it from the top, from a mark
        // that takes the focus but is no Tab stop itself
        driver.executeScript("""
                var mark = document.createElement('span');
                mark.id = 'khanaen-tab-start';
                mark.tabIndex = -1;
                document.body.prepend(mark);
                mark.focus();""");
        List<String> invisible = new ArrayList<>();
        for (int stop = 0; stop < FOCUS_STOPS; stop++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Object problem = driver.executeScript("""
                    var e = document.activeElement;
                    if (!e || e === document.body) { return 'nothing takes the focus'; }
                    var s = getComputedStyle(e);
                    var shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                    return shown ? null : e.tagName.toLowerCase() + ' "' + (e.textContent || e.name || '').trim().slice(0, 40) + '"';""");
            if (problem != null) {
                invisible.add(problem.toString());
            }
        }
        driver.executeScript("""
                document.getElementById('khanaen-tab-start').remove();
                if (document.activeElement) { document.activeElement.blur(); }
                window.scrollTo(0, 0);""");
        return invisible;
    }

    /**
     * Clicks what loads another page (a link, a form's button) and waits until the old page is gone: up to 30 s, as a
     * page that writes (a war-room approval) once took over 10 s on a 2-core machine busy with the whole suite.
     */
    public void follow(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        until(Duration.ofSeconds(30), unused -> replaced(page));
    }

    /**
     * Whether the element's page has been replaced. Not ExpectedConditions.stalenessOf: in the midst of
     * the change Chromium may answer neither "here" nor "stale" but "Node with given id does not belong
     * to the document", which that condition does not expect.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException | NoSuchElementException gone) {
            return true;
        } catch (WebDriverException midway) {
            return false; // ask again
        }
    }

    /** Waits, a few seconds at most, until the condition gives something other than null or false. */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return until(PATIENCE, condition);
    }

    public <T> T until(Duration patience, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).until(condition);
    }

    /**
     * Saves the whole page, not only the part in the window, as
     * {@code web/target/screenshots/<journey>-<size>-<language>-<step>.png}; through the DevTools protocol,
     * because WebDriver's own screenshot stops at the window's edge.
     */
    public Path screenshot(String step) {
        String name = journey + "-" + look + "-" + step;
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
        // the top of a very long page (a lead's hundreds of stations) is what a person sees; all of it would
        // be an image too large to look at
        double height = Math.min(((Number) size.get("height")).doubleValue(), MAX_SCREENSHOT_HEIGHT);
        Map<String, Object> page = Map.of("x", 0, "y", 0, "scale", 1, "width", size.get("width"), "height", height);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", page));
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static String script(String name) {
        try (var in = Browser.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("khanaen-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover profile in the temporary folder harms nothing
        }
    }
}
