package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.Browser;
import io.siban.support.KpiScenario;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor board's KPIs and the public scorecard in real Chromium, on a day with known answers. */
@QuarkusTest
class ReportScreensBrowserTest {
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
    }

    String tile(String kpi, String period) {
        return text("#tiles .tile[data-kpi='" + kpi + "'] b[data-period='" + period + "']");
    }

    /** The text of an element; the page redraws its tables on events, so a read may meet a replaced node and try again. */
    static String text(String css) {
        return Browser.waitFor(screen, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    @Test
    void theSupervisorBoardShowsTheDaysKpisAndTheScorecardTheMonths() throws Exception {
        // two tickets called after 5 and 20 minutes, one case closed on time: 50 % called within 15 minutes,
        // a wait P90 of 20 minutes and 100 % on time, for today and for the month
        String hall = KpiScenario.day(clocks, "kb-", "市场监管局").hall();
        String supervisor = "kb-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(supervisor, "supervisor-password", List.of("supervisor"), List.of(hall));
        screen.get(base.resolve("/supervisor/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(screen, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        screen.findElement(By.id("username")).sendKeys(supervisor);
        screen.findElement(By.id("password")).sendKeys("supervisor-password");
        screen.findElement(By.cssSelector("#login button")).click();

        // the rollups follow the events, and the page reads them again on its refresh; reload until they are in
        // (only once the tiles are drawn: a reload while the page still loads them would start it over)
        Browser.waitFor(screen, Duration.ofSeconds(30)).until(d -> {
            if (d.findElements(By.cssSelector("#tiles .tile[data-kpi='servedWithin15MinShare'] b[data-period='today']")).isEmpty()) {
                return false;
            }
            if ("50.0%".equals(tile("servedWithin15MinShare", "today"))) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(tile("servedWithin15MinShare", "month")).isEqualTo("50.0%");
        assertThat(tile("waitP90", "today")).isEqualTo("20 分钟");
        assertThat(tile("onTimeRate", "today")).isEqualTo("100.0%");
        assertThat(tile("completionRate", "month")).isEqualTo("100.0%");
        assertThat(text("#counts tr[data-row='IMMEDIATE'] td")).isEqualTo("即收即办");
        assertThat(text("#by-department tr[data-key='市场监管局'] td:nth-child(3)")).isEqualTo("1");
        assertThat(screen.findElements(By.cssSelector("#trend svg path.series"))).hasSize(3);
        assertThat(text("#by-channel tr[data-key='KIOSK'] td")).isEqualTo("现场取号");
        Browser.screenshot(screen, "supervisor-kpis");

        screen.findElement(By.id("lang")).click();
        wait.until(d -> "Immediate".equals(text("#counts tr[data-row='IMMEDIATE'] td")));
        screen.findElement(By.id("lang")).click();
        ((JavascriptExecutor) screen).executeScript("sessionStorage.clear();");

        screen.get(base.resolve("/scorecard/" + hall + "?month=2026-10").toString());
        wait.until(d -> "2".equals(text("#tickets .tile[data-kpi='issued'] b")));
        assertThat(text("#tickets .tile[data-kpi='servedWithin15MinShare'] b")).isEqualTo("50.0%");
        assertThat(text("#departments tr[data-key='市场监管局'] td:nth-child(4)")).isEqualTo("100.0%");
        assertThat(text("#lists .tile[data-kpi='IMMEDIATE'] .label")).isEqualTo("即收即办");
        Browser.screenshot(screen, "scorecard");
    }
}
