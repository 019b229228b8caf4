package io.siban.screens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.sla.CardSweeper;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.Browser;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** 好差评 in real Chromium: a citizen rates on the phone page; a supervisor answers a bad rating on the board. */
@QuarkusTest
class FeedbackScreensBrowserTest {
    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static WebDriver phone;
    static WebDriver board;

    @BeforeAll
    static void browsers() throws Exception {
        phone = Browser.open(390, 844);
        board = Browser.open(1920, 1080);
    }

    @AfterAll
    static void close() {
        if (phone != null) {
            phone.quit();
        }
        if (board != null) {
            board.quit();
        }
    }

    /** A ticket issued at the kiosk (with its key), called, served and finished at window 1 of a fresh hall. */
    record Served(String hall, String id, String key, String clerk) {
    }

    static Served served(String prefix) {
        String hall = Api.hall(prefix + UUID.randomUUID().toString().substring(0, 8));
        String item = "FB-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "营业执照办理", "department", "市场监管局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", true, "queueCode", "A")).post("/api/v1/items")
                .then().statusCode(201);
        var issued = as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract();
        String id = issued.path("id");
        String clerk = "fb-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(clerk, "clerk-password", List.of("clerk"), List.of(hall));
        String token = Api.login(clerk, "clerk-password");
        as(token).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(token).post("/api/v1/tickets/" + id + "/start").then().statusCode(200);
        as(token).body(Map.of("outcome", "COMPLETED_ON_SPOT")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(200);
        return new Served(hall, id, issued.path("accessKey"), clerk);
    }

    Row one(String sql, Object... args) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10));
        assertThat(rows.size()).as(sql).isEqualTo(1);
        return rows.iterator().next();
    }

    static String bodyText(WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Test
    void theRatingPageRatesAServedTicketOnceAndNeverShowsTheKeyOrTheClerk() throws Exception {
        Served ticket = served("rt-");
        WebDriverWait wait = Browser.waitFor(phone, Duration.ofSeconds(10));
        phone.get(base.resolve("/t/" + ticket.id() + "?key=" + ticket.key()).toString());
        wait.until(d -> d.findElement(By.id("rate-ticket")).isDisplayed());
        assertThat(bodyText(phone)).doesNotContain(ticket.key());
        phone.findElement(By.id("rate-ticket")).click();

        wait.until(d -> d.findElement(By.id("rating-form")).isDisplayed());
        assertThat(phone.getCurrentUrl()).contains("/rate/ticket/" + ticket.id());
        assertThat(phone.findElements(By.cssSelector("#levels input[name='score']"))).hasSize(5);
        phone.findElement(By.cssSelector("#levels input[value='5']")).click();
        new Select(phone.findElement(By.cssSelector("select[name='attitude']"))).selectByValue("5");
        new Select(phone.findElement(By.cssSelector("select[name='efficiency']"))).selectByValue("4");
        phone.findElement(By.id("comment")).sendKeys("办事很快，态度很好");
        assertThat(phone.findElement(By.id("comment-count")).getText()).isEqualTo("9 / 500");
        Browser.screenshot(phone, "rating");
        phone.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("thanks")).isDisplayed());
        assertThat(phone.findElement(By.id("rating-form")).isDisplayed()).isFalse();

        Row rating = one("select score, attitude, efficiency, quality, comment, clerk from rating where ticket_id = $1",
                UUID.fromString(ticket.id()));
        assertThat(rating.getInteger("score")).isEqualTo(5);
        assertThat(rating.getInteger("attitude")).isEqualTo(5);
        assertThat(rating.getInteger("efficiency")).isEqualTo(4);
        assertThat(rating.getInteger("quality")).isNull();
        assertThat(rating.getString("comment")).isEqualTo("办事很快，态度很好");
        assertThat(rating.getString("clerk")).isEqualTo(ticket.clerk()); // tied to who served, for staff
        assertThat(bodyText(phone)).doesNotContain(ticket.key()).doesNotContain(ticket.clerk());
        assertThat(phone.getPageSource()).doesNotContain(ticket.clerk());

        // a second try: the page shows what the server says (409), and the first rating stands
        String refused = Api.anonymous().header("X-Ticket-Key", ticket.key()).body(Map.of("score", 1))
                .post("/api/v1/tickets/" + ticket.id() + "/rating").then().statusCode(409).extract().path("detail");
        phone.get(base.resolve("/rate/ticket/" + ticket.id() + "?key=" + ticket.key()).toString());
        wait.until(d -> d.findElement(By.id("rating-form")).isDisplayed());
        phone.findElement(By.cssSelector("#levels input[value='2']")).click();
        phone.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(phone.findElement(By.id("error")).getText()).isNotBlank().isEqualTo(refused);
        assertThat(phone.findElement(By.id("thanks")).isDisplayed()).isFalse();
        assertThat(one("select score from rating where ticket_id = $1", UUID.fromString(ticket.id())).getInteger("score")).isEqualTo(5);

        // the tracker offers no second rating
        phone.get(base.resolve("/t/" + ticket.id() + "?key=" + ticket.key()).toString());
        wait.until(d -> "已办结".equals(d.findElement(By.id("status")).getText()));
        assertThat(phone.findElement(By.id("rate-ticket")).isDisplayed()).isFalse();
    }

    @Test
    void withoutTheKeyTheTrackerOffersNoRatingAndTheServersRefusalsShowOnThePage() {
        Served ticket = served("rk-");
        WebDriverWait wait = Browser.waitFor(phone, Duration.ofSeconds(10));
        phone.get(base.resolve("/t/" + ticket.id()).toString());
        wait.until(d -> "已办结".equals(d.findElement(By.id("status")).getText()));
        assertThat(phone.findElement(By.id("rate-ticket")).isDisplayed()).isFalse();

        phone.get(base.resolve("/rate/ticket/" + ticket.id() + "?key=not-the-key").toString());
        wait.until(d -> d.findElement(By.id("rating-form")).isDisplayed());
        phone.findElement(By.cssSelector("#levels input[value='1']")).click();
        phone.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(phone.findElement(By.id("error")).getText()).isNotBlank();

        // with the key but eight days after the service the rating window has closed: the page says the server's 422
        clocks.use(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)));
        phone.get(base.resolve("/rate/ticket/" + ticket.id() + "?key=" + ticket.key()).toString());
        wait.until(d -> d.findElement(By.id("rating-form")).isDisplayed());
        phone.findElement(By.cssSelector("#levels input[value='3']")).click();
        phone.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        String closed = Api.anonymous().header("X-Ticket-Key", ticket.key()).body(Map.of("score", 3))
                .post("/api/v1/tickets/" + ticket.id() + "/rating").then().statusCode(422).extract().path("detail");
        assertThat(phone.findElement(By.id("error")).getText()).isEqualTo(closed);
        var rows = pool.preparedQuery("select 1 from rating where ticket_id = $1").execute(Tuple.of(UUID.fromString(ticket.id())))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(rows.size()).isZero();
    }

    @Test
    void aClosedCaseIsRatedFromTheCaseTracker() throws Exception {
        String hall = Api.hall("rc-" + UUID.randomUUID().toString().substring(0, 8));
        String item = "RC-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "食品经营许可", "department", "市场监管局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", false)).post("/api/v1/items").then().statusCode(201);
        var created = as(Api.staffToken("clerk", hall)).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW"))
                .post("/api/v1/cases").then().statusCode(201).extract();
        String caseNumber = created.path("caseNumber");
        String code = created.path("verificationCode");
        WebDriverWait wait = Browser.waitFor(phone, Duration.ofSeconds(10));
        phone.get(base.resolve("/c/" + caseNumber + "?code=" + code).toString());
        wait.until(d -> "已受理".equals(d.findElement(By.id("case-state")).getText()));
        assertThat(phone.findElement(By.id("rate-case")).isDisplayed()).isFalse(); // not closed yet

        as(Api.staffToken("reviewer", hall)).header("If-Match", "0").body(Map.of("action", "APPROVE"))
                .post("/api/v1/cases/" + created.path("id") + "/transitions").then().statusCode(200);
        phone.navigate().refresh();
        wait.until(d -> d.findElement(By.id("rate-case")).isDisplayed());
        assertThat(bodyText(phone)).doesNotContain(code);
        phone.findElement(By.id("rate-case")).click();
        wait.until(d -> d.findElement(By.id("rating-form")).isDisplayed());
        assertThat(phone.findElement(By.id("subject")).getText()).isEqualTo(caseNumber + " · 食品经营许可");
        phone.findElement(By.cssSelector("#levels input[value='4']")).click();
        new Select(phone.findElement(By.cssSelector("select[name='integrity']"))).selectByValue("5");
        phone.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("thanks")).isDisplayed());
        Row rating = one("select g.subject, g.score, g.integrity from rating g join service_case c on c.id = g.case_id "
                + "where c.case_number = $1 and g.subject = 'CASE'", caseNumber);
        assertThat(rating.getInteger("score")).isEqualTo(4);
        assertThat(rating.getInteger("integrity")).isEqualTo(5);

        // the English toggle says the same page in English
        phone.findElement(By.id("lang")).click();
        wait.until(d -> "Rate the service".equals(d.findElement(By.cssSelector("header h1")).getText()));
        phone.findElement(By.id("lang")).click();
    }

    @Test
    void aBadRatingIsContactedFromTheWorklistAndAStaleMoveReloadsTheItem() throws Exception {
        Served ticket = served("rw-");
        // the citizen's comment is shown to staff as typed: markup in it never becomes markup on the board
        String comment = "等了很久，<b>窗口态度差</b><img src=x onerror=\"window.__xss=1\">";
        Api.anonymous().header("X-Ticket-Key", ticket.key()).body(Map.of("score", 1, "comment", comment))
                .post("/api/v1/tickets/" + ticket.id() + "/rating").then().statusCode(200);
        Row opened = one("select r.id, r.version from rectification r join rating g on g.id = r.rating_id where g.ticket_id = $1",
                UUID.fromString(ticket.id()));
        String id = opened.getUUID("id").toString();
        int before = opened.getInteger("version");
        String supervisor = "rw-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(supervisor, "supervisor-password", List.of("supervisor"), List.of(ticket.hall()));

        logIn(ticket.hall(), supervisor);
        WebDriverWait wait = boardWait();
        By item = By.cssSelector("#rectifications [data-rectification='" + id + "']");
        wait.until(d -> !d.findElements(item).isEmpty());
        settled(); // the first reads and the stream's replay may redraw it once more
        assertThat(text(board, item, ".state")).isEqualTo("待回访");
        assertThat(text(board, item, ".score")).isEqualTo("1 · 非常不满意");
        assertThat(text(board, item, "blockquote")).isEqualTo(comment);
        assertThat(board.findElements(By.cssSelector("#rectifications img, #rectifications blockquote b"))).isEmpty();
        assertThat(((JavascriptExecutor) board).executeScript("return window.__xss;")).isNull();
        assertThat(text(board, item, ".who")).contains(ticket.clerk()); // staff see who served
        assertThat(board.findElements(By.cssSelector("#rect-counts tr[data-hall='" + ticket.hall() + "']"))).hasSize(1);
        ((JavascriptExecutor) board).executeScript("arguments[0].scrollIntoView()", board.findElement(By.id("rect-section")));
        Browser.screenshot(board, "rectifications");

        board.findElement(item).findElement(By.cssSelector(".note")).sendKeys("已电话联系群众，了解情况");
        int draws = draws();
        board.findElement(item).findElement(By.cssSelector("button[data-action='CONTACT']")).click();
        wait.until(d -> "CONTACTED".equals(d.findElement(item).getDomAttribute("data-state")));
        // drawn from the move's answer, then again after the move's event on the staff stream
        wait.until(d -> draws() >= draws + 2);
        settled();
        assertThat(one("select state from rectification where id = $1", UUID.fromString(id)).getString("state")).isEqualTo("CONTACTED");
        wait.until(d -> text(d, item, ".steps").contains("已电话联系群众，了解情况"));

        // the page still holds the version from before the move (as a second screen would): the move is refused
        // with 412, nothing changes, and the item is reloaded with a message
        int now = one("select version from rectification where id = $1", UUID.fromString(id)).getInteger("version");
        assertThat(now).isGreaterThan(before);
        ((JavascriptExecutor) board).executeScript("arguments[0].dataset.version = arguments[1];", board.findElement(item),
                String.valueOf(before));
        board.findElement(item).findElement(By.cssSelector(".note")).sendKeys("整改完成");
        board.findElement(item).findElement(By.cssSelector("button[data-action='RECTIFY']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#rectifications [data-rectification='" + id + "'] .message")).isEmpty());
        assertThat(text(board, item, ".message")).isEqualTo("该整改已被他人更新，已重新载入，请核对后再操作。");
        assertThat(board.findElement(item).getDomAttribute("data-version")).isEqualTo(String.valueOf(now));
        assertThat(one("select state, version from rectification where id = $1", UUID.fromString(id)).getString("state"))
                .isEqualTo("CONTACTED");
        logOut();
    }

    @Test
    void theAccountabilityListShowsARedCaseUnexplainedThenOverdueThenExplained() throws Exception {
        String hall = Api.hall("ra-" + UUID.randomUUID().toString().substring(0, 8));
        String item = "RA-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "食品经营许可", "department", "市场监管局", "level", "CITY",
                "category", "TIME_LIMITED", "committedLimit", 2, "statutoryLimit", 20, "onlineCapable", false))
                .post("/api/v1/items").then().statusCode(201);
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-10-12T10:00:00+08:00").toInstant(), ZoneOffset.UTC)); // a Monday
        var created = as(Api.staffToken("clerk", hall)).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW"))
                .post("/api/v1/cases").then().statusCode(201).extract();
        String caseNumber = created.path("caseNumber");
        // two working days later at close of business the committed due has passed: a red card
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-10-14T17:00:01+08:00").toInstant(), ZoneOffset.UTC));
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(10));
        String supervisor = "ra-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(supervisor, "supervisor-password", List.of("supervisor"), List.of(hall));

        logIn(hall, supervisor);
        By red = By.cssSelector("#accountability tr.red[data-case='" + caseNumber + "']");
        WebDriverWait wait = boardWait();
        wait.until(d -> !d.findElements(red).isEmpty());
        assertThat(text(board, red, "td.unexplained")).isEqualTo("未说明");
        assertThat(board.findElement(red).getDomAttribute("class")).doesNotContain("unexplained-overdue");

        // three working days on (Monday 17:00), still unexplained: highlighted
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-10-20T10:00:00+08:00").toInstant(), ZoneOffset.UTC));
        board.navigate().refresh();
        By overdue = By.cssSelector("#accountability tr.red.unexplained-overdue[data-case='" + caseNumber + "']");
        wait.until(d -> !d.findElements(overdue).isEmpty());
        ((JavascriptExecutor) board).executeScript("arguments[0].scrollIntoView()", board.findElement(By.id("accountability-section")));
        Browser.screenshot(board, "accountability");

        board.findElement(overdue).findElement(By.cssSelector("button.explain")).click();
        wait.until(d -> d.findElement(By.id("explain-form")).isDisplayed());
        assertThat(board.findElement(By.id("explain-case")).getText()).isEqualTo(caseNumber + " · 红牌");
        board.findElement(By.id("explain-cause")).sendKeys("现场核查排期延误");
        board.findElement(By.id("explain-responsible")).sendKeys("审批科 王某");
        board.findElement(By.id("explain-remedy")).sendKeys("核查改为受理后两个工作日内排定");
        board.findElement(By.cssSelector("#explain-form button[type='submit']")).click();
        wait.until(d -> !d.findElement(By.id("explain-form")).isDisplayed());
        wait.until(d -> text(d, red, "td.explained").startsWith("现场核查排期延误"));
        assertThat(board.findElement(red).getDomAttribute("class")).doesNotContain("unexplained-overdue");
        Row explained = one("select e.card, e.cause, e.responsible, e.remedy, e.actor from case_explanation e "
                + "join service_case c on c.id = e.case_id where c.case_number = $1", caseNumber);
        assertThat(explained.getString("card")).isEqualTo("RED");
        assertThat(explained.getString("responsible")).isEqualTo("审批科 王某");
        assertThat(explained.getString("actor")).isEqualTo(supervisor);
        logOut();
    }

    void logIn(String hall, String supervisor) {
        board.get(base.resolve("/supervisor/" + hall).toString());
        logOut(); // a test that failed before logging out leaves its token behind
        board.navigate().refresh();
        WebDriverWait wait = boardWait();
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        board.findElement(By.id("username")).sendKeys(supervisor);
        board.findElement(By.id("password")).sendKeys("supervisor-password");
        board.findElement(By.cssSelector("#login button")).click();
        wait.until(d -> d.findElement(By.id("content")).isDisplayed());
    }

    static void logOut() {
        board.manage().deleteAllCookies();
        ((JavascriptExecutor) board).executeScript("sessionStorage.clear();");
    }

    /** A wait on the board that reads again when the page redrew what it was reading. */
    static WebDriverWait boardWait() {
        return (WebDriverWait) Browser.waitFor(board, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    }

    /** Until the worklist has not been redrawn for a while: nothing the page is still reading is left to arrive. */
    static void settled() {
        int[] last = {-1};
        Browser.waitFor(board, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(700)).until(d -> {
            int now = draws();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    static int draws() {
        return Integer.parseInt(board.findElement(By.id("rectifications")).getDomAttribute("data-draws"));
    }

    /** The text of a part of an element the page may redraw meanwhile (then it is read again). */
    static String text(WebDriver driver, By item, String part) {
        return Browser.waitFor(driver, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement found = d.findElement(item).findElement(By.cssSelector(part));
                    return found.getText();
                });
    }
}
