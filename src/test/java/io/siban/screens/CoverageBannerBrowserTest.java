package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.Browser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor board warns from 1 November that next year's holidays are not official, in Chinese and in English. */
@QuarkusTest
class CoverageBannerBrowserTest {
    @TestHTTPResource("/")
    URI base;
    @Inject
    Clocks clocks;

    static WebDriver screen;

    @BeforeAll
    static void browser() throws Exception {
        screen = Browser.open(1920, 1080);
    }

    @AfterAll
    static void close() {
        if (screen != null) {
            screen.quit();
        }
    }

    @AfterEach
    void realTime() {
        clocks.reset();
        if (screen != null) {
            ((JavascriptExecutor) screen).executeScript("localStorage.removeItem('siban.lang'); sessionStorage.clear();");
        }
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    @Test
    void theBannerShowsFromFirstNovemberOnly() throws Exception {
        String hall = Api.hall("cb-" + UUID.randomUUID().toString().substring(0, 8));
        String supervisor = "cb-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(supervisor, "supervisor-password", List.of("supervisor"), List.of(hall));
        at("2026-11-02T10:00:00");
        screen.get(base.resolve("/supervisor/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(screen, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        screen.findElement(By.id("username")).sendKeys(supervisor);
        screen.findElement(By.id("password")).sendKeys("supervisor-password");
        screen.findElement(By.cssSelector("#login button")).click();

        WebElement banner = wait.until(d -> {
            WebElement b = d.findElement(By.id("calendar-warning"));
            return b.isDisplayed() ? b : null;
        });
        assertThat(banner.getText()).startsWith("2027 年节假日安排").contains("暂按法定节假日计算");
        assertThat(banner.getAttribute("data-year")).isEqualTo("2027");
        Browser.screenshot(screen, "supervisor-coverage-banner");

        screen.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("calendar-warning")).getText().startsWith("The 2027 holiday arrangement"));
        screen.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("calendar-warning")).getText().startsWith("2027 年"));

        at("2026-10-30T10:00:00");
        screen.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#tiles .tile")).isEmpty());
        assertThat(screen.findElement(By.id("calendar-warning")).isDisplayed()).as("before 1 November").isFalse();
    }
}
