package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit: many plain tickets written at once share statements and still get exact, consecutive numbers. */
@QuarkusTest
class TicketWriterTest {
    @Inject
    TicketWriter writer;

    private static TicketOrder order(String hall, String item, String queue, String key, String sealed) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new TicketOrder(hall, item, queue, UUID.randomUUID(), "KIOSK", "NORMAL", now, now, null, null, null, null, sealed,
                null, key, "hash-" + key);
    }

    private static TicketOrder plain(String hall, String queue, String key) {
        return order(hall, null, queue, key, null);
    }

    private static String item(String queue, Integer dailyQuota) {
        String code = "W-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> item = new HashMap<>(Map.of("code", code, "name", "事项", "department", "测试局", "level", "CITY",
                "category", "IMMEDIATE", "statutoryLimit", 1, "onlineCapable", false, "queueCode", queue));
        if (dailyQuota != null) {
            item.put("dailyQuota", dailyQuota);
        }
        Api.as(Api.adminToken()).body(item).post("/api/v1/items").then().statusCode(201);
        return code;
    }

    @Test
    void ticketsWrittenTogetherGetConsecutiveNumbersEventsAndOneTicketPerKey() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        List<TicketOrder> tickets = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            tickets.add(plain(hall, i % 2 == 0 ? "A" : "B", "key-" + i));
        }
        TicketOrder retry = plain(hall, "B", "key-1");
        tickets.add(retry);

        // the later order with key-1 is left out, or fails with the unique violation if both are written at once
        List<Uni<Row>> writes = tickets.stream().map(order -> writer.writePlain(order)
                .onFailure(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())).recoverWithNull()).toList();
        List<Row> rows = Uni.join().all(writes).andFailFast().await().atMost(Duration.ofSeconds(30));

        long written = rows.stream().filter(java.util.Objects::nonNull).count();
        assertThat(written).as("one ticket per Idempotency-Key").isEqualTo(120);
        assertThat(rows.get(rows.size() - 1) == null || rows.get(1) == null).as("the later of the two with key-1 is not written").isTrue();
        try (Connection db = LocalServicesResource.connect()) {
            assertThat(numbers(db, hall, "A")).as("queue A: 1..60, no gaps").containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 60).boxed().toList());
            assertThat(numbers(db, hall, "B")).as("queue B: distinct").doesNotHaveDuplicates().hasSize(60);
            try (var statement = db.prepareStatement("""
                    select (select count(*) from event_outbox where hall_code = ? and type = 'ticket.issued'),
                           (select count(*) from ticket_history h join ticket t on t.id = h.ticket_id where t.hall_code = ? and h.step = 'ISSUED'),
                           (select sum(waiting) from queue_waiting where hall_code = ?)""")) {
                statement.setString(1, hall);
                statement.setString(2, hall);
                statement.setString(3, hall);
                ResultSet r = statement.executeQuery();
                r.next();
                assertThat(r.getInt(1)).as("an event per ticket").isEqualTo(120);
                assertThat(r.getInt(2)).as("an issue step per ticket").isEqualTo(120);
                assertThat(r.getInt(3)).as("waiting counts").isEqualTo(120);
            }
        }
    }

    @Test
    void ordersTheBatchCannotResolveCleanlyAreLeftOutAndTakeNoNumber() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        String inB = item("B", null);
        String withQuota = item("A", 5);
        assertThat(writer.writePlain(plain(hall, "A", "used")).await().atMost(Duration.ofSeconds(10))).isNotNull();
        List<TicketOrder> orders = List.of(
                plain(hall, "A", null),
                plain("no-such-hall-" + hall, "A", null),
                plain(hall, "Z", null),
                order(hall, "NO-SUCH-ITEM", null, null, null),
                order(hall, withQuota, null, null, null),
                order(hall, inB, "A", null, null),
                plain(hall, "A", "used"),
                order(hall, inB, null, null, null),
                order(hall, inB, "B", null, null),
                plain(hall, "A", null));

        List<Row> rows = Uni.join().all(orders.stream().map(writer::writePlain).toList()).andFailFast()
                .await().atMost(Duration.ofSeconds(30));

        assertThat(rows.stream().map(row -> row == null ? null : row.getString("number")).toList())
                .as("unknown hall, queue or item, an item with a quota, a queue the item is not served in, a used key: left out")
                .containsExactly("A002", null, null, null, null, null, null, "B001", "B002", "A003");
        assertThat(rows.get(7).getString("item_code")).isEqualTo(inB);
        try (Connection db = LocalServicesResource.connect()) {
            assertThat(numbers(db, hall, "A")).containsExactly(1, 2, 3);
            assertThat(numbers(db, hall, "B")).containsExactly(1, 2);
        }
    }

    @Test
    void anOrderPostgresqlRefusesFailsAloneAndTheOthersOfItsBatchAreWritten() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        List<TicketOrder> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(order(hall, null, "A", null, i == 25 ? "not\u0000text" : null));
        }
        List<String> outcomes = Uni.join().all(orders.stream().map(order -> writer.writePlain(order)
                        .map(row -> row == null ? "not written" : "written")
                        .onFailure().recoverWithItem(failure -> "failed: " + failure.getMessage())).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(outcomes.get(25)).startsWith("failed");
        assertThat(outcomes).filteredOn("written"::equals).hasSize(39);
        try (Connection db = LocalServicesResource.connect()) {
            assertThat(numbers(db, hall, "A")).doesNotHaveDuplicates().hasSize(39);
        }
    }

    @Test
    void numbersGrowPastThreeDigitsWithoutLosingAny() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement(
                     "insert into ticket_counter (hall_code, queue_code, service_date, last_seq) values (?, 'A', ?, 998)")) {
            statement.setString(1, hall);
            statement.setObject(2, LocalDate.now(ZoneId.of("Asia/Shanghai")));
            statement.executeUpdate();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TicketOrder withPendingRule = new TicketOrder(hall, null, "A", UUID.randomUUID(), "KIOSK", "NORMAL", now, now, null,
                "id-hash", null, null, null, null, null, "hash");
        assertThat(withPendingRule.plain()).isFalse();

        assertThat(writer.writePlain(plain(hall, "A", null)).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A999");
        assertThat(writer.writePlain(plain(hall, "A", null)).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A1000");
        NewTicket resolved = new NewTicket(withPendingRule, "A", "A", null, LocalDate.now(ZoneId.of("Asia/Shanghai")), null);
        assertThat(writer.writeOne(resolved).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A1001");
    }

    private static List<Integer> numbers(Connection db, String hall, String queue) throws Exception {
        try (var statement = db.prepareStatement("select seq from ticket where hall_code = ? and queue_code = ? order by seq")) {
            statement.setString(1, hall);
            statement.setString(2, queue);
            ResultSet r = statement.executeQuery();
            List<Integer> seqs = new ArrayList<>();
            while (r.next()) {
                seqs.add(r.getInt(1));
            }
            return seqs;
        }
    }
}
