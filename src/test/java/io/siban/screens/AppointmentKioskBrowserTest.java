package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.Browser;
import io.siban.support.HallClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** 预约取号 at the kiosk in real Chromium: a code typed (as a QR scanner types it, ending with Enter) checks a booking in. */
@QuarkusTest
class AppointmentKioskBrowserTest {
    @TestHTTPResource("/")
    URI base;
    @Inject
    Clocks clocks;

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

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static String book(String mobile, String hall, String item, String slotStart, String idNumber) {
        return as(mobile).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("itemCode", item, "slotStart", slotStart, "applicant", Map.of("name", "张三", "idNumber", idNumber)))
                .post("/api/v1/halls/" + hall + "/appointments").then().statusCode(201).extract().path("code");
    }

    @Test
    void aBookingIsCheckedInByItsCodeAndALateOneIsOfferedAnOrdinaryTicket() throws Exception {
        String hall = Api.hall("ak-" + UUID.randomUUID().toString().substring(0, 8));
        String item = "AK-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "营业执照办理", "department", "市场监管局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", true, "queueCode", "A")).post("/api/v1/items")
                .then().statusCode(201);
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 4, "weeklyHours", Map.of("THURSDAY", List.of(List.of("08:30", "10:00")))))
                .put("/api/v1/halls/" + hall + "/slot-templates/" + item).then().statusCode(200);
        String mobile = as(adminToken()).body(Map.of("name", "app", "role", "mobile", "hall", hall)).post("/api/v1/devices")
                .then().statusCode(201).extract().path("token");
        HallClock.at(clocks, "2026-10-08T08:00:00");
        String now = book(mobile, hall, item, "2026-10-08T08:30:00+08:00", "620102199001011233");
        String later = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672");

        String pairing = HallScreensBrowserTest.pairingCode(hall, "kiosk");
        kiosk.get(base.resolve("/kiosk/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("pair-code")).isDisplayed());
        kiosk.findElement(By.id("pair-code")).sendKeys(pairing);
        kiosk.findElement(By.cssSelector("#pair-form button")).click();
        wait.until(d -> d.findElement(By.id("step-departments")).isDisplayed());

        // too early for the 09:00 slot (its check-in opens at 08:30): the ordinary flow is offered
        kiosk.findElement(By.id("appointment-start")).click();
        wait.until(d -> d.findElement(By.id("appointment-code")).isDisplayed());
        kiosk.findElement(By.id("appointment-code")).sendKeys(later + Keys.ENTER);
        wait.until(d -> d.findElement(By.id("appointment-message")).isDisplayed());
        assertThat(kiosk.findElement(By.id("appointment-message")).getText()).contains("请取普通号")
                .contains("08:30–09:15"); // the window the service sent, on the hall's clock, not fixed minutes
        assertThat(kiosk.findElement(By.id("appointment-ordinary")).isDisplayed()).isTrue();
        Browser.screenshot(kiosk, "kiosk-appointment-window");
        kiosk.findElement(By.id("appointment-ordinary")).click();
        wait.until(d -> d.findElement(By.id("step-departments")).isDisplayed());

        kiosk.findElement(By.id("appointment-start")).click();
        wait.until(d -> d.findElement(By.id("appointment-code")).isDisplayed());
        assertThat(kiosk.findElement(By.id("appointment-message")).isDisplayed()).isFalse();
        kiosk.findElement(By.id("appointment-code")).sendKeys("ZZZZZZZZ" + Keys.ENTER);
        wait.until(d -> d.findElement(By.id("appointment-message")).getText().contains("预约码无效"));
        assertThat(kiosk.findElement(By.id("appointment-ordinary")).isDisplayed()).isFalse();

        kiosk.findElement(By.id("appointment-code")).clear();
        kiosk.findElement(By.id("appointment-code")).sendKeys(now.toLowerCase() + Keys.ENTER);
        wait.until(d -> d.findElement(By.id("step-ticket")).isDisplayed());
        wait.until(d -> d.findElement(By.id("ticket-number")).getText().matches("A\\d{3}"));
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.channel;")).isEqualTo("APPOINTMENT");
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.priority;")).isEqualTo("APPOINTMENT");
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.itemCode;")).isEqualTo(item);
        Browser.screenshot(kiosk, "kiosk-appointment-ticket");
        kiosk.findElement(By.id("back")).click();
        wait.until(d -> d.findElement(By.id("step-departments")).isDisplayed());
    }
}
