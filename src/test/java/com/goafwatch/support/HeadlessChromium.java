package com.goafwatch.support;

import java.io.File;
import java.util.logging.Level;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's headless Chromium driven through chromedriver on a free port, keeping the console log; close() ends both. */
public record HeadlessChromium(WebDriver browser, ChromeDriverService service) implements AutoCloseable {

    public static HeadlessChromium start() {
        return start(true);
    }

    /**
     * @param webgl false starts the browser with WebGL switched off (the page must say so and draw its fallback map);
     *              true gives WebGL through SwiftShader, the CPU renderer in Chromium, as there is no GPU here
     */
    public static HeadlessChromium start(boolean webgl) {
        return start(webgl, new String[0]);
    }

    /** @param extraArguments further Chromium switches (e.g. {@code --ignore-certificate-errors-spki-list=…}) */
    public static HeadlessChromium start(boolean webgl, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(extraArguments);
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-US");
        if (webgl) {
            // asked for explicitly: Chromium's silent fallback to software WebGL is deprecated and warns in the console
            options.addArguments("--use-angle=swiftshader", "--enable-unsafe-swiftshader");
        } else {
            options.addArguments("--disable-webgl", "--disable-3d-apis");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), service);
    }

    /**
     * As a fresh browser but for its HTTP cache (kept, as a returning user's): one window at 1280×900 on a blank page,
     * no cookie (so signed out), nothing in the storage of the service at {@code port} (language, remembered project)
     * and no console entry left from the page before. Throws WebDriverException when the browser is gone.
     */
    public void cleanSlate(int port) {
        java.util.List<String> windows = java.util.List.copyOf(browser.getWindowHandles());
        for (String extra : windows.subList(1, windows.size())) {
            browser.switchTo().window(extra).close();
        }
        browser.switchTo().window(windows.get(0));
        browser.get("about:blank");
        browser.manage().deleteAllCookies();
        ((ChromeDriver) browser).executeCdpCommand("Storage.clearDataForOrigin",
                java.util.Map.of("origin", "http://127.0.0.1:" + port, "storageTypes", "all"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Override
    public void close() {
        browser.quit();
        service.stop();
    }
}
