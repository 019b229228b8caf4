package io.siban.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Debian's headless Chromium through the system chromedriver (nothing is downloaded). */
public final class Browser {
    private Browser() {
    }

    public static WebDriver open(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("siban-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * A wait that looks again when the screen re-renders the element it was reading: screens replace their rows on
     * every event, so an element found a moment ago may be gone by the time its text is read.
     */
    public static WebDriverWait waitFor(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Saves what the page shows under target/screens (and docs/screens with -Dsiban.screens.update=true). */
    public static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screens", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("siban.screens.update")) {
            Path docs = Path.of("docs", "screens", name + ".png");
            Files.createDirectories(docs.getParent());
            Files.copy(shot.toPath(), docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
