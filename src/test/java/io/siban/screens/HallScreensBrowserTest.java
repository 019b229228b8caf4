package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

/** The kiosk and the call board in real Chromium, driven like a citizen and a hall screen would be. */
@QuarkusTest
class HallScreensBrowserTest {
    @TestHTTPResource("/")
    URI base;

    static WebDriver kiosk;
    static WebDriver board;

    @BeforeAll
    static void browsers() throws Exception {
        kiosk = Browser.open(1080, 1920 / 2);
        board = Browser.open(1920, 1080);
    }

    @AfterAll
    static void close() {
        if (kiosk != null) {
            kiosk.quit();
        }
        if (board != null) {
            board.quit();
        }
    }

    static String hallWithItem() {
        String hall = Api.hall("b-" + UUID.randomUUID().toString().substring(0, 8));
        String code = "BR-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", code, "name", "营业执照办理", "department", "市场监管局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", true, "queueCode", "A",
                "requiredDocuments", List.of("身份证"))).post("/api/v1/items").then().statusCode(201);
        return hall;
    }

    @Test
    void aTicketTakenAtTheKioskIsCalledOnTheBoardAndAnnounced() throws Exception {
        String hall = hallWithItem();
        board.get(base.resolve("/board/" + hall).toString());
        WebDriverWait waitBoard = new WebDriverWait(board, Duration.ofSeconds(10));
        waitBoard.until(d -> !d.findElements(By.cssSelector("#queues tr[data-queue='A']")).isEmpty());

        kiosk.get(base.resolve("/kiosk/" + hall + "?token=" + Api.kioskToken(hall)).toString());
        WebDriverWait waitKiosk = new WebDriverWait(kiosk, Duration.ofSeconds(10));
        waitKiosk.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());
        Browser.screenshot(kiosk, "kiosk-items");
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        waitKiosk.until(d -> d.findElement(By.id("ticket-number")).getText().matches("A\\d{3}"));
        String number = kiosk.findElement(By.id("ticket-number")).getText();
        assertThat(kiosk.findElement(By.id("ticket-link")).getText()).contains("/t/");
        Browser.screenshot(kiosk, "kiosk-ticket");

        waitBoard.until(d -> "1".equals(d.findElement(By.cssSelector("#queues tr[data-queue='A'] .waiting")).getText()));

        long called = System.nanoTime();
        as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        new WebDriverWait(board, Duration.ofSeconds(1)).pollingEvery(Duration.ofMillis(20))
                .until(d -> number.equals(d.findElement(By.id("latest-number")).getText()));
        assertThat(Duration.ofNanos(System.nanoTime() - called)).isLessThan(Duration.ofSeconds(1));
        @SuppressWarnings("unchecked")
        List<String> announced = (List<String>) ((JavascriptExecutor) board).executeScript("return window.__announcements;");
        assertThat(announced).containsExactly("请 " + number + " 号到 1 号窗口办理");
        waitBoard.until(d -> number.equals(d.findElement(By.cssSelector("#windows tr[data-window='1'] .calling")).getText()));
        assertThat(board.getPageSource()).doesNotContain("张");
        Browser.screenshot(board, "board");
    }

    @Test
    void theBoardCatchesUpAfterLosingItsStream() throws Exception {
        String hall = hallWithItem();
        board.get(base.resolve("/board/" + hall).toString());
        WebDriverWait wait = new WebDriverWait(board, Duration.ofSeconds(15));
        wait.until(d -> !d.findElements(By.cssSelector("#queues tr[data-queue='A']")).isEmpty());
        // the stream drops (as when the server restarts); calls made meanwhile must still be announced once
        ((JavascriptExecutor) board).executeScript("window.__dropStream && window.__dropStream();");
        String kioskToken = Api.kioskToken(hall);
        for (int i = 0; i < 2; i++) {
            as(kioskToken).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201);
        }
        String clerk = Api.staffToken("clerk", hall);
        String first = as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).extract().path("number");
        wait.until(d -> first.equals(d.findElement(By.id("latest-number")).getText()));
        @SuppressWarnings("unchecked")
        List<String> announced = (List<String>) ((JavascriptExecutor) board).executeScript("return window.__announcements;");
        assertThat(announced).containsExactly("请 " + first + " 号到 1 号窗口办理");
    }
}
