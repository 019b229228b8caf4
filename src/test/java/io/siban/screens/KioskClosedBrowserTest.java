package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The kiosk of a hall outside its service hours, in real Chromium: it says the hall is closed and when it opens. */
@QuarkusTest
class KioskClosedBrowserTest {
    @TestHTTPResource("/")
    URI base;

    static WebDriver kiosk;

    @BeforeAll
    static void browser() throws Exception {
        kiosk = Browser.open(1080, 1920);
    }

    @AfterAll
    static void close() {
        if (kiosk != null) {
            kiosk.quit();
        }
    }

    @Test
    void aKioskShowsTheHallClosedWithItsNextOpeningInChineseAndEnglish() throws Exception {
        String hall = HallScreensBrowserTest.hallWithItem();
        String code = HallScreensBrowserTest.pairingCode(hall, "kiosk");
        kiosk.get(base.resolve("/kiosk/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("pair-code")).isDisplayed());
        kiosk.findElement(By.id("pair-code")).sendKeys(code);
        kiosk.findElement(By.cssSelector("#pair-form button")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#departments .tile[data-department='市场监管局']")).isEmpty());
        kiosk.findElement(By.cssSelector("#departments .tile[data-department='市场监管局']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());

        // the hall closes while the citizen chooses: closed today, open in three days' time from 09:00
        LocalDate opens = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
        as(adminToken()).body(Map.of("weeklyHours", Map.of(), "exceptions", Map.of(opens.toString(), List.of(List.of("09:00", "12:00")))))
                .put("/api/v1/halls/" + hall + "/service-hours").then().statusCode(200);
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        wait.until(d -> d.findElement(By.id("step-closed")).isDisplayed());
        String weekday = "日一二三四五六".substring(opens.getDayOfWeek().getValue() % 7, opens.getDayOfWeek().getValue() % 7 + 1);
        assertThat(kiosk.findElement(By.id("closed-title")).getText()).isEqualTo("当前不在取号时间");
        assertThat(kiosk.findElement(By.id("closed-next")).getText())
                .isEqualTo("下次开放：" + opens.getMonthValue() + "月" + opens.getDayOfMonth() + "日（周" + weekday + "）09:00");
        assertThat(kiosk.findElement(By.id("error")).isDisplayed()).as("no generic error").isFalse();
        Browser.screenshot(kiosk, "kiosk-closed");

        kiosk.findElement(By.id("lang")).click();
        assertThat(kiosk.findElement(By.id("closed-next")).getText()).startsWith("Opens next: ").endsWith(opens + " 09:00");
        kiosk.findElement(By.id("lang")).click();

        kiosk.navigate().refresh();
        wait.until(d -> d.findElement(By.id("step-closed")).isDisplayed());
        assertThat(kiosk.findElement(By.id("closed-next")).getText()).contains("09:00");
    }
}
