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
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The kiosk and the call board in real Chromium, driven like a citizen and a hall screen would be. */
@QuarkusTest
class HallScreensBrowserTest {
    @TestHTTPResource("/")
    URI base;
    @jakarta.inject.Inject
    io.siban.common.Clocks clocks;
    @jakarta.inject.Inject
    io.siban.cases.sla.CardSweeper sweeper;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clocks.reset();
    }

    static WebDriver kiosk;
    static WebDriver board;

    @BeforeAll
    static void browsers() throws Exception {
        kiosk = Browser.open(1080, 1920);
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

    /** What an admin does once per kiosk: ask for a pairing code and type it into the kiosk page. */
    void pairKiosk(String hall) {
        String code = pairingCode(hall, "kiosk");
        kiosk.get(base.resolve("/kiosk/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("pair-code")).isDisplayed());
        kiosk.findElement(By.id("pair-code")).sendKeys(code);
        kiosk.findElement(By.cssSelector("#pair-form button")).click();
        wait.until(d -> d.findElement(By.id("step-departments")).isDisplayed());
        assertThat(kiosk.getCurrentUrl()).doesNotContain("token").doesNotContain("?");
    }

    static String pairingCode(String hall, String role) {
        String device = as(adminToken()).body(Map.of("name", role, "role", role, "hall", hall)).post("/api/v1/devices")
                .then().statusCode(201).extract().path("id");
        return as(adminToken()).post("/api/v1/devices/" + device + "/pairing").then().statusCode(201).extract().path("code");
    }

    @Test
    void aTicketTakenAtTheKioskIsCalledOnTheBoardAndAnnounced() throws Exception {
        String hall = hallWithItem();
        board.get(base.resolve("/board/" + hall).toString());
        WebDriverWait waitBoard = Browser.waitFor(board, Duration.ofSeconds(10));
        waitBoard.until(d -> !d.findElements(By.cssSelector("#queues tr[data-queue='A']")).isEmpty());

        pairKiosk(hall);
        WebDriverWait waitKiosk = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        waitKiosk.until(d -> !d.findElements(By.cssSelector("#departments .tile[data-department='市场监管局']")).isEmpty());
        kiosk.findElement(By.cssSelector("#departments .tile[data-department='市场监管局']")).click();
        waitKiosk.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());
        Browser.screenshot(kiosk, "kiosk-items");
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        waitKiosk.until(d -> d.findElement(By.id("ticket-number")).getText().matches("A\\d{3}"));
        String number = kiosk.findElement(By.id("ticket-number")).getText();
        assertThat(kiosk.findElement(By.id("ticket-link")).getText()).contains("/t/");
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.channel;")).isEqualTo("KIOSK");
        waitKiosk.until(d -> !d.findElements(By.cssSelector("#qr img, #qr canvas")).isEmpty());
        Browser.screenshot(kiosk, "kiosk-ticket");

        waitBoard.until(d -> "1".equals(d.findElement(By.cssSelector("#queues tr[data-queue='A'] .waiting")).getText()));

        long called = System.nanoTime();
        as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        Browser.waitFor(board, Duration.ofSeconds(1)).pollingEvery(Duration.ofMillis(20))
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
    void theSupervisorBoardShowsACaseTurningRed() throws Exception {
        String hall = hallWithItem();
        String item = "SV-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "食品经营许可", "department", "市场监管局", "level", "CITY",
                "category", "TIME_LIMITED", "committedLimit", 2, "statutoryLimit", 20, "onlineCapable", false))
                .post("/api/v1/items").then().statusCode(201);
        clocks.use(java.time.Clock.fixed(java.time.OffsetDateTime.parse("2026-10-12T10:00:00+08:00").toInstant(), java.time.ZoneOffset.UTC));
        String caseNumber = as(Api.staffToken("clerk", hall)).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW"))
                .post("/api/v1/cases").then().statusCode(201).extract().path("caseNumber");
        String supervisor = "sup-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(supervisor, "supervisor-password", List.of("supervisor"), List.of(hall));

        board.get(base.resolve("/supervisor/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(board, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        board.findElement(By.id("username")).sendKeys(supervisor);
        board.findElement(By.id("password")).sendKeys("supervisor-password");
        board.findElement(By.cssSelector("#login button")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#counts tr[data-row='TIME_LIMITED']")).isEmpty());
        assertThat(board.findElements(By.cssSelector("#alerts tr[data-case]"))).isEmpty();

        clocks.use(java.time.Clock.fixed(java.time.OffsetDateTime.parse("2026-10-14T17:00:01+08:00").toInstant(), java.time.ZoneOffset.UTC));
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(10));
        wait.until(d -> !d.findElements(By.cssSelector("#alerts tr.red[data-case='" + caseNumber + "']")).isEmpty());
        wait.until(d -> "1".equals(d.findElement(By.cssSelector("#counts tr[data-row='TIME_LIMITED'] td:nth-child(5)")).getText()));
        Browser.screenshot(board, "supervisor");
        board.manage().deleteAllCookies();
        ((JavascriptExecutor) board).executeScript("sessionStorage.clear();");
    }

    @Test
    void citizensFollowTheirTicketAndTheirCase() throws Exception {
        String hall = hallWithItem();
        String clerk = Api.staffToken("clerk", hall);
        // four ahead of mine; the hall tells a ticket its turn is near at three ahead (the default)
        List<io.restassured.response.ExtractableResponse<io.restassured.response.Response>> ahead = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ahead.add(as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
        }
        var mine = as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract();
        String ticket = mine.path("id");
        kiosk.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone
        kiosk.get(base.resolve((String) mine.path("trackUrl")).toString());
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("number")).getText().matches("A\\d{3}"));
        wait.until(d -> d.findElement(By.id("ahead")).getText().equals("4"));
        assertThat(kiosk.findElement(By.id("near")).isDisplayed()).isFalse();
        // others are called: the place moves up live, and at three ahead the page says the turn is near
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        wait.until(d -> d.findElement(By.id("ahead")).getText().equals("3"));
        wait.until(d -> d.findElement(By.id("near")).isDisplayed());
        as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);
        wait.until(d -> d.findElement(By.id("ahead")).getText().equals("2"));
        for (int i : new int[]{2, 3}) {
            anonymous().header("X-Ticket-Key", (String) ahead.get(i).path("accessKey")).delete("/api/v1/tickets/" + ahead.get(i).path("id"))
                    .then().statusCode(200);
        }
        wait.until(d -> d.findElement(By.id("ahead")).getText().equals("0"));
        as(clerk).delete("/api/v1/tickets/" + ahead.get(0).path("id")).then().statusCode(200);
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        wait.until(d -> d.findElement(By.id("status")).getText().contains("1 号窗口"));
        assertThat(kiosk.findElement(By.id("near")).isDisplayed()).isFalse();
        Browser.screenshot(kiosk, "tracker-ticket");

        String item = "TR-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "食品经营许可", "department", "市场监管局", "level", "CITY",
                "category", "TIME_LIMITED", "committedLimit", 5, "statutoryLimit", 20, "onlineCapable", false))
                .post("/api/v1/items").then().statusCode(201);
        var created = as(clerk).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW")).post("/api/v1/cases").then()
                .statusCode(201).extract();
        kiosk.get(base.resolve("/c/" + created.path("caseNumber") + "?code=" + created.path("verificationCode")).toString());
        wait.until(d -> d.findElement(By.id("case-state")).getText().equals("已受理"));
        assertThat(kiosk.findElements(By.cssSelector("#steps li"))).hasSize(2);
        Browser.screenshot(kiosk, "tracker-case");
        kiosk.get(base.resolve("/c/" + created.path("caseNumber") + "?code=000000x").toString());
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(kiosk.findElement(By.id("case-state")).getText()).isEmpty();
        kiosk.manage().window().setSize(new org.openqa.selenium.Dimension(1080, 1920));
    }

    @Test
    void aClerkCallsServesAndFinishesAtTheWindowConsole() throws Exception {
        String hall = hallWithItem();
        String item = "WC-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "个体工商户设立登记", "department", "市场监管局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 3, "onlineCapable", true, "queueCode", "A",
                "requiredDocuments", List.of("身份证", "经营场所证明"))).post("/api/v1/items").then().statusCode(201);
        String ticket = as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
        String clerk = "wc-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(clerk, "clerk-password", List.of("clerk"), List.of(hall));

        WebDriver console = Browser.open(1280, 900);
        try {
            console.get(base.resolve("/window/" + hall + "/1").toString());
            WebDriverWait wait = logIn(console, clerk, "clerk-password");
            board.get(base.resolve("/board/" + hall).toString());
            Browser.waitFor(board, Duration.ofSeconds(10))
                    .until(d -> "1".equals(d.findElement(By.cssSelector("#queues tr[data-queue='A'] .waiting")).getText()));
            console.findElement(By.id("call")).click();
            wait.until(d -> d.findElement(By.id("current-number")).getText().matches("A\\d{3}"));
            String number = console.findElement(By.id("current-number")).getText();
            Browser.waitFor(board, Duration.ofSeconds(1)).pollingEvery(Duration.ofMillis(20))
                    .until(d -> number.equals(d.findElement(By.id("latest-number")).getText()));
            @SuppressWarnings("unchecked")
            List<String> announced = (List<String>) ((JavascriptExecutor) board).executeScript("return window.__announcements;");
            assertThat(announced).containsExactly("请 " + number + " 号到 1 号窗口办理");
            console.findElement(By.id("recall")).click();
            Browser.waitFor(board, Duration.ofSeconds(2)).until(d -> ((List<?>) ((JavascriptExecutor) d)
                    .executeScript("return window.__announcements;")).size() == 2);
            assertThat(console.findElement(By.id("current-reason")).getText()).contains("first in line");
            wait.until(d -> d.findElements(By.cssSelector("#documents input")).size() == 2);
            console.findElement(By.id("start")).click();
            wait.until(d -> d.findElement(By.id("current-status")).getText().equals("办理中"));
            console.findElement(By.cssSelector("#documents input[data-doc='0']")).click();
            Browser.screenshot(console, "window-console");
            console.findElement(By.id("finish-missing")).click();
            wait.until(d -> !d.findElement(By.id("current")).isDisplayed());
        } finally {
            console.quit();
        }
        as(Api.staffToken("clerk", hall)).get("/api/v1/tickets/" + ticket).then().statusCode(200);
        io.restassured.RestAssured.given().get("/api/v1/tickets/" + ticket).then()
                .body("status", org.hamcrest.Matchers.equalTo("DONE"))
                .body("outcome", org.hamcrest.Matchers.equalTo("MISSING_DOCUMENTS"))
                .body("missingDocuments", org.hamcrest.Matchers.contains("经营场所证明"));
    }

    @Test
    void theKioskSaysSoWhenTheDailyQuotaIsUsedUp() {
        String hall = Api.hall("q-" + UUID.randomUUID().toString().substring(0, 8));
        String department = "限号局-" + UUID.randomUUID().toString().substring(0, 4);
        as(adminToken()).body(Map.of("code", "QK-" + UUID.randomUUID().toString().substring(0, 6), "name", "限号事项", "department", department,
                "level", "CITY", "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", false, "queueCode", "A", "dailyQuota", 1))
                .post("/api/v1/items").then().statusCode(201);
        pairKiosk(hall);
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        By departmentTile = By.cssSelector("#departments .tile[data-department='" + department + "']");
        wait.until(d -> !d.findElements(departmentTile).isEmpty());
        kiosk.findElement(departmentTile).click();
        wait.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        wait.until(d -> d.findElement(By.id("ticket-number")).getText().matches("A\\d{3}"));
        kiosk.findElement(By.id("back")).click();
        kiosk.findElement(departmentTile).click();
        wait.until(d -> d.findElement(By.cssSelector("#items .tile")).isDisplayed());
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(kiosk.findElement(By.id("error")).getText()).isEqualTo("今日该事项号源已取完");
    }

    @Test
    void theBoardCatchesUpAfterLosingItsStream() throws Exception {
        String hall = hallWithItem();
        board.get(base.resolve("/board/" + hall).toString());
        WebDriverWait wait = Browser.waitFor(board, Duration.ofSeconds(15));
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

    @Test
    void aKioskPairsOnceWithACodeAndKeepsItsTokenOutOfTheAddress() throws Exception {
        String hall = hallWithItem();
        String code = pairingCode(hall, "kiosk");
        kiosk.get(base.resolve("/kiosk/" + hall + "?token=not-a-token").toString());
        WebDriverWait wait = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("pair-code")).isDisplayed());
        assertThat(kiosk.findElement(By.id("step-departments")).isDisplayed()).isFalse(); // a token in the address is not taken
        assertThat(kiosk.findElements(By.id("priority"))).isEmpty(); // a clerk grants priority, not the kiosk
        kiosk.findElement(By.id("pair-code")).sendKeys(code.toLowerCase());
        wait.until(d -> d.findElement(By.id("hall-name")).getText().startsWith("Test hall"));
        Browser.screenshot(kiosk, "kiosk-pairing");
        kiosk.findElement(By.cssSelector("#pair-form button")).click();
        wait.until(d -> d.findElement(By.id("step-departments")).isDisplayed());
        String stored = (String) ((JavascriptExecutor) kiosk).executeScript("return localStorage.getItem('siban.kiosk.' + arguments[0]);", hall);
        assertThat(stored).isNotBlank();

        // the page comes back paired, from localStorage, with nothing in its address
        kiosk.get(base.resolve("/kiosk/" + hall).toString());
        wait.until(d -> !d.findElements(By.cssSelector("#departments .tile[data-department='市场监管局']")).isEmpty());
        kiosk.findElement(By.cssSelector("#departments .tile[data-department='市场监管局']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        wait.until(d -> d.findElement(By.id("ticket-number")).getText().matches("A\\d{3}"));
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.priority;")).isEqualTo("NORMAL");

        // the same code on another kiosk is refused
        kiosk.get(base.resolve("/kiosk/" + hall).toString());
        ((JavascriptExecutor) kiosk).executeScript("localStorage.removeItem('siban.kiosk.' + arguments[0]);", hall);
        kiosk.navigate().refresh();
        wait.until(d -> d.findElement(By.id("pair-code")).isDisplayed());
        kiosk.findElement(By.id("pair-code")).sendKeys(code);
        kiosk.findElement(By.cssSelector("#pair-form button")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(kiosk.findElement(By.id("error")).getText()).contains("配对码无效");
        assertThat(kiosk.findElement(By.id("step-departments")).isDisplayed()).isFalse();
    }

    @Test
    void serverTextWithMarkupIsShownAsTextAndNeverRuns() throws Exception {
        String hall = Api.hall("x-" + UUID.randomUUID().toString().substring(0, 8));
        String queueName = "<img src=x onerror=\"window.__xss=1\">";
        String itemName = "<img src=x onerror=\"window.__xss=2\">营业执照";
        String department = "<b>市场监管局</b>";
        String document = "<img src=x onerror=\"window.__xss=3\">身份证";
        as(adminToken()).body(Map.of("code", "C", "prefix", "C", "name", queueName)).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(201);
        Api.window(hall, 3, "C");
        as(adminToken()).body(Map.of("code", "XS-" + UUID.randomUUID().toString().substring(0, 6), "name", itemName, "department", department,
                "level", "CITY", "category", "TIME_LIMITED", "committedLimit", 2, "statutoryLimit", 20, "onlineCapable", false,
                "queueCode", "C", "requiredDocuments", List.of(document, "营业执照副本"))).post("/api/v1/items").then().statusCode(201);

        board.get(base.resolve("/board/" + hall).toString());
        WebDriverWait waitBoard = Browser.waitFor(board, Duration.ofSeconds(10));
        waitBoard.until(d -> !d.findElements(By.cssSelector("#queues tr[data-queue='C']")).isEmpty());
        assertThat(board.findElement(By.cssSelector("#queues tr[data-queue='C'] td")).getText()).isEqualTo("C " + queueName);

        pairKiosk(hall);
        WebDriverWait waitKiosk = Browser.waitFor(kiosk, Duration.ofSeconds(10));
        By departmentTile = By.cssSelector("#departments .tile[data-department='" + department + "']");
        waitKiosk.until(d -> !d.findElements(departmentTile).isEmpty());
        assertThat(kiosk.findElement(departmentTile).getText()).isEqualTo(department);
        kiosk.findElement(departmentTile).click();
        waitKiosk.until(d -> !d.findElements(By.cssSelector("#items .tile")).isEmpty());
        assertThat(kiosk.findElement(By.cssSelector("#items .tile")).getText()).isEqualTo(itemName);
        kiosk.findElement(By.cssSelector("#items .tile")).click();
        waitKiosk.until(d -> d.findElement(By.id("ticket-number")).getText().matches("C\\d{3}"));
        String ticket = (String) ((JavascriptExecutor) kiosk).executeScript("return window.__lastTicket.id;");

        String clerk = "xs-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(clerk, "clerk-password", List.of("clerk"), List.of(hall));
        WebDriver console = Browser.open(1280, 900);
        try {
            console.get(base.resolve("/window/" + hall + "/3").toString());
            WebDriverWait wait = logIn(console, clerk, "clerk-password");
            wait.until(d -> d.findElements(By.cssSelector("#transfer-queue option")).size() == 3);
            console.findElement(By.id("call")).click();
            wait.until(d -> d.findElements(By.cssSelector("#documents input")).size() == 2);
            assertThat(console.findElements(By.cssSelector("#documents label")).get(0).getText()).isEqualTo(document);
            assertThat(console.findElements(By.cssSelector("#transfer-queue option")).get(2).getText()).isEqualTo("C " + queueName);
            assertThat(console.findElements(By.cssSelector("#documents img, #transfer-queue img"))).isEmpty();
            Browser.screenshot(console, "window-console-markup");

            // the case key is random, kept for this ticket, and not made from its id
            ((JavascriptExecutor) console).executeScript("""
                    window.__sent = [];
                    const original = window.fetch;
                    window.fetch = (url, options) => { window.__sent.push({ url: String(url), headers: (options || {}).headers || {} });
                                                       return original(url, options); };""");
            console.findElement(By.id("start")).click();
            wait.until(d -> d.findElement(By.id("current-status")).getText().equals("办理中"));
            console.findElement(By.id("finish-case")).click();
            wait.until(d -> ((JavascriptExecutor) d).executeScript("return window.__lastCase && window.__lastCase.id;") != null);
            String sentKey = (String) ((JavascriptExecutor) console).executeScript(
                    "return window.__sent.find(s => s.url === '/api/v1/cases').headers['Idempotency-Key'];");
            assertThat(sentKey).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").doesNotContain(ticket);
            assertThat(((JavascriptExecutor) console).executeScript("return sessionStorage.getItem('siban.case-key.' + arguments[0]);", ticket))
                    .isEqualTo(sentKey);
            assertThat(((JavascriptExecutor) console).executeScript("return window.__xss;")).isNull();
        } finally {
            console.quit();
        }
        assertThat(((JavascriptExecutor) board).executeScript("return window.__xss;")).isNull();
        assertThat(((JavascriptExecutor) kiosk).executeScript("return window.__xss;")).isNull();
        kiosk.findElement(By.id("back")).click();
    }

    @Test
    void swaggerUiStillWorksUnderItsPolicy() {
        board.get(base.resolve("/q/swagger-ui/").toString());
        Browser.waitFor(board, Duration.ofSeconds(15))
                .until(d -> !d.findElements(By.cssSelector(".swagger-ui .info .title")).isEmpty()
                        && d.findElement(By.cssSelector(".swagger-ui .info .title")).getText().contains("Siban API"));
        assertThat(board.findElements(By.cssSelector(".opblock-tag"))).isNotEmpty();
    }

    /** Logs in on a staff screen's form and waits for its content. */
    private static WebDriverWait logIn(WebDriver screen, String username, String password) {
        WebDriverWait wait = Browser.waitFor(screen, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        screen.findElement(By.id("username")).sendKeys(username);
        screen.findElement(By.id("password")).sendKeys(password);
        screen.findElement(By.cssSelector("#login button")).click();
        wait.until(d -> d.findElement(By.id("content")).isDisplayed());
        return wait;
    }
}
