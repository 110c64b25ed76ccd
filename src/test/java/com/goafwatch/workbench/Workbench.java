package com.goafwatch.workbench;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.goafwatch.support.HeadlessChromium;

/**
 * The web page in headless Chromium for the workbench tests: sign in through the form, wait, read the console.
 * The browsers are reused within the test JVM (a Chromium start costs seconds on a busy machine): a page takes an idle
 * one, or starts one, and starts it signed out with nothing of the last page (cookies, storage, windows, console);
 * {@link #close()} gives it back on a blank page. The HTTP cache is kept, as a returning user's browser keeps it (most of
 * the time saved: the page's scripts come compiled from it); the first page of the JVM loads cold.
 */
final class Workbench implements AutoCloseable {

    private static final java.util.Deque<HeadlessChromium> IDLE = new java.util.ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (IDLE) {
                IDLE.forEach(Workbench::quietlyClose);
            }
        }, "stop-workbench-browsers"));
    }

    final HeadlessChromium chromium;
    final WebDriver browser;
    final WebDriverWait wait;
    private final int port;

    Workbench(int port) {
        this.port = port;
        chromium = cleanBrowser(port);
        browser = chromium.browser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(90)); // generous: the machine is shared
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // lists are re-rendered while they are read
    }

    /** A tablet-sized window (landscape 1024×768 CSS pixels of viewport, roughly). */
    Workbench tablet() {
        browser.manage().window().setSize(new Dimension(1024, 768));
        return this;
    }

    /** Signs in through the login form in English and waits until the page has loaded its project. */
    Workbench signIn(String user, String password) {
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "true".equals(js("return document.body ? document.body.dataset.ready || '' : ''")));
        return this;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /**
     * Clicks once the element takes the click: a toast shown at the bottom for a few seconds can lie over a button
     * there (a click it intercepts never reaches the button, so pressing again is safe).
     */
    void click(String css) {
        wait.ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
            WebElement target = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (target == null) {
                return false;
            }
            target.click();
            return true;
        });
    }

    /**
     * Opens an alert's history and waits for a text in it. The list is redrawn whenever a live event arrives (an
     * acknowledgement sends one), which closes an open history: so the button is pressed again whenever the
     * history is hidden, until the text shows.
     */
    void openHistoryAndAwait(long alertId, String historyCss, String text) {
        String li = "#alert-list li[data-alert='" + alertId + "']";
        wait.until(d -> {
            if (d.findElements(By.cssSelector(li + " .history " + historyCss)).stream().anyMatch(e -> e.getText().contains(text))) {
                return true;
            }
            // pressed only while the history is hidden: a press on an open one would close it
            if (d.findElements(By.cssSelector(li + " .history")).stream().noneMatch(WebElement::isDisplayed)) {
                d.findElements(By.cssSelector(li + " .show-history")).stream().filter(WebElement::isDisplayed).findFirst()
                        .ifPresent(WebElement::click);
            }
            return false;
        });
    }

    void awaitText(String css, String text) {
        wait.until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Switches the page's language with its own button and waits for the alerts tab to be relabelled. */
    void language(String tabLabel) {
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("button[data-tab=alerts]"), tabLabel));
    }

    /** Console messages at SEVERE (script errors, failed requests, CSP violations). */
    List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            chromium.browser().get("about:blank"); // the page's event stream and timers end here
        } catch (org.openqa.selenium.WebDriverException gone) {
            quietlyClose(chromium);
            return;
        }
        synchronized (IDLE) {
            IDLE.push(chromium);
        }
    }

    /** An idle browser (or a new one): one window, 1280×900, no cookie, no storage, no console entry; its HTTP cache kept. */
    private static HeadlessChromium cleanBrowser(int port) {
        while (true) {
            HeadlessChromium idle;
            synchronized (IDLE) {
                idle = IDLE.poll();
            }
            HeadlessChromium chromium = idle == null ? HeadlessChromium.start() : idle;
            try {
                chromium.cleanSlate(port);
                return chromium;
            } catch (org.openqa.selenium.WebDriverException gone) {
                quietlyClose(chromium);
                if (idle == null) {
                    throw gone; // a new browser that cannot even be cleaned: nothing to fall back on
                }
            }
        }
    }

    private static void quietlyClose(HeadlessChromium chromium) {
        try {
            chromium.close();
        } catch (RuntimeException alreadyGone) {
            // nothing left to end
        }
    }
}
